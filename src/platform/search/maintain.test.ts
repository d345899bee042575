import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { registeredJobs, runJobOnce } from '../jobs.js';
import { indexDocuments, optimizeSearchIndex, search } from './index.js';
import { FTS_TABLES } from './tables.js';
import { loadLaws } from './corpus.js';

const docs = loadLaws((_law, i) => i < 240);
const QUERIES = ['罚款', '行政处罚', '政府 信息 公开', '法', '"人民法院"'];

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // Six calls, as an import in batches or six publishing transactions would write them.
  for (let i = 0; i < docs.length; i += 40) await indexDocuments(t.db.kysely, t.db.dialect, docs.slice(i, i + 40));
}, 120_000);
afterAll(async () => t.drop());

/** SQLite: how many segments each FTS5 table of the text index has. */
async function segments(): Promise<number[]> {
  const out: number[] = [];
  for (const table of FTS_TABLES) {
    const r = await sql<{ n: number }>`select count(distinct segid) as n from ${sql.table(`${table}_idx`)}`.execute(t.db.kysely);
    out.push(Number(r.rows[0]!.n));
  }
  return out;
}

async function results(): Promise<string[][]> {
  const out: string[][] = [];
  for (const q of QUERIES) {
    const r = await search(t.db.kysely, t.db.dialect, { q, pageSize: 100, facetFields: ['kind'] });
    out.push([String(r.total), ...r.hits.map((h) => `${h.key} ${h.score} ${h.snippet}`)]);
  }
  return out;
}

describe('optimizeSearchIndex', () => {
  it('merges the text index and changes no result', async () => {
    const before = await results();
    expect(before.every((r) => Number(r[0]) > 0)).toBe(true);
    if (t.db.dialect === 'sqlite') expect((await segments()).some((n) => n > 1)).toBe(true);
    const steps: string[] = [];
    await optimizeSearchIndex(t.db.kysely, t.db.dialect, (s) => steps.push(s));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    if (t.db.dialect === 'sqlite') expect(await segments()).toEqual([1, 1, 1]);
    expect(await results()).toEqual(before);
    // Nothing left to do: a second run changes nothing either.
    await optimizeSearchIndex(t.db.kysely, t.db.dialect);
    expect(await results()).toEqual(before);
  });

  it('runs nightly as the job search-optimize', async () => {
    const job = registeredJobs().find((j) => j.name === 'search-optimize');
    expect(job?.schedule).toBe('47 3 * * *');
    // A day's publishing: more segments, then the job merges them.
    await indexDocuments(t.db.kysely, t.db.dialect, [{ ...docs[0]!, key: 'extra:1', title: '夜间合并测试文件' }]);
    await indexDocuments(t.db.kysely, t.db.dialect, [{ ...docs[1]!, key: 'extra:2', title: '夜间合并测试文件二' }]);
    if (t.db.dialect === 'sqlite') expect((await segments()).some((n) => n > 1)).toBe(true);
    expect(await runJobOnce(t.db, job!)).toBe(true);
    if (t.db.dialect === 'sqlite') expect(await segments()).toEqual([1, 1, 1]);
    expect((await search(t.db.kysely, t.db.dialect, { q: '夜间合并测试' })).total).toBe(2);
  });
});
