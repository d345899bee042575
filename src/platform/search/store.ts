import { sql, type Kysely } from 'kysely';
import { nowIso } from '../db/index.js';
import { badRequest } from '../errors.js';
import { segmentInChunks } from './segment.js';
import { tsvectorLiteral, type IndexedDocument } from './tokenize.mjs';
import { bodyChunks } from './chunks.js';
import { FTS_TABLES, searchKysely, type DialectName, type SearchDb, type SearchTables } from './tables.js';
import type { SearchDocument } from './index.js';

const ROWS_PER_STATEMENT = 50;
/** From this many documents on, a call is a bulk import (see indexDocuments). */
const BULK_DOCS = 50;

function facetRows(doc: SearchDocument): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const [name, v] of Object.entries(doc.facets ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) {
      if (typeof value !== 'string') continue;
      const k = `${name}\u0000${value}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push({ name, value });
      }
    }
  }
  return out;
}

function checkDocument(d: SearchDocument): void {
  if (typeof d.key !== 'string' || !d.key || d.key.length > 300) throw badRequest('invalid_search_key', '检索文档标识不能为空且不超过 300 个字符');
  if (typeof d.title !== 'string' || typeof d.body !== 'string') throw badRequest('invalid_search_document', `检索文档「${d.key}」缺少标题或正文`);
  if (typeof d.publishedAt !== 'string' || !d.publishedAt) throw badRequest('invalid_search_document', `检索文档「${d.key}」缺少发布时间`);
}

async function runInTransaction(db: SearchDb, fn: (trx: Kysely<SearchTables>) => Promise<void>): Promise<void> {
  const k = searchKysely(db);
  if (k.isTransaction) await fn(k);
  else await k.transaction().execute(fn);
}

async function deleteIds(trx: Kysely<SearchTables>, dialect: DialectName, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    if (dialect === 'sqlite') {
      for (const t of FTS_TABLES) await sql`delete from ${sql.table(t)} where rowid in (${sql.join(part)})`.execute(trx);
    }
    await trx.deleteFrom('search_facets').where('doc_id', 'in', part).execute();
    await trx.deleteFrom('search_chunks').where('doc_id', 'in', part).execute();
    await trx.deleteFrom('search_docs').where('id', 'in', part).execute();
  }
}

async function idsForKeys(trx: Kysely<SearchTables>, keys: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await trx.selectFrom('search_docs').select('id').where('key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) ids.push(r.id);
  }
  return ids;
}

async function writeRows(trx: Kysely<SearchTables>, dialect: DialectName, docs: SearchDocument[], seg: IndexedDocument[]): Promise<void> {
  const now = nowIso();
  await deleteIds(trx, dialect, await idsForKeys(trx, docs.map((d) => d.key)));
  const textRows: Array<{ id: number; seg: IndexedDocument }> = [];
  for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
    const part = docs.slice(i, i + ROWS_PER_STATEMENT);
    const partSeg = seg.slice(i, i + ROWS_PER_STATEMENT);
    const values = part.map((d, j) => ({
      key: d.key,
      group_key: d.key.split('/')[0]!,
      kind: d.kind,
      unit_id: d.unitId,
      title: d.title,
      body_length: d.body.length,
      url: d.url,
      published_at: d.publishedAt,
      facets: JSON.stringify(d.facets ?? {}),
      indexed_at: now,
      title_only: partSeg[j]!.titleOnly,
    }));
    let inserted: Array<{ id: number; key: string }>;
    if (dialect === 'postgresql') {
      // The tsvector columns are PostgreSQL-only, so this insert is written out. They are
      // written as tsvector literals (no positions: search never uses them), the tokens exactly
      // as segmented, and queried with tsquery literals (search.ts).
      const rows = values.map((v, j) => {
        const s = partSeg[j]!;
        return sql`(${v.key}, ${v.group_key}, ${v.kind}, ${v.unit_id}, ${v.title}, ${v.body_length}, ${v.url}, ${v.published_at}, ${v.facets}, ${v.indexed_at}, ${v.title_only},
          cast(${tsvectorLiteral(s.text)} as tsvector), cast(${tsvectorLiteral(s.title)} as tsvector), cast(${tsvectorLiteral(s.focus)} as tsvector))`;
      });
      const r = await sql<{ id: number; key: string }>`insert into search_docs
        (key, group_key, kind, unit_id, title, body_length, url, published_at, facets, indexed_at, title_only, tsv, title_tsv, focus_tsv)
        values ${sql.join(rows)} returning id, key`.execute(trx);
      inserted = r.rows;
    } else {
      inserted = await trx.insertInto('search_docs').values(values).returning(['id', 'key']).execute();
    }
    const idByKey = new Map(inserted.map((r) => [r.key, r.id]));
    if (dialect === 'sqlite') part.forEach((d, j) => textRows.push({ id: idByKey.get(d.key)!, seg: partSeg[j]! }));
    const chunks = part.flatMap((d) => bodyChunks(d.body).map((c) => sql`(${idByKey.get(d.key)!}, ${c.seq}, ${c.pos}, ${c.text})`));
    for (let j = 0; j < chunks.length; j += 1000) {
      await sql`insert into search_chunks (doc_id, seq, pos, text) values ${sql.join(chunks.slice(j, j + 1000))}`.execute(trx);
    }
    const facets = part.flatMap((d) => facetRows(d).map((f) => ({ doc_id: idByKey.get(d.key)!, ...f })));
    for (let j = 0; j < facets.length; j += 300) await trx.insertInto('search_facets').values(facets.slice(j, j + 300)).execute();
  }
  // SQLite's text index last, one row per statement: a statement writing several rows opens a
  // statement savepoint, at which FTS5 writes its pending terms out as a new segment — with
  // the inserts above interleaved, many small segments to write and merge (25 times the cost
  // for titles). Written here, FTS5 collects a whole chunk's terms in memory first.
  // A document without title or focus tokens needs no row in that table.
  for (const column of ['text', 'title', 'focus'] as const) {
    const table = sql.table(`search_${column}`);
    for (const { id, seg: s } of textRows) if (s[column]) await sql`insert into ${table} (rowid, tokens) values (${id}, ${s[column]})`.execute(trx);
  }
}

/**
 * Adds or replaces documents (by key). Runs in the caller's transaction when given one (the
 * publishing pipeline indexes inside its publishing transaction), otherwise in its own.
 * Large batches are segmented by worker threads while earlier chunks are written.
 */
export async function indexDocuments(db: SearchDb, dialect: DialectName, docs: SearchDocument[]): Promise<void> {
  if (!docs.length) return;
  for (const d of docs) checkDocument(d);
  // The last version of a key wins within one call.
  const byKey = new Map<string, SearchDocument>();
  for (const d of docs) {
    byKey.delete(d.key);
    byKey.set(d.key, d);
  }
  const chunks = segmentInChunks([...byKey.values()]);
  await runInTransaction(db, async (trx) => {
    // PostgreSQL moves new GIN entries from the pending list into the index in batches as large
    // as work_mem allows: with the default 4 MB a bulk import spent a quarter of its time more
    // on that (3,475 laws: 14.2 s → 12.4 s with 16 MB; more did not help). For this transaction only.
    if (dialect === 'postgresql' && byKey.size >= BULK_DOCS) await sql`set local work_mem = '16MB'`.execute(trx);
    for (const chunk of chunks) await writeRows(trx, dialect, chunk.docs, await chunk.segmented());
  });
}

/** Removes documents by key (unknown keys are ignored). */
export async function removeDocuments(db: SearchDb, dialect: DialectName, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await runInTransaction(db, async (trx) => deleteIds(trx, dialect, await idsForKeys(trx, keys)));
}

/**
 * Removes the document `prefix` and every document under it: 'item:123' removes 'item:123' and
 * 'item:123/att:4', not 'item:1234'.
 */
export async function removeByPrefix(db: SearchDb, dialect: DialectName, prefix: string): Promise<void> {
  if (!prefix) throw badRequest('invalid_search_key', '删除检索文档时前缀不能为空');
  await runInTransaction(db, async (trx) => {
    let q = trx.selectFrom('search_docs').select('id');
    if (!prefix.includes('/')) q = q.where('group_key', '=', prefix);
    else {
      const under = `${prefix}/`;
      q = q.where('group_key', '=', prefix.split('/')[0]!).where((eb) =>
        eb.or([eb('key', '=', prefix), eb(sql<string>`substr(key, 1, ${sql.lit(under.length)})`, '=', under)]),
      );
    }
    const ids = (await q.execute()).map((r) => r.id);
    await deleteIds(trx, dialect, ids);
  });
}
