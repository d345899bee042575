import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isAllHan, normalizeText } from './tokenize.mjs';
import { onlyWordChars, parseQuery, type ParsedQuery } from './segment.js';
import { highlight, makeSnippet } from './snippet.js';
import { bodyExcerpts } from './excerpts.js';
import { filterSql, ftsIds, idList, matchSql, type Scope } from './match.js';
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
 * Tiers 2–4 come from the focus tokens (written once per level at index time; match.ts) and
 * are ordered newest first, then by key; so any page is an indexed, LIMITed query. Statements:
 * stats (statsAndTitles), the page's tier rows (tierSlices), the snippets' excerpts (excerpts.ts).
 */
const TITLE_WINDOW = 200;
/** Up to this many matches, the stats statement returns their ids (see statsAndTitles). */
const SMALL_M = 200;

type K = Kysely<SearchTables>;

interface Row {
  id: number;
  key: string;
  kind: string;
  unit_id: number | null;
  title: string;
  url: string;
  published_at: string;
  title_only: string;
}

function newerFirst(a: Row, b: Row): number {
  return a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function titleScore(p: ParsedQuery, r: Row): number {
  const full = onlyWordChars(normalizeText(r.title));
  // Everything after a leading 中华人民共和国 (national laws all start with it).
  const core = full.startsWith('中华人民共和国') && full.length > 7 ? full.slice(7) : full;
  let tier = 0;
  if (full === p.phrase || core === p.phrase) tier = 20;
  else if (full.includes(p.phrase)) tier = 10;
  const coverage = Math.min(p.phrase.length, core.length) / Math.max(core.length, 1);
  return 30 + tier + 2 * coverage;
}

/** A row of the statistics statement: a count ('n' total/facet, 'c' tier size or highest id) or a document of the title window ('t'). */
type StatRow = Row & { part: 'n' | 'c' | 't'; name: string; value: string; n: number };

/** Tiers 2–4 (after the title tier), in order; each is `scope` less `minus`, so they never overlap. */
interface Tier {
  score: number;
  scope: Scope;
  minus?: Scope;
}
function tiersOf(p: ParsedQuery): Tier[] {
  const hasLevel2 = p.terms.some((t) => t.tokens.some((x) => !x.prefix));
  return [...(hasLevel2 ? [{ score: 20, scope: 'focus2' as const }] : []), { score: 10, scope: 'focus', minus: hasLevel2 ? 'focus2' : undefined }, { score: 0, scope: 'all', minus: 'focus' }];
}

const ROW_COLUMNS = sql`d.id, d.key, d.kind, d.unit_id, d.title, d.url, d.published_at, d.title_only`;
const NO_ROW = sql`cast(null as integer) as id, cast(null as text) as key, cast(null as text) as kind, cast(null as integer) as unit_id,
    cast(null as text) as title, cast(null as text) as url, cast(null as text) as published_at, cast(null as text) as title_only`;

function where(conds: RawBuilder<boolean>[]): RawBuilder<unknown> {
  return sql.join(conds, sql` and `);
}

/**
 * Tier rows come from the publication-date index (walking it, newest first, until enough rows
 * of the tier are found) when that reads fewer entries than looking up and sorting every
 * document of the tier; so a page reads few rows either way.
 */

interface Stats {
  total: number;
  facets: SearchResult['facets'];
  titleRows: Row[];
  /** each tier's size outside the title window */
  tierSizes: number[];
  /** the highest document id: about how many documents there are */
  maxId: number;
  /** M's ids, when M is small (SQLite without filters or facets) */
  small?: number[];
  /** per counted tier (all but the last): its scope's ids outside the title window, when few (SQLite without filters) */
  scopeIds: Array<number[] | undefined>;
}

/**
 * One statement: the total and facet counts over the whole match set M (a materialized CTE,
 * evaluated once), the title window T (the TITLE_WINDOW newest documents whose title contains
 * every word) and the size of each tier but the last outside T — so that one more statement
 * fetches exactly the tier rows of the page (tierSlices), whatever page it is.
 */
async function statsAndTitles(k: K, dialect: DialectName, p: ParsedQuery, tiers: Tier[], filters: RawBuilder<boolean>[], fields: string[], pageEnd: number): Promise<Stats> {
  const named = fields.filter((f) => f !== 'kind' && f !== 'unitId');
  const ftsOnly = dialect === 'sqlite' && !filters.length;
  const ctes = [
    sql`t as materialized (select ${ROW_COLUMNS} from search_docs d where ${where([matchSql(dialect, p, 'title'), ...filters])}
      order by d.published_at desc, d.key limit ${sql.lit(TITLE_WINDOW)})`,
  ];
  const parts: RawBuilder<unknown>[] = [];
  if (ftsOnly && !fields.length) {
    // The count on the text index alone; a small M's ids come along (`value`), so that the
    // tier statement reads its documents by id instead of searching the text index again.
    parts.push(sql`select 'n' as part, '' as name, case when count(*) <= ${sql.lit(SMALL_M)} then group_concat(rowid) end as value, count(*) as n, ${NO_ROW}
      from (${ftsIds(p, 'all')}) a`);
  } else {
    ctes.push(sql`m as materialized (select d.id, d.kind, d.unit_id from search_docs d where ${where([matchSql(dialect, p, 'all'), ...filters])})`);
    parts.push(sql`select 'n' as part, '' as name, '' as value, count(*) as n, ${NO_ROW} from m`);
    if (fields.includes('kind')) parts.push(sql`select 'n', 'kind', kind, count(*), ${NO_ROW} from m group by kind`);
    if (fields.includes('unitId')) parts.push(sql`select 'n', 'unitId', cast(unit_id as text), count(*), ${NO_ROW} from m where unit_id is not null group by unit_id`);
    if (named.length) parts.push(sql`select 'n', f.name, f.value, count(*), ${NO_ROW} from m join search_facets f on f.doc_id = m.id where f.name in (${sql.join(named)}) group by f.name, f.value`);
  }
  parts.push(sql`select 't', cast(null as text), cast(null as text), cast(null as integer), t.* from t`);
  parts.push(sql`select 'c', 'max', '', coalesce(max(id), 0), ${NO_ROW} from search_docs`);
  // The last tier is the rest of the match set: its size follows from the others'. When the
  // title window alone reaches past the page, no tier row is needed and neither is any tier's
  // size: the condition is constant, so both databases test it once and skip the text-index scan.
  const needed = sql<boolean>`(select count(*) from t) < ${sql.lit(pageEnd)}`;
  // Each tier's scope is counted whole (focus2 ⊂ focus ⊂ all, match.ts), which is cheaper than
  // `A NOT B`; a tier's size is its scope's count less the count of the scope it excludes.
  tiers.slice(0, -1).forEach((tier, i) => {
    parts.push(
      ftsOnly
        ? sql`select 'c', ${String(i)}, case when count(*) <= ${sql.lit(SMALL_M)} then group_concat(x.rowid) end, count(*), ${NO_ROW}
            from (${ftsIds(p, tier.scope)}) x where ${needed} and x.rowid not in (select id from t)`
        : sql`select 'c', ${String(i)}, '', count(*), ${NO_ROW} from search_docs d where ${needed} and ${where([matchSql(dialect, p, tier.scope), ...filters])} and d.id not in (select id from t)`,
    );
  });
  const r = await sql<StatRow>`with ${sql.join(ctes)} ${sql.join(parts, sql` union all `)}`.execute(k);
  let total = 0;
  let maxId = 0;
  let small: number[] | undefined;
  const facets: SearchResult['facets'] = Object.fromEntries(fields.map((f) => [f, [] as Array<{ value: string; count: number }>]));
  const titleRows: Row[] = [];
  const tierSizes = tiers.map(() => 0);
  const scopeIds: Array<number[] | undefined> = tiers.map(() => undefined);
  for (const row of r.rows) {
    if (row.part === 't') {
      titleRows.push({ id: row.id, key: row.key, kind: row.kind, unit_id: row.unit_id, title: row.title, url: row.url, published_at: row.published_at, title_only: row.title_only });
    } else if (row.part === 'c') {
      if (row.name === 'max') maxId = Number(row.n);
      else {
        tierSizes[Number(row.name)] = Number(row.n);
        // An empty scope's group_concat is null: known empty only when the counts were taken.
        if (row.value !== null && row.value !== '') scopeIds[Number(row.name)] = String(row.value).split(',').map(Number);
        else if (Number(row.n) === 0 && ftsOnly) scopeIds[Number(row.name)] = [];
      }
    } else if (row.name === '') {
      total = Number(row.n);
      if (row.value) small = String(row.value).split(',').map(Number);
    }
    else facets[row.name]?.push({ value: String(row.value), count: Number(row.n) });
  }
  // Without the tier counts (the title window fills the page) no scope is known.
  if (titleRows.length >= pageEnd) scopeIds.fill(undefined);
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  // Scope counts to tier sizes: tier i excludes tier i-1's scope (nested), the last is the rest.
  for (let i = tiers.length - 2; i > 0; i--) tierSizes[i] = tierSizes[i]! - tierSizes[i - 1]!;
  tierSizes[tiers.length - 1] = total - titleRows.length - tierSizes.slice(0, -1).reduce((a, b) => a + b, 0);
  return { total, facets, titleRows, tierSizes, maxId, small, scopeIds };
}

/** A page's rows of one tier; `withFocus2`: the focus tier's scope read whole, its focus2 rows scored first (two adjacent tiers in one lookup). */
interface Slice {
  tier: Tier;
  offset: number;
  limit: number;
  dense: boolean;
  withFocus2?: boolean;
  /** SQLite: the tier's documents of the page outside the title window, when known by id (tierIds) */
  ids?: number[];
}

/**
 * SQLite: tier i's documents outside the title window, when the stats statement returned the ids
 * of its scope and of the scope it excludes (tier i - 1's; the last tier's scope is M, known when
 * small). The tier statement then reads them by id instead of querying the text index again.
 */
function tierIds(tiers: Tier[], i: number, scopeIds: Array<number[] | undefined>, small: number[] | undefined, titleIds: Set<number>): number[] | undefined {
  const last = i === tiers.length - 1;
  const scope = last ? small?.filter((id) => !titleIds.has(id)) : scopeIds[i];
  if (!scope) return undefined;
  if (!tiers[i]!.minus) return scope;
  const minus = scopeIds[i - 1];
  if (!minus) return undefined;
  const excluded = new Set(minus);
  return scope.filter((id) => !excluded.has(id));
}

/**
 * Slices of the focus2 tier and the focus tier that follows it, both looked up (not dense), are one
 * lookup over the focus scope with focus2 documents scored 20: ordered by score and date, its rows
 * [offset, offset + both limits) are exactly the two slices, since focus2 ⊂ focus (match.ts) and
 * the focus2 slice runs to its tier's end when the next one is on the page. One text-index query
 * fewer than `focus NOT focus2`.
 */
function mergeFocusSlices(slices: Slice[]): Slice[] {
  const out: Slice[] = [];
  for (let i = 0; i < slices.length; i++) {
    const a = slices[i]!;
    const b = slices[i + 1];
    if (b && a.tier.scope === 'focus2' && b.tier.scope === 'focus' && b.tier.minus === 'focus2' && !a.dense && !b.dense && !a.ids && !b.ids) {
      out.push({ tier: { score: b.tier.score, scope: 'focus' }, offset: a.offset, limit: a.limit + b.limit, dense: false, withFocus2: true });
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * One statement for the tier rows of a page: each needed tier's slice (newest first, LIMIT and
 * OFFSET from the tier sizes), outside the title window.
 */
async function tierSlices(
  k: K,
  dialect: DialectName,
  p: ParsedQuery,
  slices: Slice[],
  filters: RawBuilder<boolean>[],
  titleIds: number[],
  small: number[] | undefined,
): Promise<Array<{ row: Row; score: number }>> {
  if (!slices.length) return [];
  const notTitle = titleIds.length ? [sql<boolean>`d.id not in ${idList(dialect, titleIds)}`] : [];
  const parts = slices.map(({ tier, offset, limit, dense, withFocus2, ids }, i) => {
    // SQLite: `indexed by` and `+d.id` (no rowid lookups from the text index) make it walk the date index.
    const walk = dialect === 'sqlite' && dense && !small && !ids;
    const docs = walk ? sql`search_docs d indexed by search_docs_recent` : sql`search_docs d`;
    let cond = walk ? sql<boolean>`+d.id in (${matchIds(p, tier)})` : matchSql(dialect, p, tier.scope, tier.minus);
    if (small && tier.scope === 'all') cond = tier.minus ? sql<boolean>`d.id in ${idList(dialect, small)} and d.id not in (${ftsIds(p, tier.minus)})` : sql<boolean>`d.id in ${idList(dialect, small)}`;
    if (ids) cond = sql<boolean>`d.id in ${idList(dialect, ids)}`;
    const score = withFocus2 ? sql`case when ${matchSql(dialect, p, 'focus2')} then 20 else ${sql.lit(tier.score)} end` : sql.lit(tier.score);
    return sql`select * from (select ${score} as score, ${ROW_COLUMNS} from ${docs}
      where ${where([cond, ...filters, ...(ids ? [] : notTitle)])}
      order by ${withFocus2 ? sql`score desc, ` : sql``}d.published_at desc, d.key limit ${sql.lit(limit)} offset ${sql.lit(offset)}) ${sql.raw(`s${i}`)}`;
  });
  const r = await sql<Row & { score: number }>`${sql.join(parts, sql` union all `)} order by score desc, published_at desc, key`.execute(k);
  return r.rows.map(({ score, ...row }) => ({ row, score: Number(score) }));
}

/** SQLite: a tier's document ids (one FTS5 query, or two for the rest of M). */
function matchIds(p: ParsedQuery, tier: Tier): RawBuilder<unknown> {
  if (tier.scope !== 'all' || !tier.minus) return ftsIds(p, tier.scope, tier.minus);
  return sql`select a.rowid from (${ftsIds(p, 'all')}) a where a.rowid not in (${ftsIds(p, tier.minus)})`;
}

/** Documents whose body lacks `needle`: a token of it is among the title's tokens that the body lacks (Han words only: their tokens are exhaustive). */
function bodyLacks(p: ParsedQuery, rows: Row[]): Set<number> {
  const tokens = p.terms[0]!.tokens.filter((x) => !x.prefix && isAllHan(x.token)).map((x) => x.token);
  const out = new Set<number>();
  if (!tokens.length) return out;
  for (const r of rows) {
    if (!r.title_only) continue;
    const only = new Set(r.title_only.split(' '));
    if (tokens.some((t) => only.has(t))) out.add(r.id);
  }
  return out;
}

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
  const tiers = tiersOf(p);
  // The page is the slice [first, first + pageSize) of: the title tier (title matches imply
  // matches of the whole query), then tiers 2–4, each newest first.
  const first = (page - 1) * pageSize;
  const end = first + pageSize;
  const { total, facets, titleRows, tierSizes, maxId, small, scopeIds } = await statsAndTitles(k, dialect, p, tiers, filters, facetFields, end);
  const titleIds = new Set(titleRows.map((r) => r.id));
  const titleTier = titleRows.map((row) => ({ row, score: titleScore(p, row) })).sort((a, b) => b.score - a.score || newerFirst(a.row, b.row));
  const hitsRows = titleTier.slice(first, end);
  const slices: Slice[] = [];
  let at = titleTier.length;
  tiers.forEach((tier, i) => {
    const size = tierSizes[i]!;
    const from = Math.max(first, at);
    const to = Math.min(end, at + size);
    // Walking the date index reads about (offset + limit) × maxId / size entries; looking the tier up reads size rows.
    // A tier need not exclude the scope before it when that scope has nothing outside the title window.
    const bare = tier.minus && tierSizes.slice(0, i).every((n) => n === 0) ? { ...tier, minus: undefined } : tier;
    if (to > from) {
      const ids = tierIds(tiers, i, scopeIds, small, titleIds);
      slices.push({ tier: bare, offset: from - at, limit: to - from, dense: !ids && (to - at) * maxId < size * size, ids });
    }
    at += size;
  });
  hitsRows.push(...(await tierSlices(k, dialect, p, mergeFocusSlices(slices), filters, [...titleIds], small)));

  // Snippets for this page only.
  const needles = [...new Set([...(p.terms.length > 1 ? [p.phrase] : []), ...p.terms.map((t) => t.text)])];
  const rows = hitsRows.map((h) => h.row);
  const excerpts = await bodyExcerpts(k, dialect, rows.map((r) => r.id), p.terms[0]!.text, bodyLacks(p, rows));
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
