import { sql, type Kysely } from 'kysely';
import { CHUNK_CHARS, joinChunks } from './chunks.js';
import { idList } from './match.js';
import type { DialectName, SearchTables } from './tables.js';

export interface Excerpt {
  text: string;
  /** where `text` starts in the body */
  start: number;
  /** the body's length */
  total: number;
}

/**
 * The excerpt: EXCERPT characters from BEFORE characters ahead of the first match. The snippet
 * (snippet.ts) is the densest 120-character window of matches within it.
 */
const EXCERPT = 400;
const BEFORE = 60;

/**
 * The part of each body around the first occurrence of `needle` (the excerpt above; the start
 * of the body when it has none). Long bodies are not read whole: the chunk holding the first
 * occurrence is found by reading chunks in order (search_chunks, chunks.ts), and only the
 * chunks the excerpt overlaps are fetched. `absent` are documents known not to contain the
 * needle (a word of the title the body lacks): they are not searched at all. One statement.
 */
export async function bodyExcerpts(k: Kysely<SearchTables>, dialect: DialectName, ids: number[], needle: string, absent: Set<number>): Promise<Map<number, Excerpt>> {
  const out = new Map<number, Excerpt>();
  if (!ids.length) return out;
  const instr = dialect === 'sqlite' ? sql`instr(c.text, ${needle})` : sql`strpos(c.text, ${needle})`;
  // chunk k holding the first occurrence and o, where in chunk k it is (below 1024: a chunk is
  // CHUNK_CHARS + CHUNK_OVERLAP long), as k * 1024 + o; 0 when there is none
  const firstChunk = sql`(select c.seq * ${sql.lit(1024)} + ${instr} - 1 from search_chunks c where c.doc_id = d.id and ${instr} > 0 order by c.seq limit 1)`;
  const skip = ids.filter((id) => absent.has(id));
  const located = skip.length ? sql`case when d.id in ${idList(dialect, skip)} then null else ${firstChunk} end` : firstChunk;
  // The chunks the excerpt [o - BEFORE, o - BEFORE + EXCERPT) relative to chunk k overlaps:
  // from k - 1 + (o - BEFORE + C) / C to k + (o - BEFORE + EXCERPT - 1) / C (non-negative integer divisions).
  const C = CHUNK_CHARS;
  const r = await sql<{ doc_id: number; pos: number; text: string; total: number }>`with l as materialized (
      select d.id, d.body_length, coalesce(${located}, 0) as at from search_docs d where d.id in ${idList(dialect, ids)}),
    f as materialized (select id, body_length, at / ${sql.lit(1024)} as k, at % ${sql.lit(1024)} as o from l)
    select c.doc_id, c.pos, c.text, f.body_length as total from f join search_chunks c
      on c.doc_id = f.id and c.seq between f.k - 1 + (f.o + ${sql.lit(C - BEFORE)}) / ${sql.lit(C)} and f.k + (f.o + ${sql.lit(EXCERPT - BEFORE - 1)}) / ${sql.lit(C)}
    order by c.doc_id, c.seq`.execute(k);
  const byDoc = new Map<number, { chunks: Array<{ pos: number; text: string }>; total: number }>();
  for (const row of r.rows) {
    let doc = byDoc.get(row.doc_id);
    if (!doc) byDoc.set(row.doc_id, (doc = { chunks: [], total: Number(row.total) }));
    doc.chunks.push({ pos: Number(row.pos), text: row.text });
  }
  for (const [id, doc] of byDoc) {
    const joined = joinChunks(doc.chunks);
    const at = joined.text.indexOf(needle);
    const from = at === -1 ? 0 : Math.max(0, joined.start + at - BEFORE) - joined.start;
    out.set(id, { text: joined.text.slice(Math.max(0, from), Math.max(0, from) + EXCERPT), start: joined.start + Math.max(0, from), total: doc.total });
  }
  return out;
}
