import { sql, type RawBuilder } from 'kysely';
import { parseQuery, type ParsedQuery } from './segment.js';
import type { DialectName } from './tables.js';
import type { SearchQuery } from './index.js';

/*
 * Text-index conditions, the same sets on both databases:
 *   all     every query word in the title or body   SQLite search_text    PostgreSQL tsv
 *   title   every word in the title                 search_title          title_tsv
 *   focus   every word frequent in the body         search_focus          focus_tsv
 *   focus2  focus, and every word (but single characters) very frequent: the doubled token
 * A single character is a prefix query; it stays at focus level 1 in focus2, so that
 * focus2 ⊂ focus ⊂ all and the tiers of search.ts never overlap.
 */
export type Scope = 'all' | 'title' | 'focus' | 'focus2';

function ftsQuery(p: ParsedQuery, level2 = false): string {
  return p.terms
    .flatMap((t) => t.tokens.map((x) => `"${(level2 && !x.prefix ? x.token + x.token : x.token).replaceAll('"', '""')}"${x.prefix ? '*' : ''}`))
    .join(' AND ');
}
function tsQuery(p: ParsedQuery, level2 = false): string {
  return p.terms
    .flatMap((t) => t.tokens.map((x) => `'${(level2 && !x.prefix ? x.token + x.token : x.token).replaceAll("'", "''").replaceAll('\\', '\\\\')}'${x.prefix ? ':*' : ''}`))
    .join(' & ');
}

/** The text-index match expression search() uses for q (FTS5 MATCH string or tsquery text): for benchmarks. */
export function rawMatchExpression(dialect: DialectName, q: string): string {
  const p = parseQuery(q);
  return dialect === 'sqlite' ? ftsQuery(p) : tsQuery(p);
}

/** SQLite (migration 0011): one FTS5 table per kind of token, so a title or focus query reads only those lists. */
const FTS_TABLE: Record<Scope, string> = { all: 'search_text', title: 'search_title', focus: 'search_focus', focus2: 'search_focus' };

/** SQLite: the rowids of `scope`, less those of `minus` when it is in the same table (one FTS5 query, `A NOT B`). */
export function ftsIds(p: ParsedQuery, scope: Scope, minus?: Scope): RawBuilder<unknown> {
  const t = sql.table(FTS_TABLE[scope]);
  const expr = minus ? `(${ftsQuery(p, scope === 'focus2')}) NOT (${ftsQuery(p, minus === 'focus2')})` : ftsQuery(p, scope === 'focus2');
  return sql`select rowid from ${t} where ${t} match ${expr}`;
}

function tsScoped(p: ParsedQuery, scope: Scope): RawBuilder<boolean> {
  const col = sql.ref(scope === 'all' ? 'd.tsv' : scope === 'title' ? 'd.title_tsv' : 'd.focus_tsv');
  return sql<boolean>`${col} @@ cast(${tsQuery(p, scope === 'focus2')} as tsquery)`;
}

/** Condition on `search_docs d`: matches `scope` and, when given, not `minus`. */
export function matchSql(dialect: DialectName, p: ParsedQuery, scope: Scope, minus?: Scope): RawBuilder<boolean> {
  if (dialect === 'sqlite') {
    if (minus && FTS_TABLE[minus] === FTS_TABLE[scope]) return sql`d.id in (${ftsIds(p, scope, minus)})`;
    return minus ? sql`d.id in (${ftsIds(p, scope)}) and d.id not in (${ftsIds(p, minus)})` : sql`d.id in (${ftsIds(p, scope)})`;
  }
  return minus ? sql<boolean>`${tsScoped(p, scope)} and not (${tsScoped(p, minus)})` : tsScoped(p, scope);
}

/**
 * A list of ids as one parameter (a JSON array on SQLite, an integer array on PostgreSQL), so
 * that the statement's text — and its prepared statement — is the same whatever the length.
 */
export function idList(dialect: DialectName, ids: number[]): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`(select value from json_each(${JSON.stringify(ids)}))` : sql`(select unnest(cast(${ids} as integer[])))`;
}

/** Conditions on `search_docs d` for the query's kind, unit and facet filters. */
export function filterSql(query: SearchQuery): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (query.kinds?.length) out.push(sql`d.kind in (${sql.join(query.kinds)})`);
  if (query.unitIds?.length) out.push(sql`d.unit_id in (${sql.join(query.unitIds)})`);
  for (const [name, value] of Object.entries(query.facets ?? {})) {
    out.push(sql`exists (select 1 from search_facets f where f.doc_id = d.id and f.name = ${name} and f.value = ${value})`);
  }
  return out;
}
