import type { Db } from '../../platform/db/index.js';
import { contentKind } from './kinds.js';
import { pub } from './items.js';

/** Published items as the public sees them: every query here filters status = 'published' in SQL. */
export interface PublicItem {
  id: number;
  kind: string;
  unitId: number;
  title: string;
  summary: string;
  publishedAt: string;
  updatedAt: string;
  indexNo: string | null;
  url: string;
}

const urlOf = (r: { id: number; kind: string; unit_id: number; title: string; bundle_id: number | null }) =>
  contentKind(r.kind)?.url({ id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, bundleId: r.bundle_id }) ?? `/items/${r.id}`;

export async function publishedItems(db: Db, f: { columnId?: number; unitId?: number; kind?: string; since?: string; limit: number; offset?: number }): Promise<{ items: PublicItem[]; total: number }> {
  let q = pub(db).selectFrom('content_items').where('status', '=', 'published');
  if (f.columnId) q = q.where('id', 'in', (eb) => eb.selectFrom('item_columns').select('item_id').where('column_id', '=', f.columnId!));
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.since) q = q.where('published_at', '>=', new Date(f.since).toISOString());
  const [rows, total] = await Promise.all([
    q.select(['id', 'kind', 'unit_id', 'title', 'summary', 'published_at', 'updated_at', 'index_no', 'bundle_id']).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset ?? 0).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, summary: r.summary, publishedAt: r.published_at!, updatedAt: r.updated_at, indexNo: r.index_no, url: urlOf(r) })),
  };
}

/** Every published URL for the sitemap. */
export async function allPublishedUrls(db: Db): Promise<Array<{ url: string; lastmod: string }>> {
  const rows = await pub(db).selectFrom('content_items').select(['id', 'kind', 'unit_id', 'title', 'bundle_id', 'updated_at']).where('status', '=', 'published').orderBy('id').execute();
  return rows.map((r) => ({ url: urlOf(r), lastmod: r.updated_at }));
}

export async function getPublishedItem(db: Db, id: number) {
  return pub(db).selectFrom('content_items').selectAll().where('id', '=', id).where('status', 'in', ['published', 'withdrawn']).executeTakeFirst();
}
