import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize, unitScope, type Action, type UnitScope } from '../../platform/auth/roles.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { ContentItemsTable, PubDb, PubTrx, PublishingTables } from './tables.js';
import { contentKind } from './kinds.js';
import { STAGE_LABELS, effectiveChain, parseChain, type Stage } from './chain.js';
import { sanitizeRichText } from './html.js';
import { resolveChain } from './review-chains.js';

export type { PubDb, PubTrx };
export const pub = (db: Db): PubDb => db.kysely.withTables<PublishingTables>();

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  superseded: '已被替代',
  expired: '已过期',
};

/** Fields without defaults: a PATCH body is their partial, so omitted fields stay untouched. */
const ItemFields = z.object({
  kind: z.string().min(1).max(40),
  unitId: z.number().int().positive(),
  title: z.string().trim().min(2, '标题至少 2 个字').max(200, '标题不能超过 200 字'),
  summary: z.string().trim().max(1000),
  keywords: z.string().trim().max(200),
  topic: z.string().trim().max(100),
  bodyHtml: z.string().max(2_000_000),
  columnIds: z.array(z.number().int().positive()).max(20),
  needsConfidentiality: z.boolean(),
});
export const ItemInputSchema = ItemFields.extend({
  summary: ItemFields.shape.summary.default(''),
  keywords: ItemFields.shape.keywords.default(''),
  topic: ItemFields.shape.topic.default(''),
  bodyHtml: ItemFields.shape.bodyHtml.default(''),
  columnIds: ItemFields.shape.columnIds.default([]),
  needsConfidentiality: ItemFields.shape.needsConfidentiality.optional(),
});
export type ItemInput = z.infer<typeof ItemInputSchema>;
export const ItemPatchSchema = ItemFields.omit({ kind: true, unitId: true }).partial().strict();

export const DecisionSchema = z.object({
  round: z.number().int(),
  stage: z.string(),
  stageLabel: z.string(),
  decision: z.string(),
  comment: z.string(),
  actorName: z.string(),
  at: z.string(),
});
export const ItemSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  unitId: z.number().int(),
  title: z.string(),
  summary: z.string(),
  keywords: z.string(),
  topic: z.string(),
  bodyHtml: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  chain: z.array(z.string()),
  stage: z.string().nullable(),
  stageLabel: z.string().nullable(),
  round: z.number().int(),
  needsConfidentiality: z.boolean(),
  bundleId: z.number().int().nullable(),
  indexNo: z.string().nullable(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  columnIds: z.array(z.number().int()),
  decisions: z.array(DecisionSchema),
});
export type Item = z.infer<typeof ItemSchema>;

/** Every action that lets staff see a unit's unpublished work. */
const STAFF_ACTIONS: Action[] = [
  'content.draft', 'content.review.first', 'content.review.second', 'content.review.confidentiality', 'content.review.final',
  'content.publish', 'content.withdraw', 'district.supervise',
];

/** Units whose unpublished items the actor may see — a filter for SQL (Payload-style access rule). */
export function staffScope(actor: Actor): UnitScope {
  const ids = new Set<number>();
  for (const a of STAFF_ACTIONS) {
    const s = unitScope(actor, a);
    if (s.all) return s;
    s.unitIds.forEach((id) => ids.add(id));
  }
  return { all: false, unitIds: [...ids] };
}

export function currentStage(row: Pick<Selectable<ContentItemsTable>, 'status' | 'chain_json' | 'stage_index'>): Stage | null {
  if (row.status !== 'in_review') return null;
  return parseChain(row.chain_json)[row.stage_index] ?? null;
}

export async function toItems(db: PubDb | PubTrx, rows: Array<Selectable<ContentItemsTable>>): Promise<Item[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [cols, decisions] = await Promise.all([
    db.selectFrom('item_columns').select(['item_id', 'column_id']).where('item_id', 'in', ids).execute(),
    db.selectFrom('review_decisions').selectAll().where('item_id', 'in', ids).orderBy('id').execute(),
  ]);
  return rows.map((r) => {
    const stage = currentStage(r);
    return {
      id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, summary: r.summary, keywords: r.keywords, topic: r.topic, bodyHtml: r.body_html,
      status: r.status, statusLabel: STATUS_LABELS[r.status] ?? r.status, chain: parseChain(r.chain_json),
      stage, stageLabel: stage ? STAGE_LABELS[stage] : null, round: r.review_round, needsConfidentiality: r.needs_confidentiality === 1,
      bundleId: r.bundle_id, indexNo: r.index_no, publishAt: r.publish_at, publishedAt: r.published_at, withdrawnAt: r.withdrawn_at,
      withdrawReason: r.withdraw_reason, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
      columnIds: cols.filter((c) => c.item_id === r.id).map((c) => c.column_id),
      decisions: decisions.filter((d) => d.item_id === r.id).map((d) => ({
        round: d.round, stage: d.stage, stageLabel: STAGE_LABELS[d.stage as Stage] ?? (d.stage === 'submit' ? '提交审核' : d.stage),
        decision: d.decision, comment: d.comment, actorName: d.actor_name, at: d.at,
      })),
    };
  });
}

export async function loadItemRow(db: PubDb | PubTrx, id: number): Promise<Selectable<ContentItemsTable>> {
  const row = await db.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('内容不存在');
  return row;
}

