import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type TestApp } from '../../../test/helpers.js';
import { ROOT } from '../app.js';
import { verifyAuditChain } from './audit.js';

const run = promisify(execFile);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const unitId = await unitIdByShortName(t.db, '区司法局');
  await admin.request('PATCH', `/api/v1/units/${unitId}`, { contactPhone: '0561-7777777' });
  await admin.request('PUT', '/api/v1/calendar/days/2025-03-03', { kind: 'holiday', name: '测试更正' });
});
afterAll(async () => t.close());

/** `npx gongkai audit verify` against the test database. */
async function cliVerify(): Promise<{ code: number; out: { ok: boolean; problems: Array<{ seq: number }> } }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.databaseConfig.kind === 'postgresql' ? t.databaseConfig.url : `sqlite:${t.databaseConfig.file}`,
  };
  try {
    const r = await run('node', [path.join(ROOT, 'bin/gongkai.mjs'), 'audit', 'verify'], { env });
    return { code: 0, out: JSON.parse(r.stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: JSON.parse(err.stdout) };
  }
}

describe('audit log', () => {
  it('records every change with who, unit and before/after', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const res = await admin.request('GET', '/api/v1/audit?entityType=unit&action=unit.update');
    expect(res.statusCode).toBe(200);
    const entry = res.json().items[0];
    expect(entry.actorName).toContain('admin');
    expect(entry.before.contactPhone).not.toBe('0561-7777777');
    expect(entry.after.contactPhone).toBe('0561-7777777');
    expect(entry.unitId).toBe(await unitIdByShortName(t.db, '区司法局'));
  });

  it('verifies an intact chain, also from the CLI', async () => {
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
    const r = await cliVerify();
    expect(r.code).toBe(0);
    expect(r.out.ok).toBe(true);
  });

  it('detects an altered row (API and CLI exit 1)', async () => {
    const row = await t.db.kysely.selectFrom('audit_log').select(['id', 'seq', 'summary']).where('action', '=', 'unit.update').executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('audit_log').set({ summary: `${row.summary}（篡改）` }).where('id', '=', row.id).execute();
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const res = await admin.request('POST', '/api/v1/audit/verify');
    expect(res.json().ok).toBe(false);
    expect(res.json().problems.map((p: { seq: number }) => p.seq)).toContain(row.seq);
    const cli = await cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.out.problems.map((p) => p.seq)).toContain(row.seq);
    await t.db.kysely.updateTable('audit_log').set({ summary: row.summary }).where('id', '=', row.id).execute();
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });

  it('detects a removed row', async () => {
    const rows = await t.db.kysely.selectFrom('audit_log').select(['seq']).orderBy('seq').execute();
    const victim = rows[Math.floor(rows.length / 2)]!.seq;
    await t.db.kysely.deleteFrom('audit_log').where('seq', '=', victim).execute();
    const r = await verifyAuditChain(t.db.kysely);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.seq === victim + 1)).toBe(true);
  });
});
