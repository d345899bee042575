import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/checks.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { contentKind } from '../publishing/kinds.js';
import { STATUS_LABELS, getItemForStaff, loadItemRow, pub, staffScope } from '../publishing/items.js';
import type { DocDb, DocTrx } from './tables.js';
import { addEvent, commentNote, doc, policyFields, type PolicyFieldsOut } from './policies.js';
import { EVENT_LABELS } from './rules.js';

/**
 * A policy's life after drafting (文件全生命周期): public comment (征求意见), execution
 * evaluation (执行效果评估), repeal (废止), and the administrator's waiver of the interpretation
 * otherwise released with it (免于同步解读). Revision (修订) is a new policy naming the one it
 * replaces (`replacesItemId`), linked both ways when it is published; expiry (失效) is a job.
 */
const IsoDate = z.string().refine(isIsoDate, '日期须为有效的 YYYY-MM-DD');
const Note = z.string().trim().max(1000).default('');
export const LifecycleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('comment_opened'),
    commentUrl: z.url('征求意见链接须为网址'),
    commentStart: IsoDate,
    commentEnd: IsoDate,
    note: Note,
  }),
  /** 执行效果评估; the report itself is published as its own item (reviewed like anything published) and linked */
  z.object({ kind: z.literal('evaluated'), onDate: IsoDate, note: Note, relatedItemId: z.number().int().positive().nullable().default(null) }),
  z.object({ kind: z.literal('repealed'), onDate: IsoDate, note: Note }),
]);
export type LifecycleInput = z.infer<typeof LifecycleSchema>;

const RELEASED = ['published', 'scheduled', 'withdrawn'];

/** Record a step of a policy's life. */
export async function recordLifecycle(db: Db, actor: Actor, id: number, e: LifecycleInput): Promise<void> {
  const row = await loadItemRow(pub(db), id);
  authorize(actor, 'content.publish', row.unit_id);
  const p = await policyFields(doc(db), id);
  if (!p) throw notFound('政策文件不存在');
  if (row.status === 'withdrawn') throw conflict('withdrawn', '该文件已撤回');
  const today = chinaToday();
  let related: { id: number; title: string } | null = null;
  if (e.kind === 'comment_opened') {
    if (e.commentEnd < e.commentStart) throw badRequest('invalid_dates', '征求意见截止日期早于开始日期');
  } else {
    if (row.status !== 'published') throw conflict('not_published', `只有已发布的文件可以登记${EVENT_LABELS[e.kind]}`);
    if (e.onDate > today) throw badRequest('future_date', `${EVENT_LABELS[e.kind]}日期不能晚于今天`);
    if (e.kind === 'repealed' && p.validity !== '有效') throw conflict('not_in_force', `该文件当前为「${p.validity}」，不能废止`);
    if (e.kind === 'evaluated' && e.relatedItemId !== null) {
      related = (await pub(db).selectFrom('content_items').select(['id', 'title']).where('id', '=', e.relatedItemId).where('status', '=', 'published').executeTakeFirst()) ?? null;
      if (!related || related.id === id) throw badRequest('invalid_related', '评估报告须为已发布的其他信息');
    }
  }
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as DocTrx;
    let summary: string;
    if (e.kind === 'comment_opened') {
      // One comment period per document: a new record corrects the earlier one.
      await trx.updateTable('policy_documents').set({ comment_url: e.commentUrl, comment_start: e.commentStart, comment_end: e.commentEnd }).where('item_id', '=', id).execute();
      await trx.deleteFrom('policy_events').where('policy_id', '=', id).where('kind', '=', 'comment_opened').execute();
      await addEvent(trx, id, 'comment_opened', e.commentStart, commentNote(e.commentStart, e.commentEnd, e.note));
      summary = `「${row.title}」公开征求意见（${e.commentStart} 至 ${e.commentEnd}）：${e.commentUrl}`;
    } else {
      await addEvent(trx, id, e.kind, e.onDate, e.note, related?.id ?? null);
      if (e.kind === 'repealed') await trx.updateTable('policy_documents').set({ validity: '废止' }).where('item_id', '=', id).execute();
      summary = `「${row.title}」${EVENT_LABELS[e.kind]}（${e.onDate}）${e.note ? `：${e.note}` : ''}${related ? `，评估报告「${related.title}」` : ''}`;
    }
    await audit({ action: `policy.${e.kind}`, entityType: 'content_item', entityId: id, unitId: row.unit_id, summary, before: e.kind === 'comment_opened' ? { commentUrl: p.commentUrl, commentStart: p.commentStart, commentEnd: p.commentEnd } : undefined, after: e });
  });
}

