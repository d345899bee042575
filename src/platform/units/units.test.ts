import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, type Client, type TestApp } from '../../../test/helpers.js';
import { removeDemoData } from '../demo.js';
import { creditCodeCheckChar } from '../checks.js';

let t: TestApp;
let admin: Client;
const code = (n: number) => {
  const first17 = `11340603MC${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

describe('demo district', () => {
  it('contains every unit named in the 2025 work plan', async () => {
    const plan = fs.readFileSync(new URL('../../../../shared/seed/work-plan-2025.txt', import.meta.url), 'utf8');
    const named = new Set(plan.match(/区[\u4e00-\u9fa5]{1,8}?(?:局|委|办|分局)(?=[、,，等|\s])/g) ?? []);
    expect(named.size).toBeGreaterThan(10);
    const units = (await admin.request('GET', '/api/v1/units')).json().items as Array<{ shortName: string; kind: string; isDemo: boolean }>;
    const shortNames = new Set(units.map((u) => u.shortName));
    for (const n of named) expect(shortNames, n).toContain(n);
    for (const kind of ['government', 'office', 'department', 'town', 'zone', 'enterprise']) expect(units.some((u) => u.kind === kind), kind).toBe(true);
    expect(units.every((u) => u.isDemo)).toBe(true);
  });
});

describe('units', () => {
  const base = { name: '相山区测试局', shortName: '区测试局', kind: 'department', creditCode: code(1) };

  it('creates a unit with a valid credit code and returns it', async () => {
    const res = await admin.request('POST', '/api/v1/units', { ...base, docCodePrefix: '相测' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...base, docCodePrefix: '相测', active: true, isDemo: false, parentId: null });
  });

  it('refuses a wrong check digit, a duplicate and a cycle with clear messages', async () => {
    const bad = await admin.request('POST', '/api/v1/units', { ...base, name: '另一个局', creditCode: `${code(2).slice(0, 17)}0` === code(2) ? `${code(2).slice(0, 17)}1` : `${code(2).slice(0, 17)}0` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_credit_code');
    expect(bad.json().error.message).toMatch(/校验位/);
    const dup = await admin.request('POST', '/api/v1/units', { ...base, creditCode: code(3) });
    expect(dup.statusCode).toBe(409);
    const parent = (await admin.request('POST', '/api/v1/units', { name: '父单位', shortName: '父', kind: 'town', creditCode: code(4) })).json();
    const child = (await admin.request('POST', '/api/v1/units', { name: '子单位', shortName: '子', kind: 'enterprise', creditCode: code(5), parentId: parent.id })).json();
    const cycle = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('invalid_parent');
  });

  it('a partial update changes only what was sent', async () => {
    const u = (await admin.request('POST', '/api/v1/units', { name: '部分更新局', shortName: '部分', kind: 'department', creditCode: code(6), contactPhone: '123', sortOrder: 7 })).json();
    const r = await admin.request('PATCH', `/api/v1/units/${u.id}`, { contactAddress: '新地址' });
    expect(r.json()).toMatchObject({ contactPhone: '123', contactAddress: '新地址', sortOrder: 7, active: true });
  });

  it('inactive units leave the public list', async () => {
    const u = (await admin.request('POST', '/api/v1/units', { name: '撤并单位', shortName: '撤并', kind: 'town', creditCode: code(7) })).json();
    await admin.request('PATCH', `/api/v1/units/${u.id}`, { active: false });
    const pub = await t.server.inject({ method: 'GET', url: '/api/v1/units' });
    expect(pub.json().items.some((x: { id: number }) => x.id === u.id)).toBe(false);
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/units/${u.id}` })).statusCode).toBe(404);
    const all = await admin.request('GET', '/api/v1/units?includeInactive=1');
    expect(all.json().items.some((x: { id: number }) => x.id === u.id)).toBe(true);
  });
});

describe('removing the demo data', () => {
  it('removes demo units, keeping those real users belong to, and audits it', async () => {
    const before = await t.db.kysely.selectFrom('units').select(['id', 'name']).where('is_demo', '=', 1).execute();
    const r = await removeDemoData(t.db);
    // The administrator belongs to the demo 区政府办, which hangs under 区人民政府.
    expect(r.keptUnits.sort()).toEqual(['相山区人民政府', '相山区人民政府办公室'].sort());
    expect(r.removedUnits).toBe(before.length - 2);
    expect(await t.db.kysely.selectFrom('units').select('id').where('is_demo', '=', 1).execute()).toHaveLength(0);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'demo.remove').execute();
    expect(audit).toHaveLength(1);
  });
});
