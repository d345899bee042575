import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { notify } from './index.js';

let t: TestApp;
let unitA: number;
let unitB: number;
let officerA: Client;
let officerA2: Client;
let officerB: Client;
let supervisor: Client;
let officerAId: number;

async function user(username: string, unitId: number, roles: Array<{ role: string; unitId: number | null }>): Promise<{ client: Client; id: number }> {
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const r = await admin.request('POST', '/api/v1/users', { username, displayName: username, unitId, password: 'notify-pass-123', roles });
  expect(r.statusCode, r.body).toBe(201);
  return { client: await login(t.server, username, 'notify-pass-123'), id: r.json().id };
}

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  unitB = await unitIdByShortName(t.db, '渠沟镇');
  ({ client: officerA, id: officerAId } = await user('n_a', unitA, [{ role: 'foi_officer', unitId: unitA }]));
  ({ client: officerA2 } = await user('n_a2', unitA, [{ role: 'foi_officer', unitId: unitA }]));
  ({ client: officerB } = await user('n_b', unitB, [{ role: 'foi_officer', unitId: unitB }]));
  ({ client: supervisor } = await user('n_sup', unitA, [{ role: 'supervisor', unitId: null }]));
});
afterAll(async () => t.close());

const inbox = async (c: Client, q = '') => (await c.request('GET', `/api/v1/notifications${q}`)).json() as { items: Array<{ id: number; title: string; body: string; link: string; read: boolean }>; unread: number };

describe('in-app notifications', () => {
  it('reach one account, or every holder of a permission on the unit; a dedupe key sends once', async () => {
    expect(await notify(t.db, { to: { userId: officerAId }, title: '给经办员 A 的提醒', link: '/foi' })).toBe(true);
    expect(await notify(t.db, { to: { unitId: unitA, permission: 'foi.handle' }, title: '教育局依申请公开提醒', body: '正文', link: '/foi?id=1', dedupeKey: 'test:1' })).toBe(true);
    expect(await notify(t.db, { to: { unitId: unitA, permission: 'foi.handle' }, title: '教育局依申请公开提醒（重复）', dedupeKey: 'test:1' })).toBe(false);
    expect(await notify(t.db, { to: { unitId: null, permission: 'district.supervise' }, title: '全区监管提醒' })).toBe(true);

    const a = await inbox(officerA);
    expect(a.items.map((n) => n.title)).toEqual(['教育局依申请公开提醒', '给经办员 A 的提醒']);
    expect(a.unread).toBe(2);
    expect(a.items[0]).toMatchObject({ body: '正文', link: '/foi?id=1', read: false });
    expect((await inbox(officerA2)).items.map((n) => n.title)).toEqual(['教育局依申请公开提醒']);
    expect((await inbox(officerB)).items).toEqual([]);
    expect((await inbox(supervisor)).items.map((n) => n.title)).toEqual(['全区监管提醒']);
  });

  it('read state is per person; nobody can mark another’s notification; read-all; anonymous callers get 401', async () => {
    const shared = (await inbox(officerA)).items.find((n) => n.title === '教育局依申请公开提醒')!;
    expect((await officerA.request('POST', `/api/v1/notifications/${shared.id}/read`)).statusCode).toBe(204);
    expect((await officerA.request('POST', `/api/v1/notifications/${shared.id}/read`)).statusCode).toBe(204);
    expect((await inbox(officerA)).unread).toBe(1);
    expect((await inbox(officerA, '?unread=1')).items.map((n) => n.title)).toEqual(['给经办员 A 的提醒']);
    expect((await inbox(officerA2)).unread).toBe(1);
    const r = await officerB.request('POST', `/api/v1/notifications/${shared.id}/read`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
    expect((await officerA2.request('POST', '/api/v1/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await inbox(officerA2)).unread).toBe(0);
    expect((await inbox(officerA)).unread).toBe(1);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('a bad link is refused', async () => {
    await expect(notify(t.db, { to: { userId: officerAId }, title: 'x', link: 'https://evil.example/' })).rejects.toMatchObject({ code: 'invalid_link' });
  });
});
