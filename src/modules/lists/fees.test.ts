import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { buildReport } from '../reports/index.js';

/**
 * 行政事业性收费 amounts per unit and year: recorded by the unit's staff (not another unit's),
 * corrected with the old figure kept in the audit log, exact to the 分, refused for the future,
 * and stated in section 二 of the annual report for the unit and, summed, for the district.
 */
let t: TestApp;
let admin: Client;
const c: Record<string, Client> = {};
let finance: number;
let town: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  finance = await unitIdByShortName(t.db, '区财政局');
  town = await unitIdByShortName(t.db, '渠沟镇');
  const people: Array<[string, string, number | null]> = [['editor', 'editor', finance], ['foi', 'foi_officer', town], ['townEditor', 'editor', town], ['supervisor', 'supervisor', null]];
  for (const [name, role, unitId] of people) {
    const res = await admin.request('POST', '/api/v1/users', { username: `fee_${name}`, displayName: name, unitId: unitId ?? finance, password: 'fees-pass-1', roles: [{ role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `fee_${name}`, 'fees-pass-1');
  }
});
afterAll(async () => t?.close());

describe('fee amounts for the annual report', () => {
  it('are recorded by the unit’s own staff only', async () => {
    const ok = await c.editor!.request('PUT', '/api/v1/fee-collections', { unitId: finance, year: 2025, amountWanYuan: 12.34, note: '不动产登记费等' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ unitId: finance, year: 2025, amountWanYuan: 12.34 });
    expect((await c.townEditor!.request('PUT', '/api/v1/fee-collections', { unitId: finance, year: 2025, amountWanYuan: 1 })).statusCode).toBe(403);
    const byFoi = await c.foi!.request('PUT', '/api/v1/fee-collections', { unitId: town, year: 2025, amountWanYuan: 0.5 });
    expect(byFoi.statusCode, byFoi.body).toBe(200);
  });

  it('refuses bad figures with a reason and saves nothing', async () => {
    for (const [body, code] of [
      [{ unitId: finance, year: 2025, amountWanYuan: -1 }, 'invalid_input'],
      [{ unitId: finance, year: 2025, amountWanYuan: 1.0000001 }, 'invalid_amount'],
      [{ unitId: finance, year: 2099, amountWanYuan: 1 }, 'future_year'],
      [{ unitId: finance, year: 2025, amountWanYuan: '12' }, 'invalid_input'],
    ] as const) {
      const res = await c.editor!.request('PUT', '/api/v1/fee-collections', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const list = (await c.editor!.request('GET', '/api/v1/fee-collections?year=2025')).json().items;
    expect(list).toEqual([expect.objectContaining({ unitId: finance, amountWanYuan: 12.34 })]);
  });

  it('a correction replaces the figure and the audit log keeps the old one', async () => {
    const res = await c.editor!.request('PUT', '/api/v1/fee-collections', { unitId: finance, year: 2025, amountWanYuan: 12.345678, note: '更正' });
    expect(res.json().amountWanYuan).toBe(12.345678);
    const audit = (await admin.request('GET', '/api/v1/audit?action=fees.record')).json().items as Array<{ entityId: string; summary: string }>;
    expect(audit.filter((a) => a.entityId === `${finance}/2025`)).toHaveLength(2);
    const entries = await t.db.kysely.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'fees.record').where('entity_id', '=', `${finance}/2025`).orderBy('seq').execute();
    expect(JSON.parse(entries[1]!.before_json!)).toMatchObject({ amountWanYuan: 12.34 });
    expect(JSON.parse(entries[1]!.after_json!)).toMatchObject({ amountWanYuan: 12.345678, note: '更正' });
  });

  it('each unit sees its own figures; the district office sees all', async () => {
    expect((await c.townEditor!.request('GET', '/api/v1/fee-collections')).json().items.map((x: { unitId: number }) => x.unitId)).toEqual([town]);
    expect((await c.supervisor!.request('GET', '/api/v1/fee-collections?year=2025')).json().items.map((x: { unitId: number }) => x.unitId).sort()).toEqual([finance, town].sort());
  });

  it('appear in section 二 of the annual report, summed for the district', async () => {
    expect((await buildReport(t.db, 2025, finance)).section2.feesWanYuan).toBe(12.3457);
    expect((await buildReport(t.db, 2025, town)).section2.feesWanYuan).toBe(0.5);
    expect((await buildReport(t.db, 2025, null)).section2.feesWanYuan).toBe(12.8457);
    expect((await buildReport(t.db, 2024, null)).section2.feesWanYuan).toBe(0);
  });
});
