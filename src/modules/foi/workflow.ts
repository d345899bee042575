import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Action } from '../../platform/auth/roles.js';
import { authorize } from '../../platform/auth/roles.js';
import { withAudit } from '../../platform/audit/audit.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import { getUnit } from '../../platform/units/units.js';
import type { FoiApplicationsTable, FoiTables } from './tables.js';
import { addEvent, assertDate, canRead, clockEvents, type AppRow, type FoiTrx } from './applications.js';
import { checkExtension, pauseLimit, replyDueDate, supplementNoticeDeadline, FEE_PAY_DAYS, type PauseKind } from './clock.js';
import { feeFor, type FeeScheme } from './fees.js';
import { OUTCOMES, outcomeLabel, type Outcome } from './outcomes.js';
import { checkAttachment } from './attachments.js';
import { DELIVERY_METHODS, REJECT_KINDS, STATUSES, type RejectKind, type Status } from './model.js';
import { draftPublication, type PublicationInput } from './publication.js';

/**
 * The steps of an application (accept → 补正 → opinions → extension → decide → reply →
 * deliver → archive). Each step: permission on the application's unit, state check, the
 * change, a history event and an audit entry — all in one transaction.
 */
interface StepContext {
  row: AppRow;
  trx: FoiTrx;
  /** the same transaction as a `Db`, for other modules' functions that join it (publishing) */
  tdb: Db;
  cal: WorkingCalendar;
  today: string;
}
interface StepResult {
  patch?: Updateable<FoiApplicationsTable>;
  event: string;
  onDate?: string | null;
  data?: unknown;
  summary: string;
}

async function step(db: Db, actor: Actor, id: number, opts: { action?: Action; from: Status[] }, work: (c: StepContext) => Promise<StepResult> | StepResult): Promise<void> {
  const cal = await loadCalendar(db);
  const today = chinaToday();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<FoiTables>();
    let q = trx.selectFrom('foi_applications').selectAll().where('id', '=', id);
    if (db.dialect === 'postgresql') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row || !canRead(actor, row.unit_id)) throw notFound('申请不存在');
    authorize(actor, opts.action ?? 'foi.handle', row.unit_id);
    if (row.status === 'archived') throw conflict('archived', '申请已归档，案卷只读');
    if (!opts.from.includes(row.status as Status)) {
      throw conflict('invalid_state', `申请当前状态为「${STATUSES[row.status as Status]}」，不能执行此操作`);
    }
    const r = await work({ row, trx, tdb: { kysely: trx0, dialect: db.dialect, close: async () => {} }, cal, today });
    if (r.patch) await trx.updateTable('foi_applications').set({ ...r.patch, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await addEvent(trx, id, r.patch?.unit_id !== undefined ? Number(r.patch.unit_id) : row.unit_id, actor, r.event, r.onDate ?? null, r.data ?? {});
    await audit({ action: `foi.${r.event}`, entityType: 'foi_application', entityId: id, unitId: row.unit_id, summary: `${row.number}：${r.summary}`, before: { status: row.status }, after: { ...(r.patch ?? {}), ...(r.data && typeof r.data === 'object' ? r.data : {}) } });
  });
}

const pausesOf = (c: StepContext) => c.trx.selectFrom('foi_pauses').selectAll().where('application_id', '=', c.row.id).execute();
const clockOf = async (c: StepContext) => replyDueDate(c.cal, clockEvents(c.row, await pausesOf(c)));

/** 受理 an online application: its receipt date is the day the office accepts it (art. 31). */
export const accept = (db: Db, actor: Actor, id: number) =>
  step(db, actor, id, { from: ['submitted'] }, ({ today }) => ({ patch: { status: 'processing', received_on: today }, event: 'accept', onDate: today, summary: `受理，收到日期 ${today}` }));

