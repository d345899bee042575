import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Config } from '../config.js';
import type { PlatformTables } from './tables.js';

export type DialectName = 'sqlite' | 'postgresql';

/**
 * Any Kysely handle or transaction, whatever tables its type knows. Kernel helpers that run
 * inside a module's transaction (whose type includes the module's tables) take this.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

/**
 * Handle on the database. Modules add their own table types with `db.withTables<T>()`;
 * the platform only types its own tables.
 */
export interface Db {
  kysely: Kysely<PlatformTables>;
  dialect: DialectName;
  close(): Promise<void>;
}

/**
 * Run `work` with a `Db` whose every query belongs to one transaction. Kernel and module functions
 * handed that `Db` (`withAudit`, the publishing pipeline's `createDraft`, …) join the transaction
 * instead of opening their own, so a multi-row change (an .xlsx import of many records) is saved
 * whole or not at all. Inside `work`, use only the given `Db`: on SQLite the single connection is
 * held by the transaction, so a query through the outer handle would wait for ever.
 */
export async function inTransaction<T>(db: Db, work: (tdb: Db) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return work(db);
  return db.kysely.transaction().execute((trx) => work({ kysely: trx, dialect: db.dialect, close: async () => {} }));
}

// COUNT(*) and BIGINT come back from pg as strings; every count in gongkai fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export function openDatabase(database: Config['database']): Db {
  if (database.kind === 'postgresql') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // An idle client losing its connection (server restart, failover) must not crash the process;
    // the pool replaces it on next use.
    pool.on('error', (err) => console.error('postgresql pool: idle client error:', err.message));
    const kysely = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgresql', close: () => kysely.destroy() };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new Database(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<PlatformTables>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

const STATEMENT_CACHE = 500;
/**
 * Kysely's SQLite driver prepares every query afresh; preparing was about a tenth of a search's
 * CPU time. This keeps the most recently used prepared statements by SQL text (parameters are
 * bound per call, so a statement is reused across values). A statement still being iterated
 * (a stream) is busy: then a fresh one is prepared for that call.
 */
function cachingStatements(sqlite: Database.Database): SqliteDatabase {
  // Each entry keeps the SQL text it was first stored under: moving an entry to the end under
  // the caller's freshly built (young) string would leave the long-lived Map pointing at a new
  // string on every call, which each minor collection must then copy — about a millisecond
  // per collection in the search benchmark.
  const cache = new Map<string, { text: string; stmt: Database.Statement }>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text: string) {
      const entry = cache.get(text);
      if (entry && !entry.stmt.busy) {
        // most recently used last: the Map's first entry is the one to drop
        cache.delete(text);
        cache.set(entry.text, entry);
        return entry.stmt;
      }
      const stmt = sqlite.prepare(text);
      if (!entry) {
        cache.set(text, { text, stmt });
        if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/** Current time as the ISO string every timestamp column stores (same text on both databases). */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

export { sql };
