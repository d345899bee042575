import { sql, type Kysely } from 'kysely';
import { dict } from '@node-rs/jieba/dict.js';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { buildDictionary, indexDocument } from '../platform/search/tokenize.mjs';
import { bodyChunks } from '../platform/search/chunks.js';

/**
 * Search storage (src/platform/search), reshaped for speed again; the index is derived data.
 *
 * - Bodies move from `search_bodies` (one row per document) to `search_chunks` (500-character
 *   chunks, each with the first 50 characters of the next): a result page's snippets read the
 *   chunks around the first match instead of ten whole bodies. Both databases.
 * - SQLite: the three-column FTS5 table `search_fts` becomes three one-column tables —
 *   `search_text` (title and body tokens), `search_title`, `search_focus` — with `detail=none`
 *   (search only asks which documents contain a token: no columns or positions stored) and the
 *   `ascii` tokenizer (the tokens are already segmented and space-joined; every non-ASCII
 *   character is a token character, so a token is never split, whatever its Unicode version).
 *   A title or focus query now reads only the title's or focus words' lists, not the body's.
 *   They are re-filled by segmenting the stored titles and bodies again (contentless tables).
 * - `search_docs.title_only`: the title's tokens that the body lacks (both databases).
 * - PostgreSQL keeps its tsvector columns (the same tokens): nothing else changes there.
 */
export const m0011: GongkaiMigration = {
  name: '0011_search_index',
  async up(db: Kysely<unknown>, dialect) {
    await db.schema
      .createTable('search_chunks')
      .addColumn('doc_id', 'integer', (c) => c.notNull().references('search_docs.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('pos', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_chunks_pk', ['doc_id', 'seq'])
      .execute();

    // The title's tokens that the body lacks: a snippet does not look for such a word in the body.
    await db.schema.alterTable('search_docs').addColumn('title_only', 'text', (c) => c.notNull().defaultTo('')).execute();

    if (dialect === 'sqlite') {
      await sql`drop table search_fts`.execute(db);
      for (const t of ['search_text', 'search_title', 'search_focus']) {
        await sql`create virtual table ${sql.table(t)} using fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='ascii')`.execute(db);
      }
    }

    const dictionary = buildDictionary(dict);
    for (let after = 0; ; ) {
      const rows = await sql<{ id: number; title: string; body: string }>`select d.id, d.title, b.body from search_docs d join search_bodies b on b.doc_id = d.id
        where d.id > ${after} order by d.id limit 200`.execute(db);
      if (!rows.rows.length) break;
      for (const r of rows.rows) {
        const chunks = bodyChunks(r.body).map((c) => sql`(${r.id}, ${c.seq}, ${c.pos}, ${c.text})`);
        for (let i = 0; i < chunks.length; i += 500) {
          await sql`insert into search_chunks (doc_id, seq, pos, text) values ${sql.join(chunks.slice(i, i + 500))}`.execute(db);
        }
        const s = indexDocument(dictionary, r.title, r.body);
        if (s.titleOnly) await sql`update search_docs set title_only = ${s.titleOnly} where id = ${r.id}`.execute(db);
        if (dialect === 'sqlite') {
          await sql`insert into search_text (rowid, tokens) values (${r.id}, ${s.text})`.execute(db);
          if (s.title) await sql`insert into search_title (rowid, tokens) values (${r.id}, ${s.title})`.execute(db);
          if (s.focus) await sql`insert into search_focus (rowid, tokens) values (${r.id}, ${s.focus})`.execute(db);
        }
      }
      after = rows.rows[rows.rows.length - 1]!.id;
    }
    await db.schema.dropTable('search_bodies').execute();
  },
};
