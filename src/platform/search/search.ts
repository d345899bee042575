import { sql, type Kysely, type RawBuilder } from 'kysely';
import { normalizeText } from './tokenize.mjs';
import { onlyWordChars, parseQuery, type ParsedQuery } from './segment.js';
import { highlight, makeSnippet } from './snippet.js';
import { searchKysely, type DialectName, type SearchDb, type SearchTables } from './tables.js';
import type { SearchHit, SearchQuery, SearchResult } from './index.js';

/*
 * Ranking — the same on SQLite and PostgreSQL, and it never scores every matching row:
 *
 *   match set M = documents containing every query word (title or body), via the text index;
 *   1. title tier: M ∩ "title contains every word" (title-only index, small): exact title,
 *      then title containing the whole query, then the other title matches; within each,
 *      title coverage (how much of the title the query is) + body score. At most TITLE_WINDOW.
 *   2. focus tier: M ∩ "every word is frequent in the body" (focus index: tokens occurring at
 *      least 3 times and once per 1,500 characters), the FOCUS_WINDOW most recent, by body score.
 *   3. the rest of M by publication date (newest first).
 * Body score = mean over words of a BM25-style saturation of the word's count in the body
 * (counted in SQL with replace(), only for the rows of the two windows), with a bonus when
 * the whole query occurs as written. Ties: newer first, then key.
 */
const TITLE_WINDOW = 100;
const FOCUS_WINDOW = 100;
const AVG_LENGTH = 3000;

type K = Kysely<SearchTables>;

function ftsQuery(p: ParsedQuery): string {
  return p.terms
    .flatMap((t) => t.tokens.map((x) => `"${x.token.replaceAll('"', '""')}"${x.prefix ? '*' : ''}`))
    .join(' AND ');
}
function tsQuery(p: ParsedQuery): string {
  return p.terms.flatMap((t) => t.tokens.map((x) => `'${x.token.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${x.prefix ? ':*' : ''}`)).join(' & ');
}

/** The text-index match expression search() uses for q (FTS5 MATCH string or tsquery text): for benchmarks. */
export function rawMatchExpression(dialect: DialectName, q: string): string {
  const p = parseQuery(q);
  return dialect === 'sqlite' ? ftsQuery(p) : tsQuery(p);
}

type Scope = 'all' | 'title' | 'focus';
function matchSql(dialect: DialectName, p: ParsedQuery, scope: Scope): RawBuilder<unknown> {
  if (dialect === 'sqlite') {
    const q = ftsQuery(p);
    const expr = scope === 'all' ? q : `{${scope}} : (${q})`;
    return sql`d.id in (select rowid from search_fts where search_fts match ${expr})`;
  }
  const col = sql.ref(scope === 'all' ? 'd.tsv' : scope === 'title' ? 'd.title_tsv' : 'd.focus_tsv');
  return sql`${col} @@ to_tsquery('simple', ${tsQuery(p)})`;
}

function filterSql(query: SearchQuery): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (query.kinds?.length) out.push(sql`d.kind in (${sql.join(query.kinds)})`);
  if (query.unitIds?.length) out.push(sql`d.unit_id in (${sql.join(query.unitIds)})`);
  for (const [name, value] of Object.entries(query.facets ?? {})) {
    out.push(sql`exists (select 1 from search_facets f where f.doc_id = d.id and f.name = ${name} and f.value = ${value})`);
  }
  return out;
}

/** SQL counting occurrences of `needle` in the body (identical on both databases). */
function countSql(needle: string): RawBuilder<number> {
  const hay = /[a-z]/.test(needle) ? sql`lower(d.body)` : sql`d.body`;
  return sql<number>`((length(d.body) - length(replace(${hay}, ${needle}, ''))) / ${sql.lit(needle.length)})`;
}

interface Row {
  id: number;
  key: string;
  kind: string;
  unit_id: number | null;
  title: string;
  url: string;
  published_at: string;
  body_length: number;
  [count: `c${number}`]: number;
}