/**
 * 不予受理 of an online submission that is not an application at all (spam, a test, an exact double
 * submission, unreadable). foi.md (art. 31): a web application counts as received only on the day
 * the office confirms it in the system (双方确认之日) — a submission turned away before that was never
 * received, so it gets no clock and is not among the applications of report section 三 (which counts
 * by receipt date; `received_on` stays null). A real application that is a repeat or a petition is
 * accepted and decided as 不予处理 (report row 三（五）) instead.
 */
export const reject = (db: Db, actor: Actor, id: number, b: { kind: RejectKind; note: string }) =>
  step(db, actor, id, { from: ['submitted'] }, ({ row, today }) => {
    if (row.channel !== 'online') throw conflict('not_online', '只有网上提交的申请可以不予受理');
    if (!(b.kind in REJECT_KINDS)) throw badRequest('invalid_reject_kind', '不予受理的原因不正确');
    const reason = `${REJECT_KINDS[b.kind]}${b.note.trim() ? `：${b.note.trim()}` : ''}`;
    return { patch: { status: 'rejected', reject_kind: b.kind, reject_reason: reason, rejected_on: today }, event: 'reject', onDate: today, data: { kind: b.kind, note: b.note }, summary: `不予受理：${reason}` };
  });

/** 依申请公开转主动公开 (条例第四十四条): the disclosed information goes to the publishing pipeline (publication.ts). */
export const publishDisclosure = (db: Db, actor: Actor, id: number, b: PublicationInput) =>
  step(db, actor, id, { from: ['replied', 'delivered'] }, async (c) => {
    const itemId = await draftPublication(c.tdb, actor, c.row, b);
    return { patch: { publication_item_id: itemId }, event: 'publish_proposal', data: { itemId, title: b.title }, summary: `答复内容转主动公开：起草「${b.title}」（内容编号 ${itemId}）并提交审核` };
  });

/** 转办 to the unit that holds the information; the history stays with the application. */
export async function transfer(db: Db, actor: Actor, id: number, toUnitId: number, reason: string): Promise<void> {
  const unit = await getUnit(db, toUnitId).catch(() => null);
  if (!unit || !unit.active) throw badRequest('invalid_unit', '转办的目标单位不存在');
  await step(db, actor, id, { from: ['submitted', 'processing'] }, ({ row }) => {
    if (row.unit_id === toUnitId) throw badRequest('same_unit', '申请已在该单位');
    return { patch: { unit_id: toUnitId }, event: 'transfer', data: { fromUnitId: row.unit_id, toUnitId, reason }, summary: `转办至「${unit.name}」：${reason}` };
  });
}

/** 补正告知 (art. 30): once, within 7 working days of receipt, listing what is missing and a period to supply it. */
export const requestSupplement = (db: Db, actor: Actor, id: number, b: { noticeOn: string; supplyBy: string; items: string }) =>
  step(db, actor, id, { from: ['processing'] }, async (c) => {
    assertDate(b.noticeOn, '补正告知日期');
    if (c.row.supplement_notice_on) throw conflict('supplement_once', '补正告知只能发出一次（条例第三十条）');
    if ((await pausesOf(c)).some((p) => !p.answered_on) || (c.row.fee_notice_on && !c.row.fee_paid_on)) throw conflict('clock_paused', '征求意见或收费期间不能发出补正告知');
    const deadline = supplementNoticeDeadline(c.cal, c.row.received_on!);
    if (b.noticeOn < c.row.received_on!) throw badRequest('date_before_receipt', '补正告知日期不能早于收到申请日期');
    if (b.noticeOn > deadline) throw conflict('supplement_notice_late', `补正告知应在收到申请之日起 7 个工作日内（${deadline} 前）发出（条例第三十条）`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(b.supplyBy) || b.supplyBy <= b.noticeOn) throw badRequest('invalid_supply_by', '补正期限应为告知日期之后的有效日期');
    return { patch: { status: 'awaiting_supplement', supplement_notice_on: b.noticeOn, supplement_supply_by: b.supplyBy, supplement_items: b.items }, event: 'supplement_request', onDate: b.noticeOn, data: { supplyBy: b.supplyBy, items: b.items }, summary: `发出补正告知，补正期限 ${b.supplyBy}` };
  });

