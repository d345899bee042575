import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { can } from '../../platform/auth/roles.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { getUnit } from '../../platform/units/units.js';
import { RATINGS, STATUSES, afterRating, replyDueDate, type Rating, type Status } from './rules.js';
import { replySettings } from './settings.js';
import { addEvent, citizenActor, hashCode, loadQuestion, type QuestionRow } from './questions.js';
import { cdb, type ConsultTables, type ConsultTrx } from './tables.js';

/** 答复 and 评价: write, review (where the unit requires it), release, rate, reopen once. */

async function release(trx: ConsultTrx, q: QuestionRow, replyId: number, actor: Actor, today: string): Promise<void> {
  await trx.updateTable('consult_replies').set({ status: 'released', released_on: today }).where('id', '=', replyId).execute();
  await trx.updateTable('consult_questions').set({
    status: 'replied', replied_on: today, ...(q.first_replied_on === null && { first_replied_on: today }), updated_at: new Date().toISOString(),
  }).where('id', '=', q.id).execute();
  await addEvent(trx, q, actor, 'replied', q.round === 1 ? '已作出答复' : '已重新答复');
  // The citizen is told (by the contact given) and reads the reply with the tracking code.
  await addEvent(trx, q, actor, 'notified', q.contact_phone || q.contact_email ? '已告知咨询人答复结果，可凭查询码查看' : '答复已可凭查询码查看');
}

export async function writeReply(db: Db, actor: Actor, id: number, text: string): Promise<{ status: Status }> {
  const q = await loadQuestion(cdb(db), id);
  if (q.unit_id === null || !can(actor, 'consult.handle', q.unit_id)) throw forbidden('没有办理该咨询的权限');
  if (q.status !== 'processing' && q.status !== 'reopened') throw conflict('not_answerable', `咨询当前状态为「${STATUSES[q.status as Status]}」，不能答复`);
  const body = text.trim();
  if (body.length < 5) throw badRequest('reply_too_short', '答复内容至少 5 个字');
  const settings = await replySettings(cdb(db), q.unit_id);
  const today = chinaToday();
  return withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ConsultTables>();
    const now = new Date().toISOString();
    const r = await trx.insertInto('consult_replies').values({
      question_id: id, round: q.round, unit_id: q.unit_id!, text: body, status: settings.reviewRequired ? 'pending_review' : 'released', written_by: actor.userId,
      written_by_name: actor.displayName, written_at: now, reviewed_by: null, reviewed_by_name: null, reviewed_at: null, review_comment: null, released_on: null, due_on: q.due_on,
    }).returning('id').executeTakeFirstOrThrow();
    let status: Status;
    if (settings.reviewRequired) {
      await trx.updateTable('consult_questions').set({ status: 'in_review', updated_at: now }).where('id', '=', id).execute();
      await addEvent(trx, q, actor, 'reply_submitted', '答复已提交审核', true);
      status = 'in_review';
    } else {
      await release(trx, q, r.id, actor, today);
      status = 'replied';
    }
    await audit({ action: 'consult.reply.write', entityType: 'consult_question', entityId: id, unitId: q.unit_id, summary: `政策咨询 ${q.number} ${settings.reviewRequired ? '答复提交审核' : '作出答复'}（第 ${q.round} 次）`, after: { replyId: r.id, text: body } });
    return { status };
  });
}

/** Review of a reply before release: a reviewer of the unit, never the person who wrote it. */
export async function reviewReply(db: Db, actor: Actor, id: number, input: { decision: 'approve' | 'return'; comment: string }): Promise<{ status: Status }> {
  const k = cdb(db);
  const q = await loadQuestion(k, id);
  if (q.unit_id === null || !can(actor, 'consult.review', q.unit_id)) throw forbidden('没有审核该单位答复的权限');
  if (q.status !== 'in_review') throw conflict('not_in_review', '该咨询没有待审核的答复');
  const reply = await k.selectFrom('consult_replies').selectAll().where('question_id', '=', id).where('status', '=', 'pending_review').orderBy('id', 'desc').executeTakeFirst();
  if (!reply) throw conflict('not_in_review', '该咨询没有待审核的答复');
  if (reply.written_by !== null && reply.written_by === actor.userId) throw forbidden('不能审核自己撰写的答复');
  if (input.decision === 'return' && !input.comment.trim()) throw badRequest('comment_required', '退回修改时请填写意见');
  const today = chinaToday();
  return withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ConsultTables>();
    const now = new Date().toISOString();
    await trx.updateTable('consult_replies').set({ reviewed_by: actor.userId, reviewed_by_name: actor.displayName, reviewed_at: now, review_comment: input.comment.trim() }).where('id', '=', reply.id).execute();
    let status: Status;
    if (input.decision === 'approve') {
      await release(trx, q, reply.id, actor, today);
      status = 'replied';
    } else {
      status = q.round > 1 ? 'reopened' : 'processing';
      await trx.updateTable('consult_replies').set({ status: 'returned' }).where('id', '=', reply.id).execute();
      await trx.updateTable('consult_questions').set({ status, updated_at: now }).where('id', '=', id).execute();
      await addEvent(trx, q, actor, 'reply_returned', `答复退回修改：${input.comment.trim()}`, true);
    }
    await audit({ action: `consult.reply.${input.decision}`, entityType: 'consult_question', entityId: id, unitId: q.unit_id, summary: `政策咨询 ${q.number} 答复审核${input.decision === 'approve' ? '通过并发出' : '退回'}${input.comment ? `：${input.comment}` : ''}` });
    return { status };
  });
}

