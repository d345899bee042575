import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, unitScope } from '../../platform/auth/roles.js';
import { withAudit } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import type { FoiTables } from './tables.js';
import { assertDate, foiDb } from './applications.js';

/**
 * 行政复议、行政诉讼 about applications (report section 四). A case belongs to the unit whose
 * reply is challenged; it counts in the report of the year it was filed, as 尚未审结 until closed.
 */
export const CASE_KINDS = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' } as const;
export const CASE_RESULTS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

export const CaseInput = z.object({
  unitId: z.number().int().positive(),
  applicationId: z.number().int().positive().nullable().default(null),
  kind: z.enum(['review', 'litigation_direct', 'litigation_after_review']),
  caseNumber: z.string().trim().max(100).default(''),
  filedOn: z.string(),
  result: z.enum(['upheld', 'corrected', 'other', 'pending']).default('pending'),
  closedOn: z.string().nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export type CaseInput = z.infer<typeof CaseInput>;
export const CaseSchema = CaseInput.extend({ id: z.number() });
export type Case = z.infer<typeof CaseSchema>;

function check(c: CaseInput): void {
  assertDate(c.filedOn, '立案（申请）日期');
  if (c.result === 'pending' && c.closedOn) throw badRequest('closed_pending', '尚未审结的案件不应填写审结日期');
  if (c.result !== 'pending') {
    if (!c.closedOn) throw badRequest('closed_on_required', '已审结的案件须填写审结日期');
    assertDate(c.closedOn, '审结日期');
    if (c.closedOn < c.filedOn) throw badRequest('closed_before_filed', '审结日期不能早于立案日期');
  }
}

type Row = FoiTables['foi_cases'];
const toCase = (r: { [K in keyof Row]: K extends 'id' ? number : Row[K] }): Case => ({
  id: r.id, unitId: r.unit_id, applicationId: r.application_id, kind: r.kind as Case['kind'], caseNumber: r.case_number,
  filedOn: r.filed_on, result: r.result as Case['result'], closedOn: r.closed_on, note: r.note,
});

export async function saveCase(db: Db, actor: Actor, input: CaseInput, id?: number): Promise<Case> {
  authorize(actor, 'foi.handle', input.unitId);
  check(input);
  const k = foiDb(db);
  if (input.applicationId !== null) {
    const app = await k.selectFrom('foi_applications').select('unit_id').where('id', '=', input.applicationId).executeTakeFirst();
    if (!app || app.unit_id !== input.unitId) throw badRequest('invalid_application', '关联的申请不存在或不属于该单位');
  }
  return withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<FoiTables>();
    const now = new Date().toISOString();
    const values = { unit_id: input.unitId, application_id: input.applicationId, kind: input.kind, case_number: input.caseNumber, filed_on: input.filedOn, result: input.result, closed_on: input.closedOn, note: input.note, updated_at: now };
    let row;
    if (id === undefined) {
      row = await trx.insertInto('foi_cases').values({ ...values, created_at: now }).returningAll().executeTakeFirstOrThrow();
    } else {
      const before = await trx.selectFrom('foi_cases').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('案件不存在');
      authorize(actor, 'foi.handle', before.unit_id);
      row = await trx.updateTable('foi_cases').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    }
    const c = toCase(row);
    await audit({ action: id === undefined ? 'foi.case.create' : 'foi.case.update', entityType: 'foi_case', entityId: c.id, unitId: c.unitId, summary: `${CASE_KINDS[c.kind]}案件 ${c.caseNumber || c.id}：${CASE_RESULTS[c.result]}`, after: c });
    return c;
  });
}

export async function listCases(db: Db, actor: Actor, unitId?: number, applicationId?: number): Promise<Case[]> {
  const scope = unitScope(actor, 'foi.handle');
  const sup = unitScope(actor, 'district.supervise');
  let q = foiDb(db).selectFrom('foi_cases').selectAll().orderBy('filed_on', 'desc');
  if (!scope.all && !sup.all) {
    if (scope.unitIds.length === 0) throw forbidden();
    q = q.where('unit_id', 'in', scope.unitIds);
  }
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  if (applicationId !== undefined) q = q.where('application_id', '=', applicationId);
  return (await q.execute()).map(toCase);
}