/** The supplemented application arrived: the 20-day clock starts again from this day (art. 30). */
export const receiveSupplement = (db: Db, actor: Actor, id: number, b: { suppliedOn: string; note?: string }) =>
  step(db, actor, id, { from: ['awaiting_supplement'] }, ({ row }) => {
    assertDate(b.suppliedOn, '收到补正日期');
    if (b.suppliedOn < row.supplement_notice_on!) throw badRequest('date_before_notice', '收到补正日期不能早于补正告知日期');
    return { patch: { status: 'processing', supplied_on: b.suppliedOn }, event: 'supplement_received', onDate: b.suppliedOn, data: { note: b.note ?? '' }, summary: `收到补正材料，答复期限自 ${b.suppliedOn} 起重新计算` };
  });

/** 征求第三方 / 其他机关意见 (art. 32, 34): pauses the clock (convention in foi.md). */
export const startPause = (db: Db, actor: Actor, id: number, b: { kind: Exclude<PauseKind, 'fee'>; party: string; sentOn: string }) =>
  step(db, actor, id, { from: ['processing'] }, async (c) => {
    assertDate(b.sentOn, '发出征求意见日期');
    const clock = await clockOf(c);
    if (b.sentOn < clock.startOn!) throw badRequest('date_before_start', `征求意见日期不能早于答复期限起算日（${clock.startOn}）`);
    if (b.sentOn > clock.dueDate!) throw conflict('past_due', `答复期限（${clock.dueDate}）已届满，不能再征求意见`);
    const limitOn = pauseLimit(c.cal, b.kind, b.sentOn);
    await c.trx.insertInto('foi_pauses').values({ application_id: c.row.id, kind: b.kind, party: b.party, sent_on: b.sentOn, limit_on: limitOn, answered_on: null, answer_note: null }).execute();
    return { event: 'pause_start', onDate: b.sentOn, data: { kind: b.kind, party: b.party, limitOn }, summary: `${b.kind === 'third_party' ? '征求第三方' : '征求其他机关'}「${b.party}」意见，答复期限 ${limitOn}（所需时间不计入答复期限）` };
  });

export const endPause = (db: Db, actor: Actor, id: number, pauseId: number, b: { answeredOn: string; note: string }) =>
  step(db, actor, id, { from: ['processing'] }, async (c) => {
    assertDate(b.answeredOn, '收到意见日期');
    const p = (await pausesOf(c)).find((x) => x.id === pauseId);
    if (!p) throw notFound('征求意见记录不存在');
    if (p.answered_on) throw conflict('pause_closed', '该征求意见已记录答复');
    if (b.answeredOn < p.sent_on) throw badRequest('date_before_sent', '收到意见日期不能早于发出日期');
    await c.trx.updateTable('foi_pauses').set({ answered_on: b.answeredOn, answer_note: b.note }).where('id', '=', pauseId).execute();
    return { event: 'pause_end', onDate: b.answeredOn, data: { pauseId, note: b.note, late: b.answeredOn > p.limit_on }, summary: `收到「${p.party}」意见${b.answeredOn > p.limit_on ? '（已逾期，逾期部分计入答复期限）' : ''}` };
  });

/** 延长答复期限 (art. 33 ¶2): approved by the disclosure office head, before the first limit. */
export const approveExtension = (db: Db, actor: Actor, id: number, b: { days: number; approvedOn: string; reason: string }) =>
  step(db, actor, id, { action: 'foi.approveExtension', from: ['processing', 'awaiting_fee'] }, async (c) => {
    assertDate(b.approvedOn, '批准延期日期');
    if (!b.reason.trim()) throw badRequest('reason_required', '请填写延期理由');
    const clock = await clockOf(c);
    const problem = checkExtension(clock, b.approvedOn, b.days, c.row.extension_days);
    if (problem) throw conflict('extension_not_allowed', problem);
    const days = c.row.extension_days + b.days;
    return { patch: { extension_days: days, extension_approved_on: b.approvedOn, extension_approved_by: actor.displayName, extension_reason: b.reason }, event: 'extension', onDate: b.approvedOn, data: { days: b.days, reason: b.reason }, summary: `批准延长答复期限 ${b.days} 个工作日：${b.reason}` };
  });

