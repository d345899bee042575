import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { createDraft, listItemsForStaff, type Item } from '../publishing/items.js';
import { getPublishedItem, publishedItems, type PublicItem } from '../publishing/public.js';
import type { PubDb, PubTrx } from '../publishing/tables.js';
import { tdb, type TrainingTables } from './tables.js';

/**
 * 典型案例 library: a case is a content item of kind 'case' (title, unit, summary, body go
 * through the publishing pipeline: review, 索引号, search, audit) plus its category here.
 */
export const CASE_KIND = 'case';
export const CASE_CATEGORIES = ['政策解读', '依申请公开', '平台管理', '基层政务公开', '信息安全', '互动交流', '其他'] as const;

export const CaseInputSchema = z.object({
  unitId: z.number().int().positive(),
  title: z.string().trim().min(2, '标题至少 2 个字').max(200),
  category: z.enum(CASE_CATEGORIES),
  summary: z.string().trim().min(5, '摘要至少 5 个字').max(1000),
  bodyHtml: z.string().min(1, '请填写案例正文').max(2_000_000),
});
export type CaseInput = z.infer<typeof CaseInputSchema>;

const asTrx = (t: PubTrx | PubDb) => t.withTables<TrainingTables>();

registerContentKind({
  name: CASE_KIND,
  label: '典型案例',
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/xxgk/cases/${item.id}`,
  async validateForReview(trx, item) {
    const r = await asTrx(trx).selectFrom('training_cases').select('item_id').where('item_id', '=', item.id).executeTakeFirst();
    if (!r) throw badRequest('not_a_case', '案例分类缺失');
  },
  async indexFacets(trx, item): Promise<Record<string, string>> {
    const r = await asTrx(trx).selectFrom('training_cases').select('category').where('item_id', '=', item.id).executeTakeFirst();
    return r ? { caseCategory: r.category } : {};
  },
});

/** Draft a case (the unit's editors); review and publication are the pipeline's. */
export async function draftCase(db: Db, actor: Actor, input: CaseInput): Promise<Item & { category: string }> {
  const item = await createDraft(db, actor, { kind: CASE_KIND, unitId: input.unitId, title: input.title, summary: input.summary, keywords: input.category, topic: '', bodyHtml: input.bodyHtml, columnIds: [] },
    async (trx, itemId) => void (await asTrx(trx).insertInto('training_cases').values({ item_id: itemId, category: input.category }).execute()));
  return { ...item, category: input.category };
}

export interface PublicCase extends PublicItem {
  category: string;
}

/** Published cases for the portal (publishing's `publishedItems`), with their category. */
export async function publishedCases(db: Db, f: { category?: string; page: number; pageSize: number }): Promise<{ items: PublicCase[]; total: number }> {
  // Cases are few (tens a year): filter by category after reading the published ones.
  const all = await publishedItems(db, { kind: CASE_KIND, limit: 2000 });
  const ids = all.items.map((i) => i.id);
  const cats = ids.length ? await tdb(db).selectFrom('training_cases').select(['item_id', 'category']).where('item_id', 'in', ids).execute() : [];
  const catOf = new Map(cats.map((c) => [c.item_id, c.category]));
  const items = all.items.map((i) => ({ ...i, category: catOf.get(i.id) ?? '' })).filter((i) => !f.category || i.category === f.category);
  return { total: items.length, items: items.slice((f.page - 1) * f.pageSize, f.page * f.pageSize) };
}

export async function publishedCase(db: Db, id: number) {
  const r = await getPublishedItem(db, id);
  if (!r || r.status !== 'published' || r.kind !== CASE_KIND) return null;
  const c = await tdb(db).selectFrom('training_cases').select('category').where('item_id', '=', id).executeTakeFirst();
  return { id: r.id, title: r.title, summary: r.summary, bodyHtml: r.body_html, unitId: r.unit_id, publishedAt: r.published_at!, indexNo: r.index_no, category: c?.category ?? '' };
}

/** Cases for the back office: publishing's staff list of kind 'case' (its scope rules), with their category. */
export async function staffCases(db: Db, actor: Actor, f: { status?: string; page: number; pageSize: number }) {
  const r = await listItemsForStaff(db, actor, { kind: CASE_KIND, status: f.status, page: f.page, pageSize: f.pageSize });
  const ids = r.items.map((i) => i.id);
  const cats = ids.length ? await tdb(db).selectFrom('training_cases').select(['item_id', 'category']).where('item_id', 'in', ids).execute() : [];
  const catOf = new Map(cats.map((c) => [c.item_id, c.category]));
  return { total: r.total, items: r.items.map((i) => ({ ...i, category: catOf.get(i.id) ?? '' })) };
}
