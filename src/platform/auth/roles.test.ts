import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { ACTIONS, PERMISSIONS, ROLES, ROLE_NAMES, can, unitScope, type Role } from './roles.js';
import { loadActor } from './sessions.js';
import type { Actor } from '../actor.js';

/**
 * The role × unit matrix: every role, granted on unit A (or district-wide where the role is
 * district-only), against unit A and unit B, for every action — and the same over HTTP.
 */
let t: TestApp;
let unitA: number;
let unitB: number;
const actors = new Map<string, Actor>();
const clients = new Map<string, Client>();

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  unitB = await unitIdByShortName(t.db, '渠沟镇');
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  for (const role of [...ROLE_NAMES, 'none'] as const) {
    const districtOnly = role !== 'none' && ROLES[role].scope === 'district';
    const username = `u_${role}`;
    const res = await admin.request('POST', '/api/v1/users', {
      username, displayName: role, unitId: unitA, password: 'matrix-pass-123',
      roles: role === 'none' ? [] : [{ role, unitId: districtOnly ? null : unitA }],
    });
    expect(res.statusCode, res.body).toBe(201);
    actors.set(role, (await loadActor(t.db, res.json().id))!);
    clients.set(role, await login(t.server, username, 'matrix-pass-123'));
  }
});
afterAll(async () => t.close());

describe('authorization rules', () => {
  it('no unit-level grant reaches another unit, for any action', () => {
    for (const role of ROLE_NAMES) {
      if (ROLES[role].scope === 'district') continue;
      const actor = actors.get(role)!;
      for (const action of ACTIONS) {
        expect(can(actor, action, unitB), `${role} ${action} on B`).toBe(false);
        const expected = (PERMISSIONS[action] as readonly Role[]).includes(role);
        expect(can(actor, action, unitA), `${role} ${action} on A`).toBe(expected);
      }
    }
  });

  it('a user without roles can do nothing', () => {
    const actor = actors.get('none')!;
    for (const action of ACTIONS) expect(can(actor, action), action).toBe(false);
    expect(unitScope(actor, 'content.draft')).toEqual({ all: false, unitIds: [] });
  });

  it('district-wide grants reach every unit only for their own actions', () => {
    const supervisor = actors.get('supervisor')!;
    expect(can(supervisor, 'district.supervise', unitB)).toBe(true);
    expect(can(supervisor, 'users.manage', unitB)).toBe(false);
    expect(can(supervisor, 'content.draft', unitB)).toBe(false);
    expect(unitScope(actors.get('admin')!, 'units.manage')).toEqual({ all: true });
  });

  it('the same role granted district-wide reaches every unit', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'district_editor', displayName: '全区编辑', unitId: unitA, password: 'matrix-pass-123', roles: [{ role: 'editor', unitId: null }],
    });
    const actor = (await loadActor(t.db, res.json().id))!;
    expect(can(actor, 'content.draft', unitB)).toBe(true);
    expect(can(actor, 'content.review.final', unitB)).toBe(false);
  });
});

describe('over HTTP, every role against its own unit and another', () => {
  const expectations: Array<{ what: string; allowed: readonly string[]; call: (c: Client) => Promise<{ statusCode: number }> }> = [
    { what: 'edit own unit contact', allowed: ['admin', 'editor'], call: (c) => c.request('PATCH', `/api/v1/units/${unitA}`, { contactPhone: '0561-1111111' }) },
    { what: 'edit another unit contact', allowed: ['admin'], call: (c) => c.request('PATCH', `/api/v1/units/${unitB}`, { contactPhone: '0561-2222222' }) },
    { what: 'rename a unit', allowed: ['admin'], call: (c) => c.request('PATCH', `/api/v1/units/${unitA}`, { shortName: '区教育局' }) },
    { what: 'list users', allowed: ['admin', 'supervisor'], call: (c) => c.request('GET', `/api/v1/users?unitId=${unitB}`) },
    { what: 'read the audit log of another unit', allowed: ['admin', 'supervisor'], call: (c) => c.request('GET', `/api/v1/audit?unitId=${unitB}`) },
    { what: 'set roles', allowed: ['admin'], call: (c) => c.request('PUT', `/api/v1/users/${actors.get('none')!.userId}/roles`, { roles: [] }) },
    { what: 'correct the calendar', allowed: ['admin'], call: (c) => c.request('PUT', '/api/v1/calendar/days/2025-03-03', { kind: 'workday', name: '测试' }) },
    {
      what: 'change site settings', allowed: ['admin'],
      call: (c) => c.request('PUT', '/api/v1/settings/site', { siteName: '站点', hostUnit: '', siteCode: '', icp: '', psb: '', contactPhone: '', contactEmail: '', address: '' }),
    },
  ];
  for (const e of expectations) {
    it(e.what, async () => {
      for (const role of [...ROLE_NAMES, 'none']) {
        const res = await e.call(clients.get(role)!);
        expect(res.statusCode, `${role}: ${e.what}`).toBe(e.allowed.includes(role) ? 200 : 403);
      }
    });
  }

  it('nobody signed in gets 401, not data', async () => {
    for (const url of ['/api/v1/users', '/api/v1/audit', '/api/v1/auth/tokens', '/api/v1/roles']) {
      expect((await t.server.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});