/** 收费通知 (art. 42; 国办函〔2020〕109号): pay within 20 working days; the time does not count. */
export const noticeFee = (db: Db, actor: Actor, id: number, b: { scheme: FeeScheme; quantity?: number; noticeOn: string }) =>
  step(db, actor, id, { from: ['processing'] }, async (c) => {
    assertDate(b.noticeOn, '收费通知日期');
    if (c.row.fee_notice_on) throw conflict('fee_once', '本申请已发出过收费通知');
    let quantity = b.quantity;
    if (b.scheme === 'per_request' && quantity === undefined) {
      // 按件计收: the applicant's requests counted over the natural month of receipt (109号), this one included.
      const month = c.row.received_on!.slice(0, 7);
      const earlier = await c.trx.selectFrom('foi_applications').select(['id', 'received_on']).where('id_number', '=', c.row.id_number)
        .where('received_on', '>=', `${month}-01`).where('received_on', '<=', `${month}-31`).execute();
      quantity = earlier.filter((e) => e.received_on! < c.row.received_on! || (e.received_on === c.row.received_on && e.id <= c.row.id)).length;
    }
    if (quantity === undefined) throw badRequest('quantity_required', '按量计收须填写页数');
    const amount = feeFor(b.scheme, quantity);
    if (amount === 0) throw badRequest('fee_free', b.scheme === 'per_page' ? '30 页以下（含）不收费' : '一个自然月内 10 件以下（含）不收费');
    const payBy = c.cal.addWorkingDays(b.noticeOn, FEE_PAY_DAYS).date;
    return { patch: { status: 'awaiting_fee', fee_scheme: b.scheme, fee_quantity: quantity, fee_amount: amount, fee_notice_on: b.noticeOn, fee_pay_by: payBy }, event: 'fee_notice', onDate: b.noticeOn, data: { scheme: b.scheme, quantity, amount, payBy }, summary: `发出收费通知 ${amount} 元，缴费期限 ${payBy}` };
  });

export const recordFeePaid = (db: Db, actor: Actor, id: number, b: { paidOn: string }) =>
  step(db, actor, id, { from: ['awaiting_fee'] }, ({ row }) => {
    assertDate(b.paidOn, '缴费日期');
    if (b.paidOn < row.fee_notice_on!) throw badRequest('date_before_notice', '缴费日期不能早于收费通知日期');
    if (b.paidOn > row.fee_pay_by!) throw conflict('fee_late', `缴费期限（${row.fee_pay_by}）已过，应作「逾期未缴费」处理`);
    return { patch: { status: 'processing', fee_paid_on: b.paidOn }, event: 'fee_paid', onDate: b.paidOn, summary: `申请人已缴费（${row.fee_amount} 元）` };
  });

