import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers.js';
import { createPgDatabase } from '../../../test/pg-database.js';
import { openDatabase, type Db } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { buildDictionary, segmentDocument, tsvectorLiteral } from './tokenize.mjs';
import { joinChunks } from './chunks.js';
import { indexDocuments, removeDocuments, search, type SearchDocument, type SearchQuery } from './index.js';
import { loadLaws } from './corpus.js';

/*
 * Migrations 0010 and 0011 reshape the search tables of a database that already has indexed
 * documents: documents written by the code before each (0010: body in search_docs, FTS5 with
 * positions, PostgreSQL tsvectors from to_tsvector; 0011: search_bodies, one three-column FTS5
 * table) are found exactly as if indexed by the current code.
 */
const docs = loadLaws((law, i) => i < 60 || /养老|行政处罚/.test(law.title));
const QUERIES: SearchQuery[] = [
  { q: '养老' },
  { q: '行政处罚' },
  { q: '罚款', page: 2, facetFields: ['year', 'kind'] },
  { q: '"政府信息公开"' },
  { q: '法' },
];

async function openEmpty(tag: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gongkai-${tag}-`));
    const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'old.sqlite') });
    return { db, drop: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const created = await createPgDatabase(process.env.GONGKAI_TEST_PG!, `gk_${tag}`);
  const db = openDatabase({ kind: 'postgresql', url: created.url });
  return { db, drop: async () => (await db.close(), await created.drop()) };
}

/** Applies the migrations numbered below `upTo` only. */
async function migrateBefore(db: Db, upTo: string): Promise<void> {
  const before = migrations.filter((m) => m.name < upTo);
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => Object.fromEntries(before.map((m) => [m.name, { up: (k) => m.up(k, db.dialect) } satisfies Migration])) },
    migrationTableName: 'gongkai_migrations',
    migrationLockTableName: 'gongkai_migrations_lock',
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

async function insertFacets(db: Db, d: SearchDocument): Promise<void> {
  for (const [name, v] of Object.entries(d.facets ?? {})) {
    for (const value of new Set(Array.isArray(v) ? v : [v])) {
      await sql`insert into search_facets (doc_id, name, value) select id, ${name}, ${value} from search_docs where key = ${d.key}`.execute(db.kysely);
    }
  }
}

/** Indexes `docs` as the code before 0010 did. */
async function indexBefore0010(db: Db): Promise<void> {
  const dictionary = buildDictionary(dict);
  for (const d of docs) {
    const s = segmentDocument(dictionary, d.title, d.body);
    const facets = JSON.stringify(d.facets ?? {});
    if (db.dialect === 'sqlite') {
      const r = await sql<{ id: number }>`insert into search_docs (key, group_key, kind, unit_id, title, body, body_length, url, published_at, facets, indexed_at)
        values (${d.key}, ${d.key}, ${d.kind}, ${d.unitId}, ${d.title}, ${d.body}, ${d.body.length}, ${d.url}, ${d.publishedAt}, ${facets}, '2025-01-01T00:00:00Z') returning id`.execute(db.kysely);
      await sql`insert into search_fts(rowid, title, body, focus) values (${r.rows[0]!.id}, ${s.title}, ${s.body}, ${s.focus})`.execute(db.kysely);
    } else {
      await sql`insert into search_docs (key, group_key, kind, unit_id, title, body, body_length, url, published_at, facets, indexed_at, tsv, title_tsv, focus_tsv)
        values (${d.key}, ${d.key}, ${d.kind}, ${d.unitId}, ${d.title}, ${d.body}, ${d.body.length}, ${d.url}, ${d.publishedAt}, ${facets}, '2025-01-01T00:00:00Z',
          setweight(to_tsvector('simple', ${s.title}), 'A') || setweight(to_tsvector('simple', ${s.body}), 'B'),
          to_tsvector('simple', ${s.title}), to_tsvector('simple', ${s.focus}))`.execute(db.kysely);
    }
    await insertFacets(db, d);
  }
}

/** Indexes `docs` as the code between 0010 and 0011 did (search_bodies; one three-column FTS5 table). */
async function indexBefore0011(db: Db): Promise<void> {
  const dictionary = buildDictionary(dict);
  for (const d of docs) {
    const s = segmentDocument(dictionary, d.title, d.body);
    const facets = JSON.stringify(d.facets ?? {});
    const tsv = db.dialect === 'postgresql'
      ? sql`, cast(${tsvectorLiteral(`${s.title} ${s.body}`)} as tsvector), cast(${tsvectorLiteral(s.title)} as tsvector), cast(${tsvectorLiteral(s.focus)} as tsvector)`
      : sql``;
    const r = await sql<{ id: number }>`insert into search_docs (key, group_key, kind, unit_id, title, body_length, url, published_at, facets, indexed_at
        ${db.dialect === 'postgresql' ? sql`, tsv, title_tsv, focus_tsv` : sql``})
      values (${d.key}, ${d.key}, ${d.kind}, ${d.unitId}, ${d.title}, ${d.body.length}, ${d.url}, ${d.publishedAt}, ${facets}, '2025-01-01T00:00:00Z' ${tsv}) returning id`.execute(db.kysely);
    const id = r.rows[0]!.id;
    await sql`insert into search_bodies (doc_id, body) values (${id}, ${d.body})`.execute(db.kysely);
    if (db.dialect === 'sqlite') await sql`insert into search_fts(rowid, title, body, focus) values (${id}, ${s.title}, ${s.body}, ${s.focus})`.execute(db.kysely);
    await insertFacets(db, d);
  }
}

let fresh: TestDatabase;
beforeAll(async () => {
  fresh = await createTestDatabase();
  await indexDocuments(fresh.db.kysely, fresh.db.dialect, [...docs].reverse());
}, 180_000);
afterAll(async () => fresh?.drop());

describe.each([
  { migration: '0010_search_storage', index: indexBefore0010 },
  { migration: '0011_search_index', index: indexBefore0011 },
])(`migration $migration on a ${TEST_DIALECT} database with indexed documents`, ({ migration, index }) => {
  let before: Db;
  let dropBefore: () => Promise<void>;
  beforeAll(async () => {
    const o = await openEmpty(`m${migration.slice(0, 4)}`);
    before = o.db;
    dropBefore = o.drop;
    await migrateBefore(before, migration);
    await index(before);
    expect(await migrateToLatest(before)).toContain(migration);
  }, 180_000);
  afterAll(async () => dropBefore?.());

  it('moves every body to search_chunks, whole', async () => {
    const rows = await sql<{ doc_id: number; pos: number; text: string }>`select doc_id, pos, text from search_chunks order by doc_id, seq`.execute(before.kysely);
    const byDoc = new Map<number, Array<{ pos: number; text: string }>>();
    for (const r of rows.rows) byDoc.set(r.doc_id, [...(byDoc.get(r.doc_id) ?? []), r]);
    expect(byDoc.size).toBe(docs.length);
    const ids = await sql<{ id: number; key: string }>`select id, key from search_docs`.execute(before.kysely);
    const bodyOf = new Map(docs.map((d) => [d.key, d.body]));
    for (const { id, key } of ids.rows) expect(joinChunks(byDoc.get(id)!).text).toBe(bodyOf.get(key));
  });

  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))('finds %s as a database indexed after it', async (_n, q) => {
    const a = await search(before.kysely, before.dialect, q);
    const b = await search(fresh.db.kysely, fresh.db.dialect, q);
    expect(a.total).toBeGreaterThan(0);
    expect(a.total).toBe(b.total);
    expect(a.hits.map((h) => [h.key, h.score, h.snippet])).toEqual(b.hits.map((h) => [h.key, h.score, h.snippet]));
    expect(a.facets).toEqual(b.facets);
  });

  it('keeps indexing and removing after it', async () => {
    const doc: SearchDocument = { key: 'item:m10', kind: 'notice', unitId: 1, title: '关于山竹收购的通知', body: '山竹收购价格公示。', url: '/m10', publishedAt: '2025-01-02' };
    await indexDocuments(before.kysely, before.dialect, [doc]);
    expect((await search(before.kysely, before.dialect, { q: '山竹' })).hits.map((h) => h.key)).toEqual(['item:m10']);
    await removeDocuments(before.kysely, before.dialect, ['item:m10']);
    expect((await search(before.kysely, before.dialect, { q: '山竹' })).total).toBe(0);
  });
});
