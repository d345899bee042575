// Search benchmark: import of the laws corpus (3,475 documents; ×30 with BENCH_FULL=1) against
// jieba segmentation alone, and search latency against the raw text-index query and a LIKE scan.
// SQLite always; PostgreSQL too when GONGKAI_TEST_PG (an admin URL) is set.
//
// The raw query is a MATCH of the same words on the same index search() uses, ranked by the
// database (since migration 0011 on SQLite: the FTS5 table search_text, title and body tokens,
// detail=none — bm25 over it; on PostgreSQL: search_docs.tsv, ts_rank). Figures and their
// history: src/platform/search/README.md. BENCH_TRACE=1 prints every query's samples (with
// node --trace-gc: which samples a collection fell on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { openDatabase, type Db } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { closeSegmentWorkers, indexDocuments, optimizeSearchIndex, search, segmentQuery, type SearchDocument } from '../src/platform/search/index.js';
import { rawMatchExpression } from '../src/platform/search/match.js';
import { loadLaws } from '../src/platform/search/corpus.js';
import { createPgDatabase } from '../test/pg-database.js';

const FULL = process.env.BENCH_FULL === '1';
const COPIES = FULL ? 30 : 1;
// 32 queries × 20: the p95 is the 32nd-slowest of 640 samples. With 5 repetitions it was the 8th of
// 160 (法 alone holds five places), and whether two or three of the run's few garbage collection
// pauses (about 1 ms, falling on random samples) landed on searches moved it by half.
const REPS = Number(process.env.BENCH_REPS ?? 20);
const QUERIES = [
  '养老', '补贴', '行政处罚', '中华人民共和国行政处罚法', '政府信息公开', '"政府信息公开"', '养老 补贴', '个人信息保护',
  '劳动合同', '最低工资', '环境保护', '食品安全', '安全生产', '土地管理', '税收征收', '罚款', '听证', '行政复议',
  '知识产权', '未成年人', '交通事故', '物业管理', '医疗保险', '住房公积金', '民法典', '合同', '法', '人民法院 审判',
  '公司 股东 会议', '消费者权益', '数据安全', '量子纠缠',
];

const docsBase = loadLaws();
function corpus(): SearchDocument[] {
  if (COPIES === 1) return docsBase;
  const out: SearchDocument[] = [];
  for (let c = 0; c < COPIES; c++) {
    for (const d of docsBase) out.push({ ...d, key: `${d.key}#${c}`, publishedAt: `${2000 + (c % 26)}${d.publishedAt.slice(4)}` });
  }
  return out;
}
const docs = corpus();
const chars = docs.reduce((a, d) => a + d.title.length + d.body.length, 0);
const mb = docs.reduce((a, d) => a + Buffer.byteLength(d.title) + Buffer.byteLength(d.body), 0) / 1e6;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

function table(rows: string[][]): void {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  const pad = (s: string, n: number) => s + ' '.repeat(n - [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0));
  rows.forEach((r, i) => {
    console.log('| ' + r.map((c, j) => pad(c, w[j]!)).join(' | ') + ' |');
    if (i === 0) console.log('|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|');
  });
}

// ---------------------------------------------------------------- segmentation alone
let segCpuS = 0;
function segmentationBaseline(): number {
  const jieba = Jieba.withDict(dict);
  const sample = docsBase; // same text as one copy; ×COPIES is the same work repeated
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of sample) {
    jieba.cutForSearch(d.title, true);
    jieba.cutForSearch(d.body, true);
  }
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  segCpuS = (c.user + c.system) / 1e6;
  return sample.reduce((a, d) => a + Buffer.byteLength(d.title) + Buffer.byteLength(d.body), 0) / 1e6 / s;
}

let importCpuS = 0;
async function importInto(db: Db): Promise<number> {
  const c0 = process.cpuUsage(); // the whole process: main thread and segmentation workers
  const t0 = performance.now();
  const BATCH = 500;
  for (let i = 0; i < docs.length; i += BATCH) await indexDocuments(db.kysely, db.dialect, docs.slice(i, i + BATCH));
  // A bulk import ends by merging the text index (the nightly job does the same for a day's
  // publishing): part of the import's cost.
  await optimizeSearchIndex(db.kysely, db.dialect);
  const c = process.cpuUsage(c0);
  importCpuS = (c.user + c.system) / 1e6;
  return (performance.now() - t0) / 1000;
}

/** Wall time in ms; CPU time of this process (the main thread: SQLite runs in-process) into `cpu`. */
async function time(fn: () => Promise<unknown>, cpu?: number[]): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu?.push((c.user + c.system) / 1000);
  return ms;
}

