import type { Generated, Kysely } from 'kysely';
import type { Db, DialectName } from '../db/index.js';

/** Mirrors migrations 0005, 0010 and 0011 (the dialect-specific text index is reached with raw SQL only). */
export type SearchTables = {
  search_docs: {
    id: Generated<number>;
    key: string;
    group_key: string;
    kind: string;
    unit_id: number | null;
    title: string;
    body_length: number;
    url: string;
    published_at: string;
    facets: string;
    indexed_at: string;
    /** the title's tokens that the body lacks (space-joined) */
    title_only: string;
  };
  search_facets: { doc_id: number; name: string; value: string };
  /** the plain text of each document in chunks (chunks.ts), read only for a result page's snippets */
  search_chunks: { doc_id: number; seq: number; pos: number; text: string };
};

/** SQLite's text index (migration 0011): title and body tokens, title tokens, focus tokens (FTS5 tables). */
export const FTS_TABLES = ['search_text', 'search_title', 'search_focus'] as const;

/** The root Kysely, a transaction (the publishing pipeline's), or the kernel's Db handle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SearchDb = Db | Kysely<any>;

export function searchKysely(db: SearchDb): Kysely<SearchTables> {
  const k = 'kysely' in db && 'dialect' in db && 'close' in db ? (db as Db).kysely : (db as Kysely<unknown>);
  return k.withTables<SearchTables>() as unknown as Kysely<SearchTables>;
}

export type { DialectName };
