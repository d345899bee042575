import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Config } from '../src/platform/config.js';
import { openDatabase, type Db } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { buildServer } from '../src/platform/http/server.js';
import { allModules, ROOT } from '../src/platform/app.js';
import { bootstrap } from '../src/platform/bootstrap.js';
import { notFoundPage } from '../src/platform/portal/routes.js';
import { createPgDatabase } from './pg-database.js';

/**
 * Tests run against real databases: a fresh SQLite file, or — when `npm test` has started a
 * throwaway cluster and set GONGKAI_TEST_PG — a fresh PostgreSQL database per call.
 */
export const TEST_DIALECT: 'sqlite' | 'postgresql' = process.env.GONGKAI_TEST_PG ? 'postgresql' : 'sqlite';
export const ADMIN_PASSWORD = 'admin-pass-12345';

export interface TestDatabase {
  db: Db;
  config: Config;
  /** for a second app instance on the same database */
  databaseConfig: Config['database'];
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
  let database: Config['database'];
  let dropPg: (() => Promise<void>) | undefined;
  if (TEST_DIALECT === 'postgresql') {
    const created = await createPgDatabase(process.env.GONGKAI_TEST_PG!);
    database = { kind: 'postgresql', url: created.url };
    dropPg = created.drop;
  } else {
    database = { kind: 'sqlite', file: path.join(dataDir, 'test.sqlite') };
  }
  const config: Config = {
    port: 0, host: '127.0.0.1', dataDir, database, adminPassword: ADMIN_PASSWORD,
    secureCookies: false, trustProxy: false, logLevel: 'silent',
  };
  const db = openDatabase(database);
  await migrateToLatest(db);
  return {
    db,
    config,
    databaseConfig: database,
    async drop() {
      await db.close();
      await dropPg?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends TestDatabase {
  server: FastifyInstance;
  close(): Promise<void>;
}

/** A full server on a fresh database with the demo district and the admin (password ADMIN_PASSWORD). */
export async function createTestApp(opts: { demo?: boolean; database?: TestDatabase } = {}): Promise<TestApp> {
  const t = opts.database ?? (await createTestDatabase());
  await bootstrap(t.db, { demo: opts.demo ?? true, adminPassword: ADMIN_PASSWORD, print: () => {} });
  const server = await buildServer(
    { config: t.config, db: t.db },
    { modules: allModules(), adminDir: path.join(ROOT, 'dist/admin'), logger: false, notFoundPage: notFoundPage({ config: t.config, db: t.db }) },
  );
  await server.ready();
  return {
    ...t,
    server,
    async close() {
      await server.close();
      if (!opts.database) await t.drop();
    },
  };
}

/** A signed-in client over `inject`: keeps the session cookie and sends the CSRF token. */
export interface Client {
  csrfToken: string;
  cookie: string;
  request(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(server: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gk_session')!;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const cookieHeader = `gk_session=${cookie.value}`;
  return {
    csrfToken,
    cookie: cookieHeader,
    request: (method, url, payload, headers = {}) =>
      server.inject({
        method: method as 'GET',
        url,
        ...(payload !== undefined && { payload: payload as object }),
        headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...headers },
      }),
  };
}

export async function unitIdByShortName(db: Db, shortName: string): Promise<number> {
  const r = await db.kysely.selectFrom('units').select('id').where('short_name', '=', shortName).executeTakeFirstOrThrow();
  return r.id;
}