function newerFirst(a: Row, b: Row): number {
  return a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function bodyScore(p: ParsedQuery, r: Row): number {
  const norm = 0.25 + (0.75 * r.body_length) / AVG_LENGTH;
  const sat = (tf: number) => (tf * 2.2) / (tf + 1.2 * norm) / 2.2;
  let s = 0;
  p.terms.forEach((_, i) => (s += sat(Number(r[`c${i}`] ?? 0))));
  s /= p.terms.length;
  if (p.terms.length > 1) s += 0.5 * sat(Number(r[`c${p.terms.length}`] ?? 0));
  return s;
}

/** Everything after a leading 中华人民共和国 (national laws all start with it). */
function titleCore(title: string): string {
  const t = onlyWordChars(normalizeText(title));
  return t.startsWith('中华人民共和国') && t.length > 7 ? t.slice(7) : t;
}

function titleScore(p: ParsedQuery, r: Row): number {
  const full = onlyWordChars(normalizeText(r.title));
  const core = titleCore(r.title);
  let tier = 0;
  if (full === p.phrase || core === p.phrase) tier = 20;
  else if (p.terms.length > 1 && full.includes(p.phrase)) tier = 10;
  else if (p.terms.length === 1) tier = 10; // the one word is in the title (matched by the title index)
  const used = Math.min(p.phrase.length, core.length || 1);
  const coverage = used / Math.max(core.length, 1);
  return 30 + tier + 2 * coverage + bodyScore(p, r);
}

const BASE_COLUMNS = ['d.id', 'd.key', 'd.kind', 'd.unit_id', 'd.title', 'd.url', 'd.published_at', 'd.body_length'] as const;

export async function search(db: SearchDb, dialect: DialectName, query: SearchQuery): Promise<SearchResult> {
  const started = performance.now();
  const k: K = searchKysely(db);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 10)));
  const facetFields = query.facetFields ?? [];
  const p = parseQuery(query.q ?? '');
  const emptyFacets = Object.fromEntries(facetFields.map((f) => [f, [] as Array<{ value: string; count: number }>]));
  if (!p.terms.length) return { total: 0, hits: [], facets: emptyFacets, tookMs: performance.now() - started };

  const where = sql.join([matchSql(dialect, p, 'all'), ...filterSql(query)], sql` and `);
  const from = k.selectFrom('search_docs as d').where(where as RawBuilder<boolean>);
  const counts = [...p.terms.map((t) => t.text), ...(p.terms.length > 1 ? [p.phrase] : [])];
  const withCounts = from.select(BASE_COLUMNS).select(counts.map((n, i) => countSql(n).as(`c${i}`)));

  const totalRow = await from.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const total = Number(totalRow.n);
  const need = page * pageSize;

  // 1. title tier
  const titleIds = (
    await from
      .select(['d.id'])
      .where(matchSql(dialect, p, 'title') as RawBuilder<boolean>)
      .orderBy('d.published_at', 'desc')
      .orderBy('d.key')
      .limit(TITLE_WINDOW)
      .execute()
  ).map((r) => r.id);
  const ranked: Array<{ row: Row; score: number }> = [];
  if (titleIds.length) {
    const rows = (await withCounts.where('d.id', 'in', titleIds).execute()) as Row[];
    ranked.push(...rows.map((row) => ({ row, score: titleScore(p, row) })));
  }
  // 2. focus tier
  if (need > ranked.length && total > ranked.length) {
    let q = withCounts.where(matchSql(dialect, p, 'focus') as RawBuilder<boolean>);
    if (titleIds.length) q = q.where('d.id', 'not in', titleIds);
    const rows = (await q.orderBy('d.published_at', 'desc').orderBy('d.key').limit(FOCUS_WINDOW).execute()) as Row[];
    ranked.push(...rows.map((row) => ({ row, score: 10 + bodyScore(p, row) })));
  }
  ranked.sort((a, b) => b.score - a.score || newerFirst(a.row, b.row));
  // 3. the rest, newest first
  let hitsRows: Array<{ row: Row; score: number }> = ranked.slice((page - 1) * pageSize, need);
  if (need > ranked.length && total > ranked.length) {
    const offset = Math.max(0, (page - 1) * pageSize - ranked.length);
    const limit = need - Math.max(ranked.length, (page - 1) * pageSize);
    let q = from.select(BASE_COLUMNS);
    const seen = ranked.map((r) => r.row.id);
    if (seen.length) q = q.where('d.id', 'not in', seen);
    const rows = (await q.orderBy('d.published_at', 'desc').orderBy('d.key').limit(limit).offset(offset).execute()) as Row[];
    hitsRows = hitsRows.concat(rows.map((row) => ({ row, score: 0 })));
  }

  // Snippets for this page only.
  const needles = [...new Set([...(p.terms.length > 1 ? [p.phrase] : []), ...p.terms.map((t) => t.text)])];
  const bodies = new Map<number, string>();
  if (hitsRows.length) {
    const rows = await k.selectFrom('search_docs').select(['id', 'body']).where('id', 'in', hitsRows.map((h) => h.row.id)).execute();
    for (const r of rows) bodies.set(r.id, r.body);
  }
  const hits: SearchHit[] = hitsRows.map(({ row, score }) => ({
    key: row.key,
    kind: row.kind,
    unitId: row.unit_id,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    score: Math.round(score * 1000) / 1000,
    snippet: makeSnippet(bodies.get(row.id) ?? '', needles),
    titleHtml: highlight(row.title, needles),
  }));

  const facets: SearchResult['facets'] = {};
  for (const field of facetFields) {
    let rows: Array<{ value: string | number | null; n: number }>;
    if (field === 'kind' || field === 'unitId') {
      const col = field === 'kind' ? 'd.kind' : 'd.unit_id';
      rows = (await from.select([sql.ref(col).as('value'), sql<number>`count(*)`.as('n')]).groupBy(col).execute()) as typeof rows;
    } else {
      rows = await from
        .innerJoin('search_facets as f', 'f.doc_id', 'd.id')
        .where('f.name', '=', field)
        .select(['f.value as value', sql<number>`count(*)`.as('n')])
        .groupBy('f.value')
        .execute();
    }
    facets[field] = rows
      .filter((r) => r.value !== null)
      .map((r) => ({ value: String(r.value), count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return { total, hits, facets, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
