import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { can, unitScope } from '../../platform/auth/roles.js';
import { nextSerial } from '../../platform/counters.js';
import { isIsoDate } from '../../platform/checks.js';
import { badRequest, forbidden, notFound, conflict } from '../../platform/errors.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import { getUnit, listUnits } from '../../platform/units/units.js';
import { CHANNELS, OPEN_STATUSES, STATUSES, STAFF_CHANNELS, isOverdue, replyDueDate, workingDaysLeft, type Channel, type Rating, type Status } from './rules.js';
import type { QuestionDetail, QuestionInput, QuestionSummary } from './model.js';
import { replySettings } from './settings.js';
import { oncePerKey, saveReceipt } from './receipts.js';
import { cdb, type ConsultDb, type ConsultTables, type ConsultTrx, type ConsultQuestionsTable } from './tables.js';

export type QuestionRow = Selectable<ConsultQuestionsTable>;
export const citizenActor: Actor = { kind: 'system', userId: null, username: 'portal', displayName: '咨询人（网站）', unitId: null, grants: [] };

/** Tracking code (查询码): 80 random bits, shown once; only its hash is stored. */
export function newTrackingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let s = '';
  for (let i = 0; i < 16; i++) s += alphabet[bytes[i]! % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}`;
}
export const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');

/** Who may read a question: the unit's handlers and reviewers, the district office, supervisors. Unassigned: district only. */
export function canRead(actor: Actor, unitId: number | null): boolean {
  if (can(actor, 'consult.assign') && unitScope(actor, 'consult.assign').all) return true;
  if (unitId === null) return can(actor, 'district.supervise') && unitScope(actor, 'district.supervise').all;
  return can(actor, 'consult.handle', unitId) || can(actor, 'consult.review', unitId) || can(actor, 'district.supervise', unitId);
}

export async function loadQuestion(k: ConsultDb | ConsultTrx, id: number): Promise<QuestionRow> {
  const r = await k.selectFrom('consult_questions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('咨询不存在');
  return r;
}

export async function addEvent(k: ConsultDb | ConsultTrx, q: { id: number; unit_id: number | null }, actor: Actor, kind: string, note = '', internal = false, data: unknown = {}): Promise<void> {
  await k.insertInto('consult_events').values({ question_id: q.id, at: new Date().toISOString(), kind, actor_name: actor.displayName, unit_id: q.unit_id, internal: internal ? 1 : 0, note, data_json: JSON.stringify(data) }).execute();
}

export interface Created {
  id: number;
  number: string;
  trackingCode: string;
  status: Status;
}

/**
 * 收集: a question from the portal form, or entered by staff with the channel it came by (电话、
 * 现场、政务新媒体…) and the day received. Numbered gap-free per year; deadline in working days.
 */
export async function createQuestion(db: Db, actor: Actor | null, input: QuestionInput): Promise<Created & { replayed: boolean }> {
  const staffEntry = input.channel !== undefined && input.channel !== 'portal';
  if (staffEntry || input.receivedOn) {
    if (!actor) throw badRequest('staff_only_fields', '仅工作人员登记咨询时可填写渠道和收到日期');
    if (!input.unitId ? !can(actor, 'consult.assign') : !(can(actor, 'consult.handle', input.unitId) || can(actor, 'consult.assign'))) throw forbidden('没有为该单位登记咨询的权限');
    if (!input.channel || !STAFF_CHANNELS.includes(input.channel)) throw badRequest('channel_required', '请选择咨询渠道');
    if (!input.receivedOn) throw badRequest('received_on_required', '请填写收到日期');
  }
  if (!staffEntry && !input.phone && !input.email) throw badRequest('contact_required', '请至少填写联系电话或电子邮箱，以便告知答复');
  const today = chinaToday();
  if (input.receivedOn && (!isIsoDate(input.receivedOn) || input.receivedOn > today)) throw badRequest('invalid_received_on', `收到日期应为不晚于今天（${today}）的有效日期`);
  if (input.unitId) {
    const unit = await getUnit(db, input.unitId).catch(() => null);
    if (!unit || !unit.active) throw badRequest('invalid_unit', '请选择有效的咨询单位');
  }
  const channel: Channel = input.channel ?? 'portal';
  const receivedOn = input.receivedOn ?? today;
  const auditActor = actor ?? citizenActor;
  return oncePerKey(db, 'consult', input.idempotencyKey, async () => {
    const cal = await loadCalendar(db);
    const code = newTrackingCode();
    return withAudit(db, auditActor, async (trx0, audit) => {
      const trx = trx0.withTables<ConsultTables>();
      const settings = await replySettings(trx, input.unitId ?? null);
      const dueOn = replyDueDate(cal, receivedOn, settings.replyDays);
      const year = receivedOn.slice(0, 4);
      const serial = await nextSerial(trx0, db.dialect, 'consult.question', year);
      const number = `ZX-${year}-${String(serial).padStart(5, '0')}`;
      const status: Status = input.unitId ? 'processing' : 'unassigned';
      const now = new Date().toISOString();
      const row = await trx.insertInto('consult_questions').values({
        number, tracking_hash: hashCode(code), unit_id: input.unitId ?? null, handler_id: null, status, channel, topic: input.topic,
        policy_item_id: input.policyItemId ?? null, policy_title: input.policyTitle, question: input.question, asker_name: input.name,
        contact_phone: input.phone, contact_email: input.email, consent_publish: input.consentPublish ? 1 : 0, submitted_at: now,
        received_on: receivedOn, due_on: dueOn, round: 1, replied_on: null, first_replied_on: null, rating: null, rating_comment: null,
        rated_at: null, reopened: 0, closed_at: null, kb_item_id: null, created_by: actor?.userId ?? null, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const result: Created = { id: row.id, number, trackingCode: code, status };
      await saveReceipt(trx0, 'consult', input.idempotencyKey, row.id, result);
      await addEvent(trx, { id: row.id, unit_id: input.unitId ?? null }, auditActor, channel === 'portal' ? 'submitted' : 'registered', CHANNELS[channel]);
      await audit({ action: 'consult.question.create', entityType: 'consult_question', entityId: row.id, unitId: input.unitId ?? null, summary: `${channel === 'portal' ? '网站提交' : `登记（${CHANNELS[channel]}）`}政策咨询 ${number}`, after: { number, channel, receivedOn, dueOn } });
      return result;
    });
  });
}

function excerpt(s: string, n = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

async function names(db: Db, rows: QuestionRow[]) {
  const units = new Map((await listUnits(db, { includeInactive: true })).map((u) => [u.id, u.name]));
  const ids = [...new Set(rows.map((r) => r.handler_id).filter((x): x is number => x !== null))];
  const users = new Map(ids.length ? (await db.kysely.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((u) => [u.id, u.display_name]) : []);
  return { units, users };
}

export function toSummary(cal: WorkingCalendar, today: string, r: QuestionRow, n: Awaited<ReturnType<typeof names>>): QuestionSummary {
  const status = r.status as Status;
  const open = OPEN_STATUSES.includes(status);
  return {
    id: r.id, number: r.number, unitId: r.unit_id, unitName: r.unit_id ? (n.units.get(r.unit_id) ?? null) : null, handlerId: r.handler_id,
    handlerName: r.handler_id ? (n.users.get(r.handler_id) ?? null) : null, status, statusLabel: STATUSES[status], channel: r.channel,
    channelLabel: CHANNELS[r.channel as Channel] ?? r.channel, topic: r.topic, questionExcerpt: excerpt(r.question), receivedOn: r.received_on,
    dueOn: r.due_on, daysLeft: open ? workingDaysLeft(cal, today, r.due_on) : 0, overdue: isOverdue(status, r.due_on, today), round: r.round,
    rating: r.rating as Rating | null, consentPublish: r.consent_publish === 1, kbItemId: r.kb_item_id,
  };
}

export async function listQuestions(db: Db, actor: Actor, f: { status?: Status; unitId?: number; overdue?: boolean; q?: string; mine?: boolean }): Promise<QuestionSummary[]> {
  let q = cdb(db).selectFrom('consult_questions').selectAll();
  // Units the actor works for; the district office and district-wide supervisors see everything.
  const ids = new Set<number>();
  let all = false;
  for (const a of ['consult.handle', 'consult.review', 'district.supervise', 'consult.assign'] as const) {
    const s = unitScope(actor, a);
    if (s.all) all = true;
    else s.unitIds.forEach((i) => ids.add(i));
  }
  if (!all) q = q.where('unit_id', 'in', ids.size ? [...ids] : [-1]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.mine && actor.userId) q = q.where('handler_id', '=', actor.userId);
  if (f.q) q = q.where((eb) => eb.or([eb('number', '=', f.q!), eb('question', 'like', `%${f.q!.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)]));
  const today = chinaToday();
  if (f.overdue) q = q.where('status', 'in', OPEN_STATUSES).where('due_on', '<', today);
  const rows = await q.orderBy('due_on').orderBy('id').limit(500).execute();
  const [cal, n] = await Promise.all([loadCalendar(db), names(db, rows)]);
  return rows.map((r) => toSummary(cal, today, r, n));
}

