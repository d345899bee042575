import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, notFound } from '../../platform/errors.js';
import { loadWorkbook, readSheet, validateRows, type ColumnDef } from '../lists/index.js';
import { asSvcTrx, svcDb, type SvcTrx } from './tables.js';

/**
 * 办理进展: a case number shows the current step of an application. Staff update it, or the
 * service system's export (.xlsx) is imported. Only the case number, the service, the dates and
 * the steps are kept — no applicant data, so the public lookup reveals nothing personal.
 */
export const CASE_STATUS = { in_progress: '办理中', done: '已办结', returned: '已退回' } as const;
export type CaseStatus = keyof typeof CASE_STATUS;

export const CaseUpdateSchema = z.object({
  caseNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '办件编号应为 6–40 位字母、数字或连字符'),
  serviceName: z.string().trim().min(1, '请填写事项名称').max(200),
  receivedOn: z.iso.date('受理日期格式应为 YYYY-MM-DD'),
  currentStep: z.string().trim().min(1, '请填写当前环节').max(100),
  status: z.enum(Object.keys(CASE_STATUS) as [CaseStatus, ...CaseStatus[]]),
  note: z.string().trim().max(500).default(''),
});
export type CaseUpdate = z.infer<typeof CaseUpdateSchema>;

export const CASE_COLUMNS: ColumnDef[] = [
  { key: 'caseNo', label: '办件编号', type: 'text', required: true, max: 40, aliases: ['受理编号', '申报号'] },
  { key: 'serviceName', label: '事项名称', type: 'text', required: true, max: 200 },
  { key: 'receivedOn', label: '受理日期', type: 'date', required: true, aliases: ['受理时间'] },
  { key: 'currentStep', label: '当前环节', type: 'text', required: true, max: 100 },
  { key: 'status', label: '办理状态', type: 'enum', options: Object.values(CASE_STATUS), required: true },
  { key: 'note', label: '说明', type: 'text', max: 500, aliases: ['备注'] },
];

async function upsert(trx: SvcTrx, unitId: number, u: CaseUpdate, source: string, actorName: string): Promise<number> {
  const now = new Date().toISOString();
  const cur = await trx.selectFrom('service_cases').select(['id', 'unit_id', 'current_step', 'status']).where('case_no', '=', u.caseNo).executeTakeFirst();
  let id: number;
  if (cur) {
    if (cur.unit_id !== unitId) throw new AppError(409, 'case_of_other_unit', `办件 ${u.caseNo} 属于其他单位`);
    if (cur.current_step === u.currentStep && cur.status === u.status) return cur.id; // unchanged: no new event
    await trx.updateTable('service_cases').set({ service_name: u.serviceName, received_on: u.receivedOn, current_step: u.currentStep, status: u.status, updated_at: now }).where('id', '=', cur.id).execute();
    id = cur.id;
  } else {
    id = (await trx.insertInto('service_cases').values({ case_no: u.caseNo, unit_id: unitId, service_name: u.serviceName, received_on: u.receivedOn, current_step: u.currentStep, status: u.status, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await trx.insertInto('service_case_events').values({ case_id: id, step: u.currentStep, status: u.status, note: u.note, at: now, source, actor_name: actorName }).execute();
  return id;
}

export async function updateCase(db: Db, actor: Actor, unitId: number, u: CaseUpdate): Promise<CaseView> {
  authorize(actor, 'services.maintain', unitId);
  await withAudit(db, actor, async (trx, audit) => {
    const id = await upsert(asSvcTrx(trx), unitId, u, 'staff', actor.displayName);
    await audit({ action: 'services.caseUpdate', entityType: 'service_case', entityId: id, unitId, summary: `办件 ${u.caseNo}：${u.currentStep}（${CASE_STATUS[u.status]}）` });
  });
  return (await lookupCase(db, u.caseNo))!;
}

/** Import the service system's export: all rows checked first; one transaction; nothing saved on any problem. */
export async function importCases(db: Db, actor: Actor, unitId: number, buffer: Buffer): Promise<{ updated: number }> {
  authorize(actor, 'services.maintain', unitId);
  const wb = await loadWorkbook(buffer);
  const t = readSheet(CASE_COLUMNS, wb.worksheets[0]!);
  const def = { key: 'cases', label: '办理进展', description: '', columns: CASE_COLUMNS, rowKey: ['caseNo'] };
  const r = t.problems.length ? { rows: [], problems: t.problems } : validateRows(def, t.raw, t.letters);
  r.rows.forEach((row, i) => {
    if (row.caseNo && !/^[A-Za-z0-9-]{6,40}$/.test(row.caseNo)) r.problems.push({ row: t.raw[i]!.line, column: t.letters.caseNo ?? '', header: '办件编号', value: row.caseNo, message: '办件编号应为 6–40 位字母、数字或连字符' });
  });
  if (r.problems.length) {
    throw new AppError(400, 'invalid_file', `文件有 ${r.problems.length} 处问题，未保存任何数据。${r.problems.slice(0, 5).map((p) => `第 ${p.row} 行 ${p.column} 列：${p.message}`).join('；')}`, { problems: r.problems });
  }
  const statusCode = (label: string) => (Object.keys(CASE_STATUS) as CaseStatus[]).find((k) => CASE_STATUS[k] === label)!;
  await withAudit(db, actor, async (trx, audit) => {
    for (const row of r.rows) {
      await upsert(asSvcTrx(trx), unitId, { caseNo: row.caseNo!, serviceName: row.serviceName!, receivedOn: row.receivedOn!, currentStep: row.currentStep!, status: statusCode(row.status!), note: row.note ?? '' }, 'import', actor.displayName);
    }
    await audit({ action: 'services.caseImport', entityType: 'unit', entityId: unitId, unitId, summary: `导入办理进展 ${r.rows.length} 件` });
  });
  return { updated: r.rows.length };
}

export interface CaseView {
  caseNo: string;
  unitId: number;
  serviceName: string;
  receivedOn: string;
  currentStep: string;
  status: CaseStatus;
  statusLabel: string;
  updatedAt: string;
  events: Array<{ step: string; statusLabel: string; note: string; at: string }>;
}

/** Public lookup by case number. */
export async function lookupCase(db: Db, caseNo: string): Promise<CaseView | null> {
  const c = await svcDb(db).selectFrom('service_cases').selectAll().where('case_no', '=', caseNo.trim()).executeTakeFirst();
  if (!c) return null;
  const ev = await svcDb(db).selectFrom('service_case_events').select(['step', 'status', 'note', 'at']).where('case_id', '=', c.id).orderBy('id').execute();
  return {
    caseNo: c.case_no, unitId: c.unit_id, serviceName: c.service_name, receivedOn: c.received_on, currentStep: c.current_step, status: c.status as CaseStatus,
    statusLabel: CASE_STATUS[c.status as CaseStatus], updatedAt: c.updated_at,
    events: ev.map((e) => ({ step: e.step, statusLabel: CASE_STATUS[e.status as CaseStatus], note: e.note, at: e.at })),
  };
}

export async function requireCase(db: Db, caseNo: string): Promise<CaseView> {
  const c = await lookupCase(db, caseNo);
  if (!c) throw notFound('未查到该办件编号');
  return c;
}