/** An item as staff see it: only within their scope. */
export async function getItemForStaff(db: Db, actor: Actor, id: number): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  const scope = staffScope(actor);
  if (!scope.all && !scope.unitIds.includes(row.unit_id)) throw notFound('内容不存在');
  return (await toItems(pub(db), [row]))[0]!;
}

export async function listItemsForStaff(
  db: Db,
  actor: Actor,
  f: { status?: string; kind?: string; unitId?: number; awaitingMe?: boolean; q?: string; page: number; pageSize: number },
): Promise<{ items: Item[]; total: number }> {
  const scope = staffScope(actor);
  let q = pub(db).selectFrom('content_items');
  if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.q) q = q.where('title', 'like', `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.awaitingMe) q = q.where('status', '=', 'in_review');
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toItems(pub(db), rows), total: Number(total.n) };
}

async function checkColumns(db: PubDb | PubTrx, unitId: number, columnIds: number[]): Promise<void> {
  if (!columnIds.length) return;
  const cols = await db.selectFrom('columns').select(['id', 'unit_id', 'active', 'name']).where('id', 'in', columnIds).execute();
  for (const id of columnIds) {
    const c = cols.find((x) => x.id === id);
    if (!c || !c.active) throw badRequest('invalid_column', `栏目 ${id} 不存在或已停用`);
    if (c.unit_id !== null && c.unit_id !== unitId) throw badRequest('invalid_column', `栏目「${c.name}」属于其他单位`);
  }
}

export async function chainFor(db: PubDb | PubTrx, unitId: number, kind: string, needsConfidentiality: boolean): Promise<Stage[]> {
  return effectiveChain((await resolveChain(db, unitId, kind)).configured, needsConfidentiality);
}

/** Create a draft; `extra` lets a content kind write its own rows in the same transaction. */
export async function createDraft(
  db: Db,
  actor: Actor,
  input: ItemInput,
  extra?: (trx: PubTrx, itemId: number) => Promise<void>,
): Promise<Item> {
  const kind = contentKind(input.kind);
  if (!kind) throw badRequest('invalid_kind', `内容类型「${input.kind}」不存在`);
  authorize(actor, 'content.draft', input.unitId);
  if (kind.requiresConfidentiality && input.needsConfidentiality === false) throw badRequest('confidentiality_required', `「${kind.label}」必须经过保密审查`);
  await checkColumns(pub(db), input.unitId, input.columnIds);
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const row = await trx.insertInto('content_items').values({
      kind: input.kind, unit_id: input.unitId, title: input.title, summary: input.summary, keywords: input.keywords, topic: input.topic,
      body_html: sanitizeRichText(input.bodyHtml), status: 'draft', chain_json: '[]', stage_index: 0, review_round: 0,
      needs_confidentiality: (input.needsConfidentiality ?? kind.requiresConfidentiality) ? 1 : 0, bundle_id: null, index_no: null,
      publish_at: null, published_at: null, withdrawn_at: null, withdraw_reason: null, created_by: actor.userId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.columnIds.length) await trx.insertInto('item_columns').values(input.columnIds.map((c) => ({ item_id: row.id, column_id: c }))).execute();
    await extra?.(trx, row.id);
    await audit({ action: 'content.create', entityType: 'content_item', entityId: row.id, unitId: input.unitId, summary: `起草${kind.label}「${input.title}」` });
    return row.id;
  });
  return getItemForStaff(db, { ...actor, kind: 'system' }, id);
}

export async function updateDraft(
  db: Db,
  actor: Actor,
  id: number,
  patch: z.infer<typeof ItemPatchSchema>,
  extra?: (trx: PubTrx) => Promise<void>,
): Promise<Item> {
  const row = await loadItemRow(pub(db), id);
  authorize(actor, 'content.draft', row.unit_id);
  if (row.status !== 'draft') throw conflict('not_a_draft', `内容当前状态为「${STATUS_LABELS[row.status]}」，只有草稿可以修改`);
  if (patch.columnIds) await checkColumns(pub(db), row.unit_id, patch.columnIds);
  const kind = contentKind(row.kind);
  if (kind?.requiresConfidentiality && patch.needsConfidentiality === false) throw badRequest('confidentiality_required', `「${kind.label}」必须经过保密审查`);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    await trx.updateTable('content_items').set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.summary !== undefined && { summary: patch.summary }),
      ...(patch.keywords !== undefined && { keywords: patch.keywords }),
      ...(patch.topic !== undefined && { topic: patch.topic }),
      ...(patch.bodyHtml !== undefined && { body_html: sanitizeRichText(patch.bodyHtml) }),
      ...(patch.needsConfidentiality !== undefined && { needs_confidentiality: patch.needsConfidentiality ? 1 : 0 }),
      updated_at: new Date().toISOString(),
    }).where('id', '=', id).execute();
    if (patch.columnIds) {
      await trx.deleteFrom('item_columns').where('item_id', '=', id).execute();
      if (patch.columnIds.length) await trx.insertInto('item_columns').values(patch.columnIds.map((c) => ({ item_id: id, column_id: c }))).execute();
    }
    await extra?.(trx);
    await audit({ action: 'content.update', entityType: 'content_item', entityId: id, unitId: row.unit_id, summary: `修改草稿「${patch.title ?? row.title}」：${Object.keys(patch).join('、')}` });
  });
  return getItemForStaff(db, actor, id);
}

export function assertStaffCanSee(actor: Actor, unitId: number): void {
  const s = staffScope(actor);
  if (!s.all && !s.unitIds.includes(unitId)) throw forbidden();
}
