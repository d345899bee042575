import { sql, type Kysely, type RawBuilder } from 'kysely';
import { normalizeText } from './tokenize.mjs';
import { onlyWordChars, parseQuery, type ParsedQuery } from './segment.js';
import { highlight, makeSnippet } from './snippet.js';
import { searchKysely, type DialectName, type SearchDb, type SearchTables } from './tables.js';
import type { SearchHit, SearchQuery, SearchResult } from './index.js';

/*
 * Ranking — the same on SQLite and PostgreSQL, decided by the text index alone: it never scores
 * every matching row and never reads a document body (only the page's, for snippets).
 *
 *   match set M = documents containing every query word (title or body);
 *   1. title tier: M ∩ "title contains every word" (title-only index; the TITLE_WINDOW newest),
 *      ordered in JS by: exact title, title containing the whole query, other title matches;
 *      then title coverage (how much of the title — after 中华人民共和国 — the query is);
 *   2. strong focus: every word occurs at least 4m times in the body (m = max(3, length/1500));
 *   3. focus: every word occurs at least m times;
 *   4. the rest of M.
 * Tiers 2–4 come from the focus index column (tokens written once per level at index time)
 * and are ordered newest first, then by key; so any page is an indexed, LIMITed query.
 */
const TITLE_WINDOW = 200;

type K = Kysely<SearchTables>;

function ftsQuery(p: ParsedQuery, level2 = false): string {
  return p.terms
    .flatMap((t) => t.tokens.filter((x) => !(level2 && x.prefix)).map((x) => `"${(level2 ? x.token + x.token : x.token).replaceAll('"', '""')}"${x.prefix ? '*' : ''}`))
    .join(' AND ');
}
function tsQuery(p: ParsedQuery, level2 = false): string {
  return p.terms
    .flatMap((t) =>
      t.tokens
        .filter((x) => !(level2 && x.prefix))
        .map((x) => `'${(level2 ? x.token + x.token : x.token).replaceAll("'", "''").replaceAll('\\', '\\\\')}'${x.prefix ? ':*' : ''}`),
    )
    .join(' & ');
}

/** The text-index match expression search() uses for q (FTS5 MATCH string or tsquery text): for benchmarks. */
export function rawMatchExpression(dialect: DialectName, q: string): string {
  const p = parseQuery(q);
  return dialect === 'sqlite' ? ftsQuery(p) : tsQuery(p);
}

type Scope = 'all' | 'title' | 'focus' | 'focus2';
function ftsScoped(p: ParsedQuery, scope: Scope): string {
  const q = ftsQuery(p, scope === 'focus2');
  return scope === 'all' ? `(${q})` : `({${scope === 'focus2' ? 'focus' : scope}} : (${q}))`;
}
function tsScoped(p: ParsedQuery, scope: Scope): RawBuilder<boolean> {
  const col = sql.ref(scope === 'all' ? 'd.tsv' : scope === 'title' ? 'd.title_tsv' : 'd.focus_tsv');
  return sql<boolean>`${col} @@ cast(${tsQuery(p, scope === 'focus2')} as tsquery)`;
}
/**
 * Documents matching `scope` and, when given, not matching `minus`: on SQLite one FTS5 query
 * (`A NOT B`), so the text index is searched once per condition.
 */
function matchSql(dialect: DialectName, p: ParsedQuery, scope: Scope, minus?: Scope): RawBuilder<boolean> {
  if (dialect === 'sqlite') {
    const expr = minus ? `${ftsScoped(p, scope)} NOT ${ftsScoped(p, minus)}` : ftsScoped(p, scope);
    return sql`d.id in (select rowid from search_fts where search_fts match ${expr})`;
  }
  return minus ? sql<boolean>`${tsScoped(p, scope)} and not (${tsScoped(p, minus)})` : tsScoped(p, scope);
}

function filterSql(query: SearchQuery): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (query.kinds?.length) out.push(sql`d.kind in (${sql.join(query.kinds)})`);
  if (query.unitIds?.length) out.push(sql`d.unit_id in (${sql.join(query.unitIds)})`);
  for (const [name, value] of Object.entries(query.facets ?? {})) {
    out.push(sql`exists (select 1 from search_facets f where f.doc_id = d.id and f.name = ${name} and f.value = ${value})`);
  }
  return out;
}

