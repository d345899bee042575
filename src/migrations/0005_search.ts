import { sql, type Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/**
 * Full-text search (src/platform/search). `search_docs` and `search_facets` are the same on
 * both databases; the text index itself is dialect-specific: an FTS5 table on SQLite, tsvector
 * columns with GIN indexes on PostgreSQL — both over the same space-joined tokens.
 */
export const m0005: GongkaiMigration = {
  name: '0005_search',
  async up(db: Kysely<unknown>, dialect) {
    await withId(db.schema.createTable('search_docs'), dialect)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      // the part of the key before the first '/': 'item:123' for 'item:123/att:4'
      .addColumn('group_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('body_length', 'integer', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('facets', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('indexed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_docs_group').on('search_docs').column('group_key').execute();
    await db.schema.createIndex('search_docs_recent').on('search_docs').columns(['published_at', 'key']).execute();

    await db.schema
      .createTable('search_facets')
      .addColumn('doc_id', 'integer', (c) => c.notNull().references('search_docs.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_facets_value').on('search_facets').columns(['name', 'value', 'doc_id']).execute();
    await db.schema.createIndex('search_facets_doc').on('search_facets').columns(['doc_id', 'name']).execute();

    if (dialect === 'sqlite') {
      // Contentless: the text is in search_docs; rows are removed with DELETE (contentless_delete).
      await sql`create virtual table search_fts using fts5(title, body, focus, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
      // Title ten times the body in bm25 (the raw FTS5 ranking; search() ranks portably, see rank.ts).
      await sql`insert into search_fts(search_fts, rank) values('rank', 'bm25(10.0, 1.0, 0.0)')`.execute(db);
    } else {
      await sql`alter table search_docs add column tsv tsvector, add column title_tsv tsvector, add column focus_tsv tsvector`.execute(db);
      await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
      await sql`create index search_docs_title_tsv on search_docs using gin (title_tsv)`.execute(db);
      await sql`create index search_docs_focus_tsv on search_docs using gin (focus_tsv)`.execute(db);
    }
  },
};