export async function getQuestion(db: Db, actor: Actor, id: number): Promise<QuestionDetail> {
  const k = cdb(db);
  const r = await loadQuestion(k, id);
  if (!canRead(actor, r.unit_id)) throw notFound('咨询不存在');
  const [cal, n, replies, events, settings] = await Promise.all([
    loadCalendar(db), names(db, [r]),
    k.selectFrom('consult_replies').selectAll().where('question_id', '=', id).orderBy('id').execute(),
    k.selectFrom('consult_events').selectAll().where('question_id', '=', id).orderBy('id').execute(),
    replySettings(k, r.unit_id),
  ]);
  return {
    ...toSummary(cal, chinaToday(), r, n), question: r.question, policyItemId: r.policy_item_id, policyTitle: r.policy_title, askerName: r.asker_name,
    contactPhone: r.contact_phone, contactEmail: r.contact_email, ratingComment: r.rating_comment, reviewRequired: settings.reviewRequired,
    replies: replies.map((p) => ({ id: p.id, round: p.round, text: p.text, status: p.status, writtenByName: p.written_by_name, writtenAt: p.written_at, reviewedByName: p.reviewed_by_name, reviewComment: p.review_comment, releasedOn: p.released_on, dueOn: p.due_on })),
    events: events.map((e) => ({ at: e.at, kind: e.kind, actorName: e.actor_name, internal: e.internal === 1, note: e.note })),
  };
}

