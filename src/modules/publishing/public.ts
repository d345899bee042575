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

/** Published items with their text and columns, for the patrol. */
export async function publishedForPatrol(db: Db) {
  const p = pub(db);
  const rows = await p.selectFrom('content_items').select(['id', 'kind', 'unit_id', 'title', 'summary', 'body_html', 'published_at', 'bundle_id'])
    .where('status', '=', 'published').orderBy('id').execute();
  const cols = rows.length ? await p.selectFrom('item_columns').select(['item_id', 'column_id']).execute() : [];
  const atts = rows.length ? await p.selectFrom('attachments').select(['id', 'item_id', 'filename', 'storage_path', 'mime']).orderBy('id').execute() : [];
  const published = new Set(rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, kind: r.kind, unitId: r.unit_id, title: r.title, summary: r.summary, bodyHtml: r.body_html, publishedAt: r.published_at!,
    url: urlOf(r),
    columnIds: cols.filter((c) => c.item_id === r.id).map((c) => c.column_id),
    attachments: atts.filter((a) => a.item_id === r.id && published.has(a.item_id)).map((a) => ({ id: a.id, filename: a.filename, storagePath: a.storage_path, mime: a.mime })),
  }));
}

/** Every active column with its number of published items and the latest publication date. */
export async function columnFreshness(db: Db) {
  const p = pub(db);
  const cols = await p.selectFrom('columns').selectAll().where('active', '=', 1).orderBy('id').execute();
  const stats = await p.selectFrom('item_columns').innerJoin('content_items', 'content_items.id', 'item_columns.item_id')
    .select(['column_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('published_at').as('last')])
    .where('status', '=', 'published').groupBy('column_id').execute();
  const parents = new Set(cols.map((c) => c.parent_id).filter((x): x is number => x !== null));
  return cols.map((c) => {
    const s = stats.find((x) => x.column_id === c.id);
    return {
      id: c.id, name: c.name, unitId: c.unit_id, kind: c.kind, parentId: c.parent_id, dutyKind: c.duty_kind, dutyValue: c.duty_value,
      isLeaf: !parents.has(c.id), published: Number(s?.n ?? 0), lastPublishedAt: s?.last ? String(s.last) : null,
    };
  });
}

/** Latest publication anywhere (homepage freshness). */
export async function latestPublication(db: Db): Promise<string | null> {
  const r = await pub(db).selectFrom('content_items').select((eb) => eb.fn.max('published_at').as('last')).where('status', '=', 'published').executeTakeFirst();
  return r?.last ? String(r.last) : null;
}

/** Does this internal portal path resolve to something a visitor can open? */
export async function internalTargetsExist(db: Db, ids: { items: number[]; files: number[]; columns: number[] }) {
  const p = pub(db);
  const items = ids.items.length ? (await p.selectFrom('content_items').select('id').where('id', 'in', ids.items).where('status', '=', 'published').execute()).map((r) => r.id) : [];
  const files = ids.files.length
    ? (await p.selectFrom('attachments').innerJoin('content_items', 'content_items.id', 'attachments.item_id').select('attachments.id').where('attachments.id', 'in', ids.files).where('status', '=', 'published').execute()).map((r) => r.id)
    : [];
  const columns = ids.columns.length ? (await p.selectFrom('columns').select('id').where('id', 'in', ids.columns).where('active', '=', 1).execute()).map((r) => r.id) : [];
  return { items: new Set(items), files: new Set(files), columns: new Set(columns) };
}
