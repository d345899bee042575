import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize, can, unitScope } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { isIsoDate } from '../../platform/checks.js';
import { getUnit } from '../../platform/units/units.js';
import { contentKind, registerContentKind } from '../publishing/kinds.js';
import { createDraft, loadItemRow, pub, type Item } from '../publishing/items.js';
import { oncePerKey, saveReceipt } from '../consult/index.js';
import { ADOPTIONS, COMMENT_SOURCES, MODERATION_REASONS, defaultEndOn, moderationFlags, paragraphsOf, periodProblem, phaseOf, publicName, type Adoption, type CommentSource, type ModerationReason, type Phase } from './rules.js';
import { pdb, type CommentDraftsTable, type DraftCommentsTable, type ParticipationTables, type PartTrx } from './tables.js';

/**
 * 意见征集: drafts open for comment (草案 + 起草说明, period, how to comment), comments on the
 * whole draft or a paragraph (online, or entered by staff from 村级公示栏、社区服务站、纸质来信…),
 * moderation before anything is public, adoption per comment, and the feedback report (采纳情况)
 * published through the pipeline (content kind 'comment_feedback') and linked to the final policy.
 */
export type DraftRow = Selectable<CommentDraftsTable>;
export type CommentRow = Selectable<DraftCommentsTable>;
const citizen: Actor = { kind: 'system', userId: null, username: 'portal', displayName: '公众（网站）', unitId: null, grants: [] };

export interface DraftInput {
  unitId: number;
  title: string;
  explanation: string;
  body: string;
  major: boolean;
  startOn: string;
  endOn?: string | null;
  shortReason?: string;
  howToComment?: string;
}

function checkDates(input: { startOn: string; endOn: string; major: boolean; shortReason: string }): void {
  if (!isIsoDate(input.startOn) || !isIsoDate(input.endOn)) throw badRequest('invalid_date', '请填写有效的开始和截止日期');
  const p = periodProblem(input);
  if (p) throw badRequest(p.code, p.message);
}

export async function loadDraft(db: Db | PartTrx, id: number): Promise<DraftRow> {
  const k = 'kysely' in db ? pdb(db) : db;
  const r = await k.selectFrom('comment_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('征集不存在');
  return r;
}

export async function createCommentDraft(db: Db, actor: Actor, input: DraftInput): Promise<DraftRow> {
  authorize(actor, 'participation.manage', input.unitId);
  await getUnit(db, input.unitId);
  const endOn = input.endOn || defaultEndOn(input.startOn);
  const shortReason = (input.shortReason ?? '').trim();
  checkDates({ startOn: input.startOn, endOn, major: input.major, shortReason });
  if (!paragraphsOf(input.body).length) throw badRequest('body_required', '请填写草案正文');
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const now = new Date().toISOString();
    const r = await trx.insertInto('comment_drafts').values({
      unit_id: input.unitId, title: input.title.trim(), explanation: input.explanation.trim(), body: input.body.trim(), major: input.major ? 1 : 0,
      start_on: input.startOn, end_on: endOn, short_reason: shortReason,
      how_to_comment: (input.howToComment ?? '').trim() || '可在本页在线提交意见，也可将书面意见寄送起草单位，或到各村（社区）公示栏、便民服务站提出。',
      status: 'draft', opened_at: null, policy_item_id: null, feedback_item_id: null, created_by: actor.userId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'participation.draft.create', entityType: 'comment_draft', entityId: r.id, unitId: input.unitId, summary: `创建意见征集「${input.title}」（${input.startOn} 至 ${endOn}）` });
    return r.id;
  });
  return loadDraft(db, id);
}

/** Publish the draft for comment (it is public from now on; comments open on its start day). */
export async function openForComment(db: Db, actor: Actor, id: number): Promise<DraftRow> {
  const d = await loadDraft(db, id);
  authorize(actor, 'participation.manage', d.unit_id);
  if (d.status !== 'draft') throw conflict('already_open', '该征集已发布');
  checkDates({ startOn: d.start_on, endOn: d.end_on, major: d.major === 1, shortReason: d.short_reason });
  await withAudit(db, actor, async (trx0, audit) => {
    const now = new Date().toISOString();
    await trx0.withTables<ParticipationTables>().updateTable('comment_drafts').set({ status: 'open', opened_at: now, updated_at: now }).where('id', '=', id).execute();
    await audit({ action: 'participation.draft.open', entityType: 'comment_draft', entityId: id, unitId: d.unit_id, summary: `发布意见征集「${d.title}」，征集期 ${d.start_on} 至 ${d.end_on}${d.short_reason ? `（缩短期限理由：${d.short_reason}）` : ''}` });
  });
  return loadDraft(db, id);
}