/** An administrator releases a policy without its interpretation, for a recorded reason. */
export async function waiveInterpretation(db: Db, actor: Actor, id: number, reason: string): Promise<PolicyFieldsOut> {
  authorize(actor, 'content.waiveInterpretation');
  const row = await loadItemRow(pub(db), id);
  const p = await policyFields(doc(db), id);
  if (!p) throw notFound('政策文件不存在');
  if (!p.requiresInterpretation) throw conflict('interpretation_not_required', '该文件不要求同步发布解读，无需免于解读');
  if (p.interpretationWaiver) throw conflict('already_waived', `该文件已免于同步解读：${p.interpretationWaiver}`);
  if (row.status === 'withdrawn') throw conflict('withdrawn', '该文件已撤回');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as DocTrx;
    await trx.updateTable('policy_documents').set({ interpretation_waiver: reason }).where('item_id', '=', id).execute();
    await audit({ action: 'policy.waiveInterpretation', entityType: 'content_item', entityId: id, unitId: row.unit_id, summary: `免于同步解读「${row.title}」：${reason}`, after: { reason } });
  });
  return (await policyFields(doc(db), id))!;
}

/** Withdraw the waiver while the policy has not gone out: it again needs its interpretation. */
export async function withdrawWaiver(db: Db, actor: Actor, id: number): Promise<PolicyFieldsOut> {
  authorize(actor, 'content.waiveInterpretation');
  const row = await loadItemRow(pub(db), id);
  const p = await policyFields(doc(db), id);
  if (!p) throw notFound('政策文件不存在');
  if (!p.interpretationWaiver) throw conflict('not_waived', '该文件没有免于解读的记录');
  if (RELEASED.includes(row.status)) throw conflict('already_released', `该文件${STATUS_LABELS[row.status]}，免于解读的决定已执行，不能撤销`);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as DocTrx;
    await trx.updateTable('policy_documents').set({ interpretation_waiver: null }).where('item_id', '=', id).execute();
    await audit({ action: 'policy.withdrawWaiver', entityType: 'content_item', entityId: id, unitId: row.unit_id, summary: `撤销「${row.title}」的免于同步解读`, before: { reason: p.interpretationWaiver } });
  });
  return (await policyFields(doc(db), id))!;
}

/** Portal address of each published item among `ids` (by its kind), for timeline links. */
export async function publishedUrls(d: DocDb, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await d.selectFrom('content_items').select(['id', 'kind', 'unit_id', 'title', 'bundle_id']).where('id', 'in', ids).where('status', '=', 'published').execute();
  return new Map(rows.map((r) => [r.id, contentKind(r.kind)?.url({ id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, bundleId: r.bundle_id }) ?? `/items/${r.id}`]));
}

const Linked = z.object({ id: z.number().int(), title: z.string(), kind: z.string(), status: z.string(), statusLabel: z.string(), url: z.string().nullable() });
export const PolicyRecordSchema = z.object({
  timeline: z.array(z.object({ id: z.number().int(), kind: z.string(), label: z.string(), onDate: z.string(), note: z.string(), related: Linked.nullable(), createdAt: z.string() })),
  waiver: z.object({ reason: z.string(), by: z.string().nullable(), at: z.string().nullable() }).nullable(),
  replaces: Linked.nullable(),
  replacedBy: z.array(Linked),
});

/** A policy's life as staff see it: timeline (with unpublished links they may see), waiver (who, when, why), revisions. */
export async function policyRecord(db: Db, actor: Actor, id: number): Promise<z.infer<typeof PolicyRecordSchema>> {
  await getItemForStaff(db, actor, id);
  const d = doc(db);
  const p = await policyFields(d, id);
  if (!p) throw notFound('政策文件不存在');
  const events = await d.selectFrom('policy_events').selectAll().where('policy_id', '=', id).orderBy('on_date').orderBy('id').execute();
  const newer = await d.selectFrom('policy_documents').select('item_id').where('replaces_item_id', '=', id).execute();
  const ids = [...new Set([...events.map((e) => e.related_item_id), p.replacesItemId, ...newer.map((n) => n.item_id)].filter((x): x is number => x !== null))];
  const scope = staffScope(actor);
  const rows = ids.length ? await d.selectFrom('content_items').select(['id', 'title', 'kind', 'status', 'unit_id']).where('id', 'in', ids).execute() : [];
  const urls = await publishedUrls(d, ids);
  // Another unit's unpublished work stays out of sight (titles included).
  const visible = new Map(rows.filter((r) => r.status === 'published' || scope.all || scope.unitIds.includes(r.unit_id))
    .map((r) => [r.id, { id: r.id, title: r.title, kind: r.kind, status: r.status, statusLabel: STATUS_LABELS[r.status] ?? r.status, url: urls.get(r.id) ?? null }]));
  let waiver = null;
  if (p.interpretationWaiver) {
    const entry = await db.kysely.selectFrom('audit_log').select(['actor_name', 'at']).where('entity_type', '=', 'content_item').where('entity_id', '=', String(id))
      .where('action', '=', 'policy.waiveInterpretation').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    waiver = { reason: p.interpretationWaiver, by: entry?.actor_name ?? null, at: entry?.at ?? null };
  }
  return {
    timeline: events.map((e) => ({
      id: e.id, kind: e.kind, label: EVENT_LABELS[e.kind] ?? e.kind, onDate: e.on_date, note: e.note, createdAt: e.created_at,
      related: e.related_item_id !== null ? (visible.get(e.related_item_id) ?? null) : null,
    })),
    waiver,
    replaces: p.replacesItemId !== null ? (visible.get(p.replacesItemId) ?? null) : null,
    replacedBy: newer.map((n) => visible.get(n.item_id)).filter((x) => x !== undefined),
  };
}