async function checkHandler(db: Db, unitId: number, handlerId: number): Promise<void> {
  const g = await db.kysely.selectFrom('role_grants').innerJoin('users', 'users.id', 'role_grants.user_id').select('users.id')
    .where('role_grants.user_id', '=', handlerId).where('role_grants.role', '=', 'consult_handler').where('users.active', '=', 1)
    .where((eb) => eb.or([eb('role_grants.unit_id', '=', unitId), eb('role_grants.unit_id', 'is', null)])).executeTakeFirst();
  if (!g) throw badRequest('invalid_handler', '所选经办人不是该单位的政策咨询办理人员');
}

/** 分办: the district office sends a question to a unit (and handler); a unit handler may pick the handler within the unit. */
export async function assign(db: Db, actor: Actor, id: number, input: { unitId: number; handlerId?: number | null }): Promise<void> {
  const r = await loadQuestion(cdb(db), id);
  if (!OPEN_STATUSES.includes(r.status as Status) || r.status === 'in_review') throw conflict('not_assignable', `咨询当前状态为「${STATUSES[r.status as Status]}」，不能分办`);
  const sameUnit = r.unit_id === input.unitId;
  if (!(can(actor, 'consult.assign') || (sameUnit && can(actor, 'consult.handle', input.unitId)))) throw forbidden();
  const unit = await getUnit(db, input.unitId).catch(() => null);
  if (!unit || !unit.active) throw badRequest('invalid_unit', '请选择有效的办理单位');
  if (input.handlerId) await checkHandler(db, input.unitId, input.handlerId);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ConsultTables>();
    await trx.updateTable('consult_questions').set({ unit_id: input.unitId, handler_id: input.handlerId ?? null, status: r.status === 'unassigned' ? 'processing' : r.status, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await addEvent(trx, { id, unit_id: input.unitId }, actor, 'assigned', `分办至${unit.name}`, true, { unitId: input.unitId, handlerId: input.handlerId ?? null });
    await audit({ action: 'consult.question.assign', entityType: 'consult_question', entityId: id, unitId: input.unitId, summary: `政策咨询 ${r.number} 分办至${unit.name}`, before: { unitId: r.unit_id, handlerId: r.handler_id }, after: input });
  });
}

/** 转办: the unit holding the question passes it to another unit, with a reason. The reply clock keeps running. */
export async function transfer(db: Db, actor: Actor, id: number, input: { unitId: number; reason: string }): Promise<void> {
  const r = await loadQuestion(cdb(db), id);
  if (!(r.unit_id !== null && can(actor, 'consult.handle', r.unit_id)) && !can(actor, 'consult.assign')) throw forbidden();
  if (!['processing', 'reopened'].includes(r.status)) throw conflict('not_transferable', `咨询当前状态为「${STATUSES[r.status as Status]}」，不能转办`);
  if (input.unitId === r.unit_id) throw badRequest('same_unit', '不能转办给本单位');
  if (input.reason.trim().length < 2) throw badRequest('reason_required', '请填写转办理由');
  const unit = await getUnit(db, input.unitId).catch(() => null);
  if (!unit || !unit.active) throw badRequest('invalid_unit', '请选择有效的办理单位');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ConsultTables>();
    await trx.updateTable('consult_questions').set({ unit_id: input.unitId, handler_id: null, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await addEvent(trx, { id, unit_id: input.unitId }, actor, 'transferred', `转办至${unit.name}：${input.reason}`, true, { from: r.unit_id, to: input.unitId });
    await audit({ action: 'consult.question.transfer', entityType: 'consult_question', entityId: id, unitId: r.unit_id, summary: `政策咨询 ${r.number} 转办至${unit.name}：${input.reason}`, before: { unitId: r.unit_id }, after: { unitId: input.unitId } });
  });
}

/** 内部备注: never shown to the citizen. */
export async function addNote(db: Db, actor: Actor, id: number, note: string): Promise<void> {
  const r = await loadQuestion(cdb(db), id);
  if (!canRead(actor, r.unit_id) || !(r.unit_id === null ? can(actor, 'consult.assign') : can(actor, 'consult.handle', r.unit_id) || can(actor, 'consult.assign'))) throw forbidden();
  if (!note.trim()) throw badRequest('note_required', '备注不能为空');
  await withAudit(db, actor, async (trx0, audit) => {
    await addEvent(trx0.withTables<ConsultTables>(), r, actor, 'note', note.trim(), true);
    await audit({ action: 'consult.question.note', entityType: 'consult_question', entityId: id, unitId: r.unit_id, summary: `政策咨询 ${r.number} 添加内部备注` });
  });
}