interface Lat {
  search: number[];
  facets: number[];
  raw: number[];
  like: number[];
  searchCpu: number[];
  rawCpu: number[];
  /** per query: median search() and raw times (ms) */
  perQuery: Array<{ q: string; search: number; raw: number }>;
}

async function latencies(db: Db): Promise<Lat> {
  const k = db.kysely;
  const out: Lat = { search: [], facets: [], raw: [], like: [], searchCpu: [], rawCpu: [], perQuery: [] };
  const cases = QUERIES.map((q) => {
    const expr = rawMatchExpression(db.dialect, q);
    const raw =
      db.dialect === 'sqlite'
        ? () => sql`select rowid, bm25(search_text) from search_text where search_text match ${expr} order by rank limit 20`.execute(k)
        : () => sql`select id from search_docs where tsv @@ cast(${expr} as tsquery) order by ts_rank(tsv, cast(${expr} as tsquery)) desc limit 20`.execute(k);
    const words = segmentQuery(q);
    const like = () =>
      sql`select id from search_docs d where ${sql.join(
        words.map((w) => sql`(title like ${`%${w}%`} or exists (select 1 from search_chunks c where c.doc_id = d.id and c.text like ${`%${w}%`}))`),
        sql` and `,
      )} order by published_at desc limit 20`.execute(k);
    const s = () => search(k, db.dialect, { q, pageSize: 10 });
    const sf = () => search(k, db.dialect, { q, pageSize: 10, facetFields: ['kind', 'year', 'unitId'] });
    return { q, s, sf, raw, like };
  });
  // Warm-up: every query once (prepared statements, the query-side dictionary built on first
  // use), then a full collection, so that no sample pays for start-up or for earlier garbage.
  for (const c of cases) {
    await c.s();
    await c.sf();
    await c.raw();
  }
  collectGarbage();
  for (const { q, s, sf, raw } of cases) {
    if (process.env.BENCH_TRACE) console.log(`[q] ${q}`);
    // This query's pages into the caches first (the other queries have run since the warm-up
    // pass), so that neither the first search() nor the first raw query pays for reading them.
    await s();
    await raw();
    const mine: number[] = [];
    const theirs: number[] = [];
    // Alternating which goes first, so that neither always runs on pages the other just read.
    for (let r = 0; r < REPS; r++) {
      if (r % 2) theirs.push(await time(raw, out.rawCpu));
      mine.push(await time(s, out.searchCpu));
      out.facets.push(await time(sf));
      if (!(r % 2)) theirs.push(await time(raw, out.rawCpu));
    }
    if (process.env.BENCH_TRACE) console.log(`[t] ${q} search ${mine.map(f2).join(' ')} raw ${theirs.map(f2).join(' ')}`);
    out.search.push(...mine);
    out.raw.push(...theirs);
    out.perQuery.push({ q, search: pct(mine, 50), raw: pct(theirs, 50) });
  }
  // The LIKE scans last: each reads the whole database and would evict the pages (SQLite's page
  // cache, the CPU's caches) that the next query's first samples would otherwise find.
  for (const { like } of FULL && db.dialect === 'sqlite' ? cases.slice(0, 5) : cases) out.like.push(await time(like));
  return out;
}