interface Row {
  id: number;
  key: string;
  kind: string;
  unit_id: number | null;
  title: string;
  url: string;
  published_at: string;
}

function newerFirst(a: Row, b: Row): number {
  return a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
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
  else if (full.includes(p.phrase)) tier = 10;
  const coverage = Math.min(p.phrase.length, core.length) / Math.max(core.length, 1);
  return 30 + tier + 2 * coverage;
}

type StatRow = { part: 'n'; name: string; value: string; n: number };
type TitleRow = Row & { part: 't' };

/**
 * One statement: the total and facet counts over the whole match set (computed once: a
 * materialized CTE on both databases; on SQLite without filters or facets, a count on the text
 * index alone) and the title window (the TITLE_WINDOW newest documents whose title contains
 * every word).
 */
async function statsAndTitles(
  k: K,
  dialect: DialectName,
  p: ParsedQuery,
  filters: RawBuilder<boolean>[],
  fields: string[],
): Promise<{ total: number; facets: SearchResult['facets']; titleRows: Row[] }> {
  const named = fields.filter((f) => f !== 'kind' && f !== 'unitId');
  const none = sql`cast(null as integer) as id, cast(null as text) as key, cast(null as text) as kind, cast(null as integer) as unit_id,
    cast(null as text) as title, cast(null as text) as url, cast(null as text) as published_at`;
  const parts: RawBuilder<unknown>[] = [];
  let withM = sql``;
  if (dialect === 'sqlite' && !filters.length && !fields.length) {
    parts.push(sql`select 'n' as part, '' as name, '' as value, count(*) as n, ${none} from search_fts where search_fts match ${ftsScoped(p, 'all')}`);
  } else {
    withM = sql`with m as materialized (select d.id, d.kind, d.unit_id from search_docs d where ${sql.join([matchSql(dialect, p, 'all'), ...filters], sql` and `)}) `;
    parts.push(sql`select 'n' as part, '' as name, '' as value, count(*) as n, ${none} from m`);
    if (fields.includes('kind')) parts.push(sql`select 'n', 'kind', kind, count(*), ${none} from m group by kind`);
    if (fields.includes('unitId')) parts.push(sql`select 'n', 'unitId', cast(unit_id as text), count(*), ${none} from m where unit_id is not null group by unit_id`);
    if (named.length) parts.push(sql`select 'n', f.name, f.value, count(*), ${none} from m join search_facets f on f.doc_id = m.id where f.name in (${sql.join(named)}) group by f.name, f.value`);
  }
  parts.push(sql`select * from (select 't' as part, cast(null as text) as name, cast(null as text) as value, cast(null as integer) as n,
      d.id, d.key, d.kind, d.unit_id, d.title, d.url, d.published_at from search_docs d
      where ${sql.join([matchSql(dialect, p, 'title'), ...filters], sql` and `)} order by d.published_at desc, d.key limit ${sql.lit(TITLE_WINDOW)}) t`);
  const r = await sql<StatRow | TitleRow>`${withM}${sql.join(parts, sql` union all `)}`.execute(k);
  let total = 0;
  const facets: SearchResult['facets'] = Object.fromEntries(fields.map((f) => [f, [] as Array<{ value: string; count: number }>]));
  const titleRows: Row[] = [];
  for (const row of r.rows) {
    if (row.part === 't') titleRows.push({ id: row.id, key: row.key, kind: row.kind, unit_id: row.unit_id, title: row.title, url: row.url, published_at: row.published_at });
    else if (row.name === '') total = Number(row.n);
    else facets[row.name]?.push({ value: String(row.value), count: Number(row.n) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { total, facets, titleRows };
}

const EXCERPT = 2000;
/**
 * The part of each body around the first occurrence of `needle` (EXCERPT characters), so that
 * long documents are not read into JS whole. instr() and strpos() both count characters.
 */
async function bodyExcerpts(k: K, dialect: DialectName, ids: number[], needle: string): Promise<Map<number, { text: string; start: number; total: number }>> {
  const out = new Map<number, { text: string; start: number; total: number }>();
  if (!ids.length) return out;
  const before = sql.lit(EXCERPT / 4);
  const start = dialect === 'sqlite' ? sql<number>`max(instr(body, ${needle}) - ${before}, 1)` : sql<number>`greatest(strpos(body, ${needle}) - ${before}, 1)`;
  const rows = await k
    .selectFrom('search_bodies as b')
    .innerJoin('search_docs as d', 'd.id', 'b.doc_id')
    .select(['b.doc_id', 'd.body_length as total', start.as('start'), sql<string>`substr(body, ${start}, ${sql.lit(EXCERPT)})`.as('text')])
    .where('b.doc_id', 'in', ids)
    .execute();
  for (const r of rows) out.set(r.doc_id, { text: r.text, start: Number(r.start) - 1, total: Number(r.total) });
  return out;
}

const COLUMNS = ['d.id', 'd.key', 'd.kind', 'd.unit_id', 'd.title', 'd.url', 'd.published_at'] as const;

export async function search(db: SearchDb, dialect: DialectName, query: SearchQuery): Promise<SearchResult> {
  const started = performance.now();
  const k: K = searchKysely(db);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 10)));
  const facetFields = query.facetFields ?? [];
  const p = parseQuery(query.q ?? '');
  const emptyFacets = Object.fromEntries(facetFields.map((f) => [f, [] as Array<{ value: string; count: number }>]));
  if (!p.terms.length) return { total: 0, hits: [], facets: emptyFacets, tookMs: performance.now() - started };

  const filters = filterSql(query);
  const docs = (...conds: RawBuilder<boolean>[]) => {
    let q = k.selectFrom('search_docs as d');
    for (const c of [...conds, ...filters]) q = q.where(c);
    return q;
  };
  const { total, facets, titleRows } = await statsAndTitles(k, dialect, p, filters, facetFields);

  // 1. title tier (title matches imply matches of the whole query)
  const titleTier = titleRows.map((row) => ({ row, score: titleScore(p, row) })).sort((a, b) => b.score - a.score || newerFirst(a.row, b.row));
  let skip = (page - 1) * pageSize;
  let want = pageSize;
  const hitsRows = titleTier.slice(skip, skip + want);
  skip = Math.max(0, skip - titleTier.length);
  want -= hitsRows.length;

  // 2–4. focus levels, then the rest: newest first within each
  const notTitle: RawBuilder<boolean>[] = titleRows.length ? [sql<boolean>`d.id not in (${sql.join(titleRows.map((r) => r.id))})`] : [];
  const hasLevel2 = p.terms.some((t) => t.tokens.some((x) => !x.prefix));
  const tiers: Array<{ score: number; cond: RawBuilder<boolean> }> = [
    ...(hasLevel2 ? [{ score: 20, cond: matchSql(dialect, p, 'focus2') }] : []),
    { score: 10, cond: hasLevel2 ? matchSql(dialect, p, 'focus', 'focus2') : matchSql(dialect, p, 'focus') },
    { score: 0, cond: matchSql(dialect, p, 'all', 'focus') },
  ];
  const tierRows = (cond: RawBuilder<boolean>, limit: number, offset: number) =>
    docs(cond, ...notTitle).select(COLUMNS).orderBy('d.published_at', 'desc').orderBy('d.key').limit(limit).offset(offset);
  for (const tier of tiers) {
    if (want <= 0 || total <= titleRows.length) break;
    if (skip > 0) {
      const n = Number((await docs(tier.cond, ...notTitle).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      if (skip >= n) {
        skip -= n;
        continue;
      }
    }
    const rows = (await tierRows(tier.cond, want, skip).execute()) as Row[];
    skip = 0;
    want -= rows.length;
    hitsRows.push(...rows.map((row) => ({ row, score: tier.score })));
  }

  // Snippets for this page only.
  const needles = [...new Set([...(p.terms.length > 1 ? [p.phrase] : []), ...p.terms.map((t) => t.text)])];
  const excerpts = await bodyExcerpts(k, dialect, hitsRows.map((h) => h.row.id), p.terms[0]!.text);
  const hits: SearchHit[] = hitsRows.map(({ row, score }) => ({
    key: row.key,
    kind: row.kind,
    unitId: row.unit_id,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    score: Math.round(score * 1000) / 1000,
    snippet: makeSnippet(excerpts.get(row.id) ?? { text: '', start: 0, total: 0 }, needles),
    titleHtml: highlight(row.title, needles),
  }));

  return { total, hits, facets, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
