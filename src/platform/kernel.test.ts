import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, login, ADMIN_PASSWORD, TEST_DIALECT, type TestApp } from '../../test/helpers.js';
import { openDatabase } from './db/index.js';
import { nextSerial } from './counters.js';
import { runJobOnce } from './jobs.js';
import { buildServer } from './http/server.js';
import { allModules } from './app.js';
import { ConfigError, loadConfig } from './config.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('gap-free serial numbers', () => {
  it('hands out 1…N exactly once under concurrency', async () => {
    // PostgreSQL: two connection pools, as two app instances would have. SQLite serves one
    // app process (a second synchronous writer in the same process would only wait on the first).
    const other = TEST_DIALECT === 'postgresql' ? openDatabase(t.databaseConfig) : t.db;
    try {
      const take = (db: typeof t.db) => db.kysely.transaction().execute((trx) => nextSerial(trx, db.dialect, 'test', 'unit-1/202501'));
      const got = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 ? other : t.db)));
      expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  it('a rolled-back transaction does not consume its number', async () => {
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await nextSerial(trx, t.db.dialect, 'test', 'rollback');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const n = await t.db.kysely.transaction().execute((trx) => nextSerial(trx, t.db.dialect, 'test', 'rollback'));
    expect(n).toBe(1);
  });
});

describe('scheduled jobs', () => {
  it(`run once per schedule across instances (${TEST_DIALECT})`, async () => {
    const other = openDatabase(t.databaseConfig);
    let runs = 0;
    const job = { name: 'test-job', schedule: '* * * * *', run: async () => { runs++; await new Promise((r) => setTimeout(r, 300)); } };
    try {
      const [a, b] = await Promise.all([runJobOnce(t.db, job), runJobOnce(other, job)]);
      if (TEST_DIALECT === 'postgresql') {
        // The advisory lock lets exactly one instance run it.
        expect([a, b].filter(Boolean)).toHaveLength(1);
        expect(runs).toBe(1);
      } else {
        // One process owns an SQLite file: no lock needed, both calls run.
        expect(runs).toBe(2);
      }
    } finally {
      await other.close();
    }
  });
});

describe('rate limits on public endpoints', () => {
  it('are counted in the database, so a second instance shares the allowance', async () => {
    const fresh = await createTestDatabase();
    const app1 = await createTestApp({ database: fresh });
    const db2 = openDatabase(fresh.databaseConfig);
    const app2 = await buildServer({ config: fresh.config, db: db2 }, { modules: allModules(), logger: false });
    try {
      const attempt = (s: typeof app2, i: number) =>
        s.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `nobody${i}`, password: 'x' }, remoteAddress: '10.9.9.9' });
      const codes: number[] = [];
      for (let i = 0; i < 32; i++) codes.push((await attempt(i % 2 ? app2 : app1.server, i)).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
      expect(codes.slice(30)).toEqual([429, 429]);
      const last = await attempt(app1.server, 99);
      expect(last.json().error.code).toBe('rate_limited');
      expect(last.json().error.message).toMatch(/请求过于频繁/);
    } finally {
      await app2.close();
      await db2.close();
      await app1.close();
      await fresh.drop();
    }
  });
});

describe('working-day calendar over HTTP', () => {
  it('an administrator adds 2027 as data and deadlines stop being provisional', async () => {
    const before = await t.server.inject({ method: 'GET', url: '/api/v1/calendar/add?from=2026-12-30&days=3' });
    expect(before.json()).toMatchObject({ date: '2027-01-04', provisional: true });
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const days = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'workday', name: '春节调休' },
    ];
    const res = await admin.request('POST', '/api/v1/calendar/years', { year: 2027, days });
    expect(res.statusCode).toBe(201);
    expect(res.json().source).toBe('entered');
    const after = await t.server.inject({ method: 'GET', url: '/api/v1/calendar/add?from=2026-12-30&days=3' });
    expect(after.json()).toMatchObject({ date: '2027-01-05', provisional: false });
    const again = await admin.request('POST', '/api/v1/calendar/years', { year: 2027, days });
    expect(again.statusCode).toBe(400);
    const outside = await admin.request('POST', '/api/v1/calendar/years', { year: 2028, days: [{ date: '2027-05-01', kind: 'holiday', name: '错年' }] });
    expect(outside.json().error.code).toBe('date_outside_year');
    const years = (await t.server.inject({ method: 'GET', url: '/api/v1/calendar/years' })).json().items;
    expect(years).toEqual(expect.arrayContaining([{ year: 2027, source: 'entered', corrections: 4 }, expect.objectContaining({ year: 2026, source: 'package' })]));
  });

  it('corrects and restores a single day', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    expect((await admin.request('PUT', '/api/v1/calendar/days/2026-03-02', { kind: 'holiday', name: '临时放假' })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/calendar/between?from=2026-03-01&to=2026-03-06' })).json().workingDays).toBe(4);
    expect((await admin.request('DELETE', '/api/v1/calendar/days/2026-03-02')).statusCode).toBe(204);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/calendar/between?from=2026-03-01&to=2026-03-06' })).json().workingDays).toBe(5);
    expect((await admin.request('DELETE', '/api/v1/calendar/days/2026-03-02')).statusCode).toBe(404);
  });
});

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', database: { kind: 'sqlite' }, adminPassword: undefined });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgresql', url: 'postgres://u@h/db' });
  });
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ GONGKAI_ADMIN_PASSWORD: 'short' })).toThrow(/GONGKAI_ADMIN_PASSWORD/);
  });
});
