import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { can, unitScope } from '../../platform/auth/roles.js';
import { nextSerial } from '../../platform/counters.js';
import { isIsoDate, isValidCreditCode, isValidResidentId } from '../../platform/checks.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import { getUnit, listUnits } from '../../platform/units/units.js';
import type { FoiApplicationsTable, FoiTables } from './tables.js';
import type { ApplicationDetail, ApplicationInput, ApplicationSummary, Status } from './model.js';
import { checkAttachment, type CheckedFile } from './attachments.js';
import { replyDueDate, supplementNoticeDeadline, workingDaysLeft, type ClockEvents, type Reminder } from './clock.js';
import { outcomeLabel, type Outcome } from './outcomes.js';
import { REJECT_KINDS, type RejectKind } from './model.js';
import { publicationOf } from './publication.js';

export type FoiTrx = Transaction<PlatformTables & FoiTables>;
export const foiDb = (db: Db) => db.kysely.withTables<FoiTables>();
export type AppRow = Selectable<FoiApplicationsTable>;

/** Tracking code (查询码): 80 random bits, shown once; only its hash is stored. */
export function newTrackingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let s = '';
  for (let i = 0; i < 16; i++) s += alphabet[bytes[i]! % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}`;
}
export const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');

export function assertDate(d: string, field: string, today = chinaToday()): void {
  if (!isIsoDate(d)) throw badRequest('invalid_date', `${field}「${d}」不是有效的日期`);
  if (d > today) throw badRequest('date_in_future', `${field}不能晚于今天（${today}）`);
}

/** May the actor read this unit's applications? Handlers, approvers, and district supervisors. */
export function canRead(actor: Actor, unitId: number): boolean {
  return can(actor, 'foi.handle', unitId) || can(actor, 'foi.approveExtension', unitId) || can(actor, 'district.supervise', unitId);
}

function checkApplicant(input: ApplicationInput): void {
  if (input.applicantKind === 'natural') {
    if (input.legalSubtype) throw badRequest('legal_subtype_not_allowed', '自然人申请不应填写法人或其他组织类型');
    if (input.idType === 'credit_code') throw badRequest('invalid_id_type', '自然人应填写身份证件，而非统一社会信用代码');
    if (input.idType === 'resident_id' && !isValidResidentId(input.idNumber)) {
      throw badRequest('invalid_resident_id', '居民身份证号码不正确（出生日期或校验码不符合 GB 11643）');
    }
  } else {
    if (!input.legalSubtype) throw badRequest('legal_subtype_required', '请选择法人或其他组织的类型');
    if (input.idType !== 'credit_code') throw badRequest('invalid_id_type', '法人或其他组织应填写统一社会信用代码');
    if (!isValidCreditCode(input.idNumber)) throw badRequest('invalid_credit_code', '统一社会信用代码不正确（校验码不符合 GB 32100）');
  }
}

export interface Created {
  id: number;
  number: string;
  trackingCode: string;
  status: Status;
  replayed: boolean;
}

/**
 * File an application: from the public form (online, received when the office accepts it,
 * art. 31) or registered by staff with its channel and receipt date. Number gap-free per
 * year inside the transaction; the same idempotency key returns the first application.
 */
export async function createApplication(db: Db, actor: Actor | null, input: ApplicationInput, files: Array<{ name: string; content: Buffer }> = []): Promise<Created> {
  checkApplicant(input);
  const unit = await getUnit(db, input.unitId).catch(() => null);
  if (!unit || !unit.active) throw badRequest('invalid_unit', '请选择受理申请的单位');
  const staff = actor !== null && can(actor, 'foi.handle', input.unitId);
  if ((input.channel && input.channel !== 'online') || input.receivedOn) {
    if (!actor) throw badRequest('staff_only_fields', '仅工作人员登记申请时可填写渠道和收到日期');
    if (!staff) throw forbidden('没有为该单位登记申请的权限');
  }
  const channel = input.channel ?? 'online';
  if (channel !== 'online' && !input.receivedOn) throw badRequest('received_on_required', '登记当面、邮寄、传真申请时须填写收到日期（条例第三十一条）');
  if (channel === 'online' && input.receivedOn) throw badRequest('received_on_not_allowed', '网上申请以本机关在系统中受理之日为收到日期（条例第三十一条），不能指定');
  if (input.receivedOn) assertDate(input.receivedOn, '收到日期');
  const checked: CheckedFile[] = [
    ...input.attachments.map((a) => checkAttachment(a.name, Buffer.from(a.contentBase64, 'base64'))),
    ...files.map((f) => checkAttachment(f.name, f.content)),
  ];
  if (checked.length > 3) throw badRequest('too_many_attachments', '附件最多 3 个');

  const key = input.idempotencyKey;
  const replay = async (): Promise<Created | null> => {
    if (!key) return null;
    const r = await foiDb(db).selectFrom('foi_receipts').innerJoin('foi_applications as a', 'a.id', 'foi_receipts.application_id')
      .select(['a.id', 'a.number', 'a.status', 'foi_receipts.tracking_code']).where('foi_receipts.key', '=', key).executeTakeFirst();
    return r ? { id: r.id, number: r.number, trackingCode: r.tracking_code, status: r.status as Status, replayed: true } : null;
  };
  const first = await replay();
  if (first) return first;

  const now = new Date();
  const today = chinaToday(now);
  const year = Number((input.receivedOn ?? today).slice(0, 4));
  const code = newTrackingCode();
  const auditActor: Actor = actor ?? { kind: 'system', userId: null, username: 'portal', displayName: '网上申请', unitId: null, grants: [] };
  try {
    return await withAudit(db, auditActor, async (trx0, audit) => {
      const trx = trx0.withTables<FoiTables>();
      const serial = await nextSerial(trx0, db.dialect, 'foi.application', String(year));
      const number = `YSQ-${year}-${String(serial).padStart(5, '0')}`;
      const status: Status = channel === 'online' ? 'submitted' : 'processing';
      const row = await trx.insertInto('foi_applications').values({
        number, year, serial, tracking_hash: hashCode(code), unit_id: input.unitId, status, channel,
        submitted_at: now.toISOString(), received_on: input.receivedOn ?? null,
        applicant_kind: input.applicantKind, legal_subtype: input.applicantKind === 'legal' ? input.legalSubtype! : null,
        applicant_name: input.name, id_type: input.idType, id_number: input.idNumber, contact_phone: input.phone,
        contact_email: input.email, contact_address: input.address, description: input.description, purpose: input.purpose,
        form: input.form, delivery: input.delivery, needs_help: input.needsHelp, extension_days: 0,
        created_by: actor?.userId ?? null, updated_at: now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      for (const f of checked) {
        await trx.insertInto('foi_files').values({ application_id: row.id, purpose: 'application', name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, content: f.content, created_at: now.toISOString() }).execute();
      }
      if (key) {
        await trx.deleteFrom('foi_receipts').where('created_at', '<', new Date(now.getTime() - 86400_000).toISOString()).execute();
        await trx.insertInto('foi_receipts').values({ key, application_id: row.id, tracking_code: code, created_at: now.toISOString() }).execute();
      }
      await addEvent(trx, row.id, input.unitId, auditActor, channel === 'online' ? 'submitted' : 'registered', input.receivedOn ?? null, { channel });
      await audit({ action: 'foi.application.create', entityType: 'foi_application', entityId: row.id, unitId: input.unitId, summary: `${channel === 'online' ? '网上提交' : '登记'}政府信息公开申请 ${number}`, after: { number, channel, receivedOn: input.receivedOn ?? null } });
      return { id: row.id, number, trackingCode: code, status, replayed: false };
    });
  } catch (err) {
    // A concurrent double submission lost the race on the receipt key: answer with the winner.
    const again = await replay();
    if (again) return again;
    throw err;
  }
}

export async function addEvent(trx: FoiTrx | ReturnType<typeof foiDb>, applicationId: number, unitId: number, actor: Actor, kind: string, onDate: string | null, data: unknown = {}): Promise<void> {
  await trx.insertInto('foi_events').values({ application_id: applicationId, at: new Date().toISOString(), kind, on_date: onDate, actor_name: actor.displayName, unit_id: unitId, data_json: JSON.stringify(data) }).execute();
}

export async function loadRow(db: Db | FoiTrx, id: number): Promise<AppRow> {
  const k = 'kysely' in db ? foiDb(db) : db;
  const r = await k.selectFrom('foi_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('申请不存在');
  return r;
}

type PauseRow = Selectable<FoiTables['foi_pauses']>;

export function clockEvents(r: AppRow, pauses: PauseRow[]): ClockEvents {
  const all = pauses.map((p) => ({ kind: p.kind as 'third_party' | 'other_agency', sentOn: p.sent_on, answeredOn: p.answered_on, limitOn: p.limit_on }));
  if (r.fee_notice_on && r.fee_pay_by) all.push({ kind: 'fee' as never, sentOn: r.fee_notice_on, answeredOn: r.fee_paid_on, limitOn: r.fee_pay_by });
  return {
    receivedOn: r.received_on,
    supplement: r.supplement_notice_on ? { noticeOn: r.supplement_notice_on, suppliedOn: r.supplied_on } : null,
    pauses: all,
    extension: r.extension_approved_on ? { approvedOn: r.extension_approved_on, days: r.extension_days } : null,
  };
}

const OPEN: Status[] = ['submitted', 'processing', 'awaiting_supplement', 'awaiting_fee', 'decided'];

/** The limit that matters now: reply, the 补正 notice, the applicant's supplement or fee deadline. */
function nextLimit(cal: WorkingCalendar, r: AppRow, pauses: PauseRow[], due: string | null, today: string): Reminder | null {
  if (!OPEN.includes(r.status as Status)) return null;
  let l: { kind: Reminder['kind']; dueOn: string } | null = null;
  if (r.status === 'awaiting_supplement') l = { kind: 'supplement_notice', dueOn: r.supplement_supply_by! };
  else if (r.status === 'awaiting_fee') l = { kind: 'fee', dueOn: r.fee_pay_by! };
  else if (r.received_on && !r.supplement_notice_on && today <= supplementNoticeDeadline(cal, r.received_on) && r.status === 'processing') {
    l = { kind: 'supplement_notice', dueOn: supplementNoticeDeadline(cal, r.received_on) };
  }
  const open = pauses.find((p) => !p.answered_on);
  if (!l && open) l = { kind: 'pause', dueOn: open.limit_on };
  if (!l && due) l = { kind: 'reply', dueOn: due };
  return l ? { ...l, workingDaysLeft: workingDaysLeft(cal, l.dueOn, today) } : null;
}

async function unitNames(db: Db): Promise<Map<number, string>> {
  return new Map((await listUnits(db, { includeInactive: true })).map((u) => [u.id, u.name]));
}

function summarize(cal: WorkingCalendar, r: AppRow, pauses: PauseRow[], names: Map<number, string>, today: string): ApplicationSummary & { clock: ReturnType<typeof replyDueDate> } {
  const clock = replyDueDate(cal, clockEvents(r, pauses));
  const open = OPEN.includes(r.status as Status);
  return {
    id: r.id, number: r.number, status: r.status as Status, unitId: r.unit_id, unitName: names.get(r.unit_id) ?? '', channel: r.channel,
    applicantKind: r.applicant_kind, legalSubtype: r.legal_subtype, applicantName: r.applicant_name, submittedAt: r.submitted_at,
    receivedOn: r.received_on, dueDate: clock.dueDate,
    workingDaysLeft: clock.dueDate && open ? workingDaysLeft(cal, clock.dueDate, today) : null,
    nextLimit: nextLimit(cal, r, pauses, clock.dueDate, today),
    outcome: (r.outcome as Outcome | null) ?? null, repliedOn: r.replied_on, clock,
  };
}

export async function getApplication(db: Db, actor: Actor, id: number, today = chinaToday()): Promise<ApplicationDetail> {
  const r = await loadRow(db, id);
  if (!canRead(actor, r.unit_id)) throw notFound('申请不存在');
  return detail(db, r, today);
}

export async function detail(db: Db, r: AppRow, today = chinaToday()): Promise<ApplicationDetail> {
  const k = foiDb(db);
  const [cal, pauses, files, events, names, publication] = await Promise.all([
    loadCalendar(db),
    k.selectFrom('foi_pauses').selectAll().where('application_id', '=', r.id).orderBy('id').execute(),
    k.selectFrom('foi_files').select(['id', 'purpose', 'name', 'mime', 'size']).where('application_id', '=', r.id).orderBy('id').execute(),
    k.selectFrom('foi_events').selectAll().where('application_id', '=', r.id).orderBy('id').execute(),
    unitNames(db),
    publicationOf(db, r),
  ]);
  const s = summarize(cal, r, pauses, names, today);
  return {
    ...s,
    idType: r.id_type, idNumber: r.id_number, phone: r.contact_phone, email: r.contact_email, address: r.contact_address,
    description: r.description, purpose: r.purpose, form: r.form, delivery: r.delivery, needsHelp: r.needs_help,
    supplementNoticeDeadline: r.received_on ? supplementNoticeDeadline(cal, r.received_on) : null,
    supplement: r.supplement_notice_on ? { noticeOn: r.supplement_notice_on, supplyBy: r.supplement_supply_by!, items: r.supplement_items ?? '', suppliedOn: r.supplied_on } : null,
    pauses: pauses.map((p) => ({ id: p.id, kind: p.kind, party: p.party, sentOn: p.sent_on, limitOn: p.limit_on, answeredOn: p.answered_on, answerNote: p.answer_note })),
    extension: r.extension_approved_on ? { days: r.extension_days, approvedOn: r.extension_approved_on, approvedBy: r.extension_approved_by ?? '', reason: r.extension_reason ?? '' } : null,
    fee: r.fee_notice_on ? { scheme: r.fee_scheme!, quantity: r.fee_quantity!, amount: r.fee_amount!, noticeOn: r.fee_notice_on, payBy: r.fee_pay_by!, paidOn: r.fee_paid_on } : null,
    outcomeLabel: r.outcome ? outcomeLabel(r.outcome as Outcome) : null,
    outcomeNote: r.outcome_note, referTo: r.refer_to, decidedOn: r.decided_on, replyText: r.reply_text,
    deliveryMethod: r.delivery_method, deliveredOn: r.delivered_on, deliveryNote: r.delivery_note, archivedAt: r.archived_at,
    rejection: r.rejected_on ? { kind: r.reject_kind ?? '', label: REJECT_KINDS[r.reject_kind as RejectKind] ?? '', reason: r.reject_reason ?? '', on: r.rejected_on } : null,
    publication,
    files,
    events: events.map((e) => ({ at: e.at, kind: e.kind, onDate: e.on_date, actorName: e.actor_name, unitId: e.unit_id, data: JSON.parse(e.data_json) as unknown })),
  };
}

export interface ListQuery {
  unitId?: number;
  status?: Status;
  /** only open applications past their due date */
  overdue?: boolean;
  q?: string;
}

/** Applications the actor may see, with due dates and working days left. */
export async function listApplications(db: Db, actor: Actor, query: ListQuery, today = chinaToday()): Promise<ApplicationSummary[]> {
  const scopes = [unitScope(actor, 'foi.handle'), unitScope(actor, 'foi.approveExtension'), unitScope(actor, 'district.supervise')];
  const all = scopes.some((s) => s.all);
  const ids = [...new Set(scopes.flatMap((s) => (s.all ? [] : s.unitIds)))];
  if (!all && ids.length === 0) throw forbidden();
  if (query.unitId !== undefined && !canRead(actor, query.unitId)) throw forbidden('没有查看该单位申请的权限');
  let q = foiDb(db).selectFrom('foi_applications').selectAll().orderBy('id', 'desc');
  if (!all) q = q.where('unit_id', 'in', ids);
  if (query.unitId !== undefined) q = q.where('unit_id', '=', query.unitId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.overdue) q = q.where('status', 'in', OPEN);
  if (query.q) q = q.where((eb) => eb.or([eb('number', 'like', `%${query.q}%`), eb('applicant_name', 'like', `%${query.q}%`)]));
  // Overdue lists must see every open application (old ones first to go overdue); other lists show the newest 1000.
  const rows = await (query.overdue ? q : q.limit(1000)).execute();
  const appIds = rows.map((r) => r.id);
  const pauses = appIds.length ? await foiDb(db).selectFrom('foi_pauses').selectAll().where('application_id', 'in', appIds).execute() : [];
  const byApp = new Map<number, PauseRow[]>();
  for (const p of pauses) byApp.set(p.application_id, [...(byApp.get(p.application_id) ?? []), p]);
  const [cal, names] = await Promise.all([loadCalendar(db), unitNames(db)]);
  const out = rows.map((r) => summarize(cal, r, byApp.get(r.id) ?? [], names, today)).map(({ clock: _c, ...s }) => s);
  return query.overdue ? out.filter((s) => s.workingDaysLeft !== null && s.workingDaysLeft < 0).sort((a, b) => a.workingDaysLeft! - b.workingDaysLeft!) : out;
}

/** Overdue open applications counted per unit (for the district office). */
export async function overdueByUnit(db: Db, actor: Actor, today = chinaToday()): Promise<Array<{ unitId: number; unitName: string; overdue: number }>> {
  const list = await listApplications(db, actor, { overdue: true }, today);
  const m = new Map<number, { unitId: number; unitName: string; overdue: number }>();
  for (const a of list) {
    const e = m.get(a.unitId) ?? { unitId: a.unitId, unitName: a.unitName, overdue: 0 };
    e.overdue++;
    m.set(a.unitId, e);
  }
  return [...m.values()].sort((a, b) => b.overdue - a.overdue);
}

/** The applicant's view: number and tracking code must both match (constant-time). */
export async function findByTracking(db: Db, number: string, code: string): Promise<AppRow | null> {
  const r = await foiDb(db).selectFrom('foi_applications').selectAll().where('number', '=', number.trim().toUpperCase()).executeTakeFirst();
  const given = Buffer.from(hashCode(code), 'hex');
  const stored = Buffer.from(r?.tracking_hash ?? hashCode('x'), 'hex');
  const ok = timingSafeEqual(given, stored);
  return r && ok ? r : null;
}
