import { sql, type Kysely } from 'kysely';
import { dict } from '@node-rs/jieba/dict.js';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { buildDictionary, segmentDocument, tsvectorLiteral } from '../platform/search/tokenize.mjs';

/**
 * Search storage (src/platform/search), reshaped for speed; the index is derived data.
 *
 * - Document bodies move out of `search_docs` into `search_bodies` (one row per document,
 *   read only for a result page's snippets): on SQLite a long body in the row made every read
 *   of the columns stored after it (url, published_at) walk the body's overflow pages.
 * - SQLite: the FTS5 table is rebuilt with `detail=column` (search uses column filters, never
 *   phrases or positions: about half the index size and less work per insert), and re-filled
 *   by segmenting the stored titles and bodies again (it is contentless, so nothing to copy).
 * - PostgreSQL keeps its tsvector columns, re-filled as tsvector literals of the same tokens
 *   (no positions, no text-search parser between the tokenizer and the index).
 */
export const m0010: GongkaiMigration = {
  name: '0010_search_storage',
  async up(db: Kysely<unknown>, dialect) {
    await db.schema
      .createTable('search_bodies')
      .addColumn('doc_id', 'integer', (c) => c.primaryKey().references('search_docs.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into search_bodies (doc_id, body) select id, body from search_docs`.execute(db);
    await db.schema.alterTable('search_docs').dropColumn('body').execute();

    if (dialect === 'sqlite') {
      await sql`drop table search_fts`.execute(db);
      await sql`create virtual table search_fts using fts5(title, body, focus, content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`insert into search_fts(search_fts, rank) values('rank', 'bm25(10.0, 1.0, 0.0)')`.execute(db);
    }
    // Re-fill the text index from the stored rows with the current tokens: on PostgreSQL as
    // tsvector literals, like new rows (search queries them with tsquery literals).
    const dictionary = buildDictionary(dict);
    for (let after = 0; ; ) {
      const rows = await sql<{ id: number; title: string; body: string }>`select d.id, d.title, b.body from search_docs d join search_bodies b on b.doc_id = d.id
        where d.id > ${after} order by d.id limit 200`.execute(db);
      if (!rows.rows.length) break;
      for (const r of rows.rows) {
        const s = segmentDocument(dictionary, r.title, r.body);
        if (dialect === 'sqlite') {
          await sql`insert into search_fts(rowid, title, body, focus) values (${r.id}, ${s.title}, ${s.body}, ${s.focus})`.execute(db);
        } else {
          await sql`update search_docs set tsv = cast(${tsvectorLiteral(`${s.title} ${s.body}`)} as tsvector),
            title_tsv = cast(${tsvectorLiteral(s.title)} as tsvector), focus_tsv = cast(${tsvectorLiteral(s.focus)} as tsvector) where id = ${r.id}`.execute(db);
        }
      }
      after = rows.rows[rows.rows.length - 1]!.id;
    }
  },
};