// ---------------------------------------------------------------- the citizen's side

export interface TrackingView {
  number: string;
  status: Status;
  statusLabel: string;
  unitName: string | null;
  topic: string;
  question: string;
  receivedOn: string;
  dueOn: string;
  replies: Array<{ round: number; text: string; releasedOn: string }>;
  rating: string | null;
  ratingComment: string | null;
  canRate: boolean;
  /** after 不满意 the second reply is the last: the next rating closes the case */
  secondRound: boolean;
}

export async function trackQuestion(db: Db, number: string, code: string): Promise<{ row: QuestionRow; view: TrackingView } | null> {
  const k = cdb(db);
  const row = await k.selectFrom('consult_questions').selectAll().where('number', '=', number.trim().toUpperCase()).executeTakeFirst();
  if (!row || row.tracking_hash !== hashCode(code)) return null;
  const replies = await k.selectFrom('consult_replies').select(['round', 'text', 'released_on']).where('question_id', '=', row.id).where('status', '=', 'released').orderBy('id').execute();
  const unit = row.unit_id ? await getUnit(db, row.unit_id).catch(() => null) : null;
  return {
    row,
    view: {
      number: row.number, status: row.status as Status, statusLabel: STATUSES[row.status as Status], unitName: unit?.name ?? null, topic: row.topic, question: row.question,
      receivedOn: row.received_on, dueOn: row.due_on, replies: replies.map((r) => ({ round: r.round, text: r.text, releasedOn: r.released_on ?? '' })),
      rating: row.rating ? RATINGS[row.rating as Rating] : null, ratingComment: row.rating_comment, canRate: row.status === 'replied', secondRound: row.reopened === 1,
    },
  };
}

/** 评价: 满意 / 基本满意 close the case; 不满意 reopens it once for a second reply (new working-day limit). */
export async function rate(db: Db, number: string, code: string, input: { rating: Rating; comment: string }): Promise<TrackingView> {
  const t = await trackQuestion(db, number, code);
  if (!t) throw notFound('咨询编号或查询码不正确');
  const q = t.row;
  if (q.status !== 'replied') throw conflict('not_ratable', q.rating && q.status === 'closed' ? '该咨询已评价并办结' : '答复发出后才能评价');
  if (!(input.rating in RATINGS)) throw badRequest('invalid_rating', '请选择评价结果');
  const comment = input.comment.trim().slice(0, 1000);
  if (input.rating === 'unsatisfied' && comment.length < 2) throw badRequest('comment_required', '选择「不满意」时请说明原因，以便重新办理');
  const next = afterRating(input.rating, q.reopened === 1);
  const today = chinaToday();
  const cal = await loadCalendar(db);
  const settings = await replySettings(cdb(db), q.unit_id);
  await withAudit(db, citizenActor, async (trx0, audit) => {
    const trx = trx0.withTables<ConsultTables>();
    const now = new Date().toISOString();
    // Guard against a double click: only a case still 'replied' is rated.
    const res = await trx.updateTable('consult_questions').set({
      rating: input.rating, rating_comment: comment, rated_at: now, status: next.status, updated_at: now,
      ...(next.reopen ? { reopened: 1, round: q.round + 1, due_on: replyDueDate(cal, today, settings.replyDays) } : { closed_at: now }),
    }).where('id', '=', q.id).where('status', '=', 'replied').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('not_ratable', '该咨询已评价');
    await addEvent(trx, q, citizenActor, 'rated', `评价：${RATINGS[input.rating]}${comment ? `（${comment}）` : ''}`);
    if (next.reopen) await addEvent(trx, q, citizenActor, 'reopened', '咨询人不满意，退回原单位重新办理');
    await audit({ action: 'consult.question.rate', entityType: 'consult_question', entityId: q.id, unitId: q.unit_id, summary: `政策咨询 ${q.number} 评价「${RATINGS[input.rating]}」${next.reopen ? '，重新办理' : '，办结'}`, after: { rating: input.rating, status: next.status } });
  });
  return (await trackQuestion(db, number, code))!.view;
}
