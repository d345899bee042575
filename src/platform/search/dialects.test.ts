import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers.js';
import { openDatabase, type Db } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { indexDocuments, search, type SearchQuery } from './index.js';
import { loadLaws } from './corpus.js';

/*
 * Ranking depends only on the documents, not on the database or the order of indexing:
 * on the PostgreSQL run this compares PostgreSQL with SQLite; on the SQLite run it compares
 * two SQLite databases filled in opposite orders (so row ids differ).
 */
const docs = loadLaws((law, i) => i < 300 || /行政处罚|养老|民法典/.test(law.title));
const QUERIES: SearchQuery[] = [
  { q: '养老' },
  { q: '补贴' },
  { q: '行政处罚' },
  { q: '养老 补贴' },
  { q: '"政府信息公开"' },
  { q: '罚款', page: 2 },
  { q: '中华人民共和国行政处罚法' },
  { q: '听证 程序' },
  { q: '法', pageSize: 10 },
  { q: '罚款', kinds: ['law'], facets: { column: '政策文件' }, facetFields: ['year', 'category'] },
];

let under: TestDatabase;
let sqliteDb: Db;
let sqliteDir: string;
beforeAll(async () => {
  under = await createTestDatabase();
  await indexDocuments(under.db.kysely, under.db.dialect, docs);
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-search-'));
  sqliteDb = openDatabase({ kind: 'sqlite', file: path.join(sqliteDir, 'other.sqlite') });
  await migrateToLatest(sqliteDb);
  await indexDocuments(sqliteDb.kysely, 'sqlite', [...docs].reverse());
}, 180_000);
afterAll(async () => {
  await sqliteDb.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
  await under.drop();
});

describe(`the same results on ${TEST_DIALECT} and on a second SQLite database`, () => {
  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))('%s', async (_name, q) => {
    const a = await search(under.db.kysely, under.db.dialect, q);
    const b = await search(sqliteDb.kysely, 'sqlite', q);
    expect(a.total).toBeGreaterThan(0);
    expect(a.total).toBe(b.total);
    expect(a.hits.map((h) => h.key)).toEqual(b.hits.map((h) => h.key));
    expect(a.hits.map((h) => h.score)).toEqual(b.hits.map((h) => h.score));
    expect(a.hits.map((h) => h.snippet)).toEqual(b.hits.map((h) => h.snippet));
    expect(a.facets).toEqual(b.facets);
  });
});
