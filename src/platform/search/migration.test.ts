import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers.js';
import { openDatabase, type Db } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { buildDictionary, segmentDocument } from './tokenize.mjs';
import { indexDocuments, search, type SearchDocument, type SearchQuery } from './index.js';
import { loadLaws } from './corpus.js';

/*
 * Migration 0010 reshapes the search tables of a database that already has indexed documents:
 * documents written by the code before it (body in search_docs, FTS5 with positions, PostgreSQL
 * tsvectors from to_tsvector) are found exactly as if indexed by the current code.
 */
const docs = loadLaws((law, i) => i < 60 || /养老|行政处罚/.test(law.title));
const QUERIES: SearchQuery[] = [
  { q: '养老' },
  { q: '行政处罚' },
  { q: '罚款', page: 2, facetFields: ['year', 'kind'] },
  { q: '"政府信息公开"' },
  { q: '法' },
];

let before: Db;
let dropBefore: () => Promise<void>;
let fresh: TestDatabase;

async function openEmpty(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-m0010-'));
    const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'old.sqlite') });
    return { db, drop: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = process.env.GONGKAI_TEST_PG!;
  const name = `gk_m0010_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = openDatabase({ kind: 'postgresql', url: url.toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

/** Migrates to just before 0010 and indexes `docs` as the code before 0010 did. */
async function oldIndex(db: Db): Promise<void> {
  const before0010 = migrations.filter((m) => m.name < '0010');
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => Object.fromEntries(before0010.map((m) => [m.name, { up: (k) => m.up(k, db.dialect) } satisfies Migration])) },
    migrationTableName: 'gongkai_migrations',
    migrationLockTableName: 'gongkai_migrations_lock',
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
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
    for (const [name, v] of Object.entries(d.facets ?? {})) {
      for (const value of new Set(Array.isArray(v) ? v : [v])) {
        await sql`insert into search_facets (doc_id, name, value) select id, ${name}, ${value} from search_docs where key = ${d.key}`.execute(db.kysely);
      }
    }
  }
}

beforeAll(async () => {
  const o = await openEmpty();
  before = o.db;
  dropBefore = o.drop;
  await oldIndex(before);
  expect(await migrateToLatest(before)).toEqual(['0010_search_storage']);
  fresh = await createTestDatabase();
  await indexDocuments(fresh.db.kysely, fresh.db.dialect, [...docs].reverse());
}, 180_000);
afterAll(async () => {
  await dropBefore?.();
  await fresh?.drop();
});

describe(`migration 0010 on a ${TEST_DIALECT} database with indexed documents`, () => {
  it('moves every body to search_bodies', async () => {
    const n = await sql<{ n: number }>`select count(*) as n from search_bodies`.execute(before.kysely);
    expect(Number(n.rows[0]!.n)).toBe(docs.length);
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
  });
});