/** 办理决定: one outcome (art. 36–39), mapped to one report row. */
export const decide = (db: Db, actor: Actor, id: number, b: { outcome: Outcome; decidedOn: string; note: string; referTo?: string | null }) =>
  step(db, actor, id, { from: ['processing', 'awaiting_supplement', 'awaiting_fee', 'decided'] }, async (c) => {
    assertDate(b.decidedOn, '决定日期');
    if (!OUTCOMES.includes(b.outcome)) throw badRequest('invalid_outcome', '办理结果不正确');
    const r = c.row;
    if (b.decidedOn < (r.received_on ?? '9999')) throw badRequest('date_before_receipt', '决定日期不能早于收到申请日期');
    if (b.outcome === 'other_no_supplement') {
      if (r.status !== 'awaiting_supplement') throw conflict('not_awaiting_supplement', '只有待补正的申请才能按逾期不补正处理');
      if (b.decidedOn <= r.supplement_supply_by!) throw conflict('supplement_period_running', `补正期限（${r.supplement_supply_by}）尚未届满`);
    } else if (b.outcome === 'other_unpaid') {
      if (r.status !== 'awaiting_fee') throw conflict('not_awaiting_fee', '只有待缴费的申请才能按逾期未缴费处理');
      if (b.decidedOn <= r.fee_pay_by!) throw conflict('fee_period_running', `缴费期限（${r.fee_pay_by}）尚未届满`);
    } else if (r.status === 'awaiting_supplement' || r.status === 'awaiting_fee') {
      if (b.outcome !== 'unable_unclear' || r.status !== 'awaiting_supplement' || !r.supplied_on) throw conflict('invalid_state', '申请待补正或待缴费，暂不能作出该办理决定');
    } else if (b.outcome === 'unable_unclear' && !r.supplied_on) {
      throw conflict('no_supplement', '「补正后申请内容仍不明确」须先经过补正');
    }
    if ((await pausesOf(c)).some((p) => !p.answered_on && p.limit_on >= b.decidedOn)) throw conflict('opinion_pending', '征求意见尚未答复且未到期');
    return { patch: { status: 'decided', outcome: b.outcome, outcome_note: b.note, refer_to: b.referTo ?? null, decided_on: b.decidedOn }, event: 'decide', onDate: b.decidedOn, data: { outcome: b.outcome }, summary: `办理决定：${outcomeLabel(b.outcome)}` };
  });

/** 答复: the reply letter (from a template), optionally with files; counted in the report by this date. */
export const reply = (db: Db, actor: Actor, id: number, b: { text: string; repliedOn: string; files?: Array<{ name: string; contentBase64: string }> }) =>
  step(db, actor, id, { from: ['decided'] }, async (c) => {
    assertDate(b.repliedOn, '答复日期');
    if (b.text.trim().length < 10) throw badRequest('reply_text_required', '请填写答复书正文');
    if (b.repliedOn < c.row.decided_on!) throw badRequest('date_before_decision', '答复日期不能早于决定日期');
    const files = (b.files ?? []).map((f) => checkAttachment(f.name, Buffer.from(f.contentBase64, 'base64')));
    if (files.length > 3) throw badRequest('too_many_attachments', '附件最多 3 个');
    for (const f of files) {
      await c.trx.insertInto('foi_files').values({ application_id: c.row.id, purpose: 'reply', name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, content: f.content, created_at: new Date().toISOString() }).execute();
    }
    return { patch: { status: 'replied', reply_text: b.text, replied_on: b.repliedOn }, event: 'reply', onDate: b.repliedOn, data: { files: files.map((f) => f.name) }, summary: `作出答复（${outcomeLabel(c.row.outcome as Outcome)}）` };
  });

/** 送达: how and when; electronic delivery makes the reply downloadable with the tracking code. */
export const deliver = (db: Db, actor: Actor, id: number, b: { method: keyof typeof DELIVERY_METHODS; deliveredOn: string; note: string }) =>
  step(db, actor, id, { from: ['replied'] }, ({ row }) => {
    assertDate(b.deliveredOn, '送达日期');
    if (b.deliveredOn < row.replied_on!) throw badRequest('date_before_reply', '送达日期不能早于答复日期');
    return { patch: { status: 'delivered', delivery_method: b.method, delivered_on: b.deliveredOn, delivery_note: b.note }, event: 'deliver', onDate: b.deliveredOn, data: { method: b.method }, summary: `送达（${DELIVERY_METHODS[b.method]}）` };
  });

/** 归档: the file becomes read-only. */
export const archive = (db: Db, actor: Actor, id: number) =>
  step(db, actor, id, { from: ['delivered'] }, () => ({ patch: { status: 'archived', archived_at: new Date().toISOString() }, event: 'archive', summary: '归档' }));