/**
 * A full garbage collection. The import and the segmentation baseline leave a large heap of
 * garbage behind; without this, collecting it (a 15 ms mark-compact and a burst of 2–14 ms
 * scavenges, seen with --trace-gc) falls on whichever latency samples run first.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function sizeOf(db: Db): Promise<string> {
  if (db.dialect === 'sqlite') {
    const r = await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(db.kysely);
    return `${f1(Number(r.rows[0]!.n) / 1e6)} MB`;
  }
  const r = await sql<{ n: number }>`select pg_database_size(current_database())::bigint as n`.execute(db.kysely);
  return `${f1(Number(r.rows[0]!.n) / 1e6)} MB`;
}

async function runOn(label: string, db: Db, segBefore: number): Promise<string[][]> {
  await migrateToLatest(db);
  const load = os.loadavg()[0]!;
  const importS = await importInto(db);
  // The machine may be shared: segmentation alone is measured again right after the import,
  // and the import is compared with the mean of the two.
  const segAfter = segmentationBaseline();
  const segMBs = (segBefore + segAfter) / 2;
  console.log(`\n${label}: jieba alone ${f2(segBefore)} MB/s before, ${f2(segAfter)} MB/s after the import; load average ${f1(load)} → ${f1(os.loadavg()[0]!)}`);
  if (db.dialect === 'postgresql') await sql`vacuum analyze search_docs`.execute(db.kysely);
  const size = await sizeOf(db);
  const lat = await latencies(db);
  const importMBs = mb / importS;
  console.log(
    `${label}: import CPU ${f1(importCpuS)} s in this process (+ the database server's on PostgreSQL) for ${f1(mb)} MB; jieba alone ${f1((segCpuS * COPIES))} s CPU for the same text → CPU cost ratio ${f2((segCpuS * COPIES) / importCpuS)}`,
  );
  console.log(
    `${label}: imported ${docs.length} documents (${f1(mb)} MB, ${(chars / 1e6).toFixed(1)} M characters) in ${f1(importS)} s = ${f1(docs.length / importS)} docs/s, ${f2(importMBs)} MB/s; database ${size}`,
  );
  const rawP95 = pct(lat.raw, 95);
  const rows = [
    ['what', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 ÷ raw p95'],
    [`search() page 1 (${QUERIES.length} queries × ${REPS})`, f1(pct(lat.search, 50)), f1(pct(lat.search, 95)), f1(pct(lat.search, 99)), f2(pct(lat.search, 95) / rawP95)],
    ['search() + 3 facet counts', f1(pct(lat.facets, 50)), f1(pct(lat.facets, 95)), f1(pct(lat.facets, 99)), f2(pct(lat.facets, 95) / rawP95)],
    [db.dialect === 'sqlite' ? 'raw search_text MATCH … ORDER BY bm25 LIMIT 20' : 'raw tsv @@ q ORDER BY ts_rank LIMIT 20', f1(pct(lat.raw, 50)), f1(rawP95), f1(pct(lat.raw, 99)), '1.00'],
    ...(db.dialect === 'sqlite'
      ? [
          ['search() CPU time (in-process)', f1(pct(lat.searchCpu, 50)), f1(pct(lat.searchCpu, 95)), f1(pct(lat.searchCpu, 99)), f2(pct(lat.searchCpu, 95) / pct(lat.rawCpu, 95))],
          ['raw FTS5 CPU time', f1(pct(lat.rawCpu, 50)), f1(pct(lat.rawCpu, 95)), f1(pct(lat.rawCpu, 99)), '1.00'],
        ]
      : []),
    [`LIKE '%…%' scan of titles and body chunks (${lat.like.length} queries)`, f1(pct(lat.like, 50)), f1(pct(lat.like, 95)), f1(pct(lat.like, 99)), f2(pct(lat.like, 95) / rawP95)],
  ];
  table(rows);
  // The p95 of 32 queries × 5 is about the slowest queries' typical time: name them.
  const slow = (by: 'search' | 'raw') =>
    [...lat.perQuery]
      .sort((a, b) => b[by] - a[by])
      .slice(0, 4)
      .map((x) => `${x.q} ${f1(x[by])}`)
      .join(', ');
  console.log(`${label}: slowest queries (median ms) — search(): ${slow('search')}; raw: ${slow('raw')}`);
  return [
    [
      label,
      `${f1(docs.length / importS)} docs/s`,
      `${f2(importMBs)} MB/s`,
      f2(importMBs / segMBs),
      f1(pct(lat.search, 95)),
      f1(rawP95),
      f2(pct(lat.search, 95) / rawP95),
      db.dialect === 'sqlite' ? f2(pct(lat.searchCpu, 95) / pct(lat.rawCpu, 95)) : '—',
    ],
  ];
}

async function main(): Promise<void> {
  console.log(`corpus: ${docs.length} documents${FULL ? ` (laws ×${COPIES})` : ''}, ${f1(mb)} MB UTF-8; ${os.availableParallelism()} cores`);
  const segMBs = segmentationBaseline();
  console.log(`jieba cutForSearch(text, true) alone, one thread: ${f2(segMBs)} MB/s`);
  const summary: string[][] = [['database', 'import', 'import MB/s', 'import ÷ jieba (≥0.5)', 'search p95 ms', 'raw p95 ms', 'search ÷ raw (≤1.5)', 'same, CPU time']];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
  const sqlite = openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  try {
    summary.push(...(await runOn('SQLite', sqlite, segMBs)));
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const admin = process.env.GONGKAI_TEST_PG;
  if (admin) {
    const created = await createPgDatabase(admin, 'gk_bench');
    const db = openDatabase({ kind: 'postgresql', url: created.url });
    try {
      summary.push(...(await runOn('PostgreSQL', db, segMBs)));
    } finally {
      await db.close();
      await created.drop();
    }
  } else {
    console.log('\n(PostgreSQL skipped: set GONGKAI_TEST_PG to an admin URL to include it)');
  }
  await closeSegmentWorkers();
  console.log('\nsummary');
  table(summary);
}

await main();