export function canManage(actor: Actor, unitId: number): boolean {
  return can(actor, 'participation.manage', unitId);
}

export async function listDrafts(db: Db, actor: Actor | null): Promise<Array<DraftRow & { phase: Phase }>> {
  let q = pdb(db).selectFrom('comment_drafts').selectAll();
  if (!actor) q = q.where('status', '!=', 'draft');
  else {
    const s = unitScope(actor, 'participation.manage');
    if (!s.all) q = q.where((eb) => eb.or([eb('status', '!=', 'draft'), eb('unit_id', 'in', s.unitIds.length ? s.unitIds : [-1])]));
  }
  const today = chinaToday();
  return (await q.orderBy('start_on', 'desc').orderBy('id', 'desc').limit(200).execute()).map((d) => ({ ...d, phase: phaseOf(d, today) }));
}

export interface CommentInput {
  paragraph?: number | null;
  text: string;
  name?: string;
  contact?: string;
  idempotencyKey?: string;
  /** staff entry only */
  source?: CommentSource;
  sourceNote?: string;
}

/**
 * A comment: online during the period (held for moderation), or entered by staff with its
 * source (also after the period if it arrived in time, e.g. a letter). Automatic flags hold it back.
 */
export async function addComment(db: Db, actor: Actor | null, draftId: number, input: CommentInput): Promise<{ id: number; status: string; replayed: boolean }> {
  const d = await loadDraft(db, draftId);
  const staff = actor !== null && input.source !== undefined && input.source !== 'online';
  if (input.source !== undefined && input.source !== 'online') {
    if (!actor) throw badRequest('staff_only_fields', '仅工作人员录入线下意见时可填写来源');
    authorize(actor, 'participation.manage', d.unit_id);
    if (!(input.source in COMMENT_SOURCES)) throw badRequest('invalid_source', '请选择意见来源');
  }
  const phase = phaseOf(d, chinaToday());
  if (phase === 'unpublished') throw notFound('征集不存在');
  if (!staff && phase !== 'open') throw conflict('period_closed', phase === 'upcoming' ? `征集尚未开始（${d.start_on} 开始）` : `征集已于 ${d.end_on} 截止`);
  const text = input.text.trim();
  if (text.length < 5) throw badRequest('comment_too_short', '意见内容至少 5 个字');
  const paras = paragraphsOf(d.body).length;
  if (input.paragraph != null && (input.paragraph < 1 || input.paragraph > paras)) throw badRequest('invalid_paragraph', `草案共 ${paras} 段，请选择正确的段落`);
  const flags = moderationFlags(text);
  // Staff-entered comments were read by a person already; flagged ones still wait.
  const status = staff && !flags.length ? 'approved' : 'pending';
  const source = staff ? input.source! : 'online';
  return oncePerKey(db, 'draft_comment', input.idempotencyKey, () =>
    withAudit(db, actor ?? citizen, async (trx0, audit) => {
      const trx = trx0.withTables<ParticipationTables>();
      const now = new Date().toISOString();
      const r = await trx.insertInto('draft_comments').values({
        draft_id: draftId, paragraph: input.paragraph ?? null, text, author_name: (input.name ?? '').trim().slice(0, 50), contact: (input.contact ?? '').trim().slice(0, 100),
        source, source_note: (input.sourceNote ?? '').trim().slice(0, 200), entered_by: staff ? actor!.userId : null, status, flags_json: JSON.stringify(flags),
        moderation_reason: null, moderated_by_name: status === 'approved' ? actor!.displayName : null, moderated_at: status === 'approved' ? now : null, adoption: null, adoption_reason: null, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const result = { id: r.id, status };
      await saveReceipt(trx0, 'draft_comment', input.idempotencyKey, r.id, result);
      await audit({ action: 'participation.comment.create', entityType: 'draft_comment', entityId: r.id, unitId: d.unit_id, summary: `${staff ? `录入线下意见（${COMMENT_SOURCES[source]}）` : '收到网上意见'}：「${d.title}」${flags.length ? `，自动标记 ${flags.join('、')}` : ''}` });
      return result;
    }),
  );
}

/** 审核: approve (public) or reject with a reason; a rejected comment is never shown. */
export async function moderate(db: Db, actor: Actor, commentId: number, input: { decision: 'approve' | 'reject'; reason?: ModerationReason | null }): Promise<void> {
  const c = await pdb(db).selectFrom('draft_comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!c) throw notFound('意见不存在');
  const d = await loadDraft(db, c.draft_id);
  authorize(actor, 'participation.manage', d.unit_id);
  if (input.decision === 'reject' && !(input.reason && input.reason in MODERATION_REASONS)) throw badRequest('reason_required', '不予公开时请选择原因');
  if (input.decision === 'approve' && JSON.parse(c.flags_json).includes('personal_data')) throw conflict('personal_data', '意见含个人信息，不能原样公开；请选择不予公开（含个人信息）');
  await withAudit(db, actor, async (trx0, audit) => {
    await trx0.withTables<ParticipationTables>().updateTable('draft_comments').set({
      status: input.decision === 'approve' ? 'approved' : 'rejected', moderation_reason: input.decision === 'reject' ? input.reason! : null, moderated_by_name: actor.displayName, moderated_at: new Date().toISOString(),
    }).where('id', '=', commentId).execute();
    await audit({ action: `participation.comment.${input.decision}`, entityType: 'draft_comment', entityId: commentId, unitId: d.unit_id, summary: `意见审核：${input.decision === 'approve' ? '公开' : `不予公开（${MODERATION_REASONS[input.reason!]}）`}`, before: { status: c.status }, after: { status: input.decision === 'approve' ? 'approved' : 'rejected', reason: input.reason ?? null } });
  });
}

/** After the period: adopted / partly / not adopted, each with a reason. */
export async function recordAdoption(db: Db, actor: Actor, commentId: number, input: { adoption: Adoption; reason: string }): Promise<void> {
  const c = await pdb(db).selectFrom('draft_comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!c) throw notFound('意见不存在');
  const d = await loadDraft(db, c.draft_id);
  authorize(actor, 'participation.manage', d.unit_id);
  if (phaseOf(d, chinaToday()) !== 'ended') throw conflict('period_not_ended', '征集期结束后才能记录采纳情况');
  if (c.status !== 'approved') throw conflict('not_approved', '只对审核公开的意见记录采纳情况');
  if (!(input.adoption in ADOPTIONS)) throw badRequest('invalid_adoption', '请选择采纳情况');
  if (input.reason.trim().length < 2) throw badRequest('reason_required', '请填写采纳或不采纳的理由');
  if (d.feedback_item_id !== null) {
    const item = await loadItemRow(pub(db), d.feedback_item_id).catch(() => null);
    if (item && item.status !== 'draft' && item.status !== 'withdrawn') throw conflict('feedback_in_pipeline', '采纳情况报告已提交审核或已发布，不能再修改');
  }
  await withAudit(db, actor, async (trx0, audit) => {
    await trx0.withTables<ParticipationTables>().updateTable('draft_comments').set({ adoption: input.adoption, adoption_reason: input.reason.trim() }).where('id', '=', commentId).execute();
    await audit({ action: 'participation.comment.adoption', entityType: 'draft_comment', entityId: commentId, unitId: d.unit_id, summary: `意见${ADOPTIONS[input.adoption]}：${input.reason.trim()}`, before: { adoption: c.adoption }, after: input });
  });
}

export async function commentsOf(db: Db, draftId: number, publicOnly: boolean): Promise<CommentRow[]> {
  let q = pdb(db).selectFrom('draft_comments').selectAll().where('draft_id', '=', draftId);
  if (publicOnly) q = q.where('status', '=', 'approved');
  return q.orderBy('id').execute();
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The feedback report's text: counts and every public comment with its handling and reason. */
export function feedbackHtml(d: DraftRow, comments: CommentRow[]): string {
  const n = (a: Adoption) => comments.filter((c) => c.adoption === a).length;
  const rows = comments.map((c, i) => `<tr><td>${i + 1}</td><td>${c.paragraph ? `第 ${c.paragraph} 段` : '全文'}</td><td>${esc(c.text)}</td><td>${esc(COMMENT_SOURCES[c.source as CommentSource] ?? c.source)}</td><td>${ADOPTIONS[c.adoption as Adoption]}</td><td>${esc(c.adoption_reason ?? '')}</td></tr>`);
  return `<p>${esc(`《${d.title}》于 ${d.start_on} 至 ${d.end_on} 公开征求意见，共收到公开意见 ${comments.length} 条，其中采纳 ${n('adopted')} 条、部分采纳 ${n('partly')} 条、未采纳 ${n('not_adopted')} 条。现将意见采纳情况公布如下。`)}</p>`
    + `<table><thead><tr><th>序号</th><th>针对</th><th>意见</th><th>来源</th><th>采纳情况</th><th>理由</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

registerContentKind({
  name: 'comment_feedback',
  label: '意见采纳情况',
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/interact/drafts/feedback/${item.id}`,
});

/** Draft the feedback report through the pipeline once every public comment has its handling; pending ones must be moderated first. */
export async function draftFeedbackReport(db: Db, actor: Actor, draftId: number): Promise<Item> {
  const d = await loadDraft(db, draftId);
  authorize(actor, 'participation.manage', d.unit_id);
  if (phaseOf(d, chinaToday()) !== 'ended') throw conflict('period_not_ended', '征集期结束后才能发布采纳情况');
  const all = await commentsOf(db, draftId, false);
  if (all.some((c) => c.status === 'pending')) throw conflict('pending_comments', `还有 ${all.filter((c) => c.status === 'pending').length} 条意见未审核`);
  const pubc = all.filter((c) => c.status === 'approved');
  const missing = pubc.filter((c) => !c.adoption);
  if (missing.length) throw conflict('adoption_missing', `还有 ${missing.length} 条意见未记录采纳情况`);
  if (d.feedback_item_id !== null) {
    const item = await loadItemRow(pub(db), d.feedback_item_id).catch(() => null);
    if (item && item.status !== 'withdrawn') throw conflict('feedback_exists', `已起草采纳情况报告（内容编号 ${d.feedback_item_id}）`);
  }
  return createDraft(db, actor, { kind: 'comment_feedback', unitId: d.unit_id, title: `关于《${d.title}》征求意见采纳情况的说明`, summary: `征求意见 ${pubc.length} 条的采纳情况`, keywords: '意见征集,采纳情况', topic: '', bodyHtml: feedbackHtml(d, pubc), columnIds: [] }, async (trx0, itemId) => {
    await (trx0 as unknown as PartTrx).updateTable('comment_drafts').set({ feedback_item_id: itemId, updated_at: new Date().toISOString() }).where('id', '=', draftId).execute();
  });
}

/** Link the final policy (policy library item) to the draft; the feedback report and draft page point to it. */
export async function linkFinalPolicy(db: Db, actor: Actor, draftId: number, policyItemId: number): Promise<DraftRow> {
  const d = await loadDraft(db, draftId);
  authorize(actor, 'participation.manage', d.unit_id);
  const item = await loadItemRow(pub(db), policyItemId).catch(() => null);
  if (!item || item.kind !== 'policy') throw badRequest('not_a_policy', '请选择政策文件库中的政策文件');
  await withAudit(db, actor, async (trx0, audit) => {
    await trx0.withTables<ParticipationTables>().updateTable('comment_drafts').set({ policy_item_id: policyItemId, updated_at: new Date().toISOString() }).where('id', '=', draftId).execute();
    await audit({ action: 'participation.draft.linkPolicy', entityType: 'comment_draft', entityId: draftId, unitId: d.unit_id, summary: `意见征集「${d.title}」关联正式文件「${item.title}」` });
  });
  return loadDraft(db, draftId);
}

/** Public URLs of the linked items, when published. */
export async function publicLinks(db: Db, d: DraftRow): Promise<{ feedback: { url: string; title: string } | null; policy: { url: string; title: string } | null }> {
  const link = async (id: number | null) => {
    if (id === null) return null;
    const r = await loadItemRow(pub(db), id).catch(() => null);
    if (!r || r.status !== 'published') return null;
    return { url: contentKind(r.kind)?.url({ id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, bundleId: r.bundle_id }) ?? `/items/${r.id}`, title: r.title };
  };
  return { feedback: await link(d.feedback_item_id), policy: await link(d.policy_item_id) };
}

export { publicName };
