import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';

/** 栏目管理 over the API: a stopped column stays reachable for whoever manages columns. */
let t: TestApp;
let admin: Client;
let editor: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const unitId = await unitIdByShortName(t.db, '区教育局');
  const res = await admin.request('POST', '/api/v1/users', { username: 'col_editor', displayName: 'col', unitId, password: 'columns-pass-1', roles: [{ role: 'editor', unitId }] });
  expect(res.statusCode, res.body).toBe(201);
  editor = await login(t.server, 'col_editor', 'columns-pass-1');
});
afterAll(async () => t.close());

describe('stopped columns', () => {
  it('are listed with includeInactive=1 for columns.manage only, so they can be started again', async () => {
    const created = await admin.request('POST', '/api/v1/columns', { name: '教育收费公示', kind: 'notice', dutyKind: 'months', dutyValue: 3 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect((await admin.request('PATCH', `/api/v1/columns/${id}`, { active: false })).json().active).toBe(false);

    const names = (r: { json(): { items: Array<{ id: number; active: boolean }> } }) => r.json().items.map((c) => c.id);
    // Nobody sees it by default, the public and editors not even when asking.
    expect(names(await admin.request('GET', '/api/v1/columns'))).not.toContain(id);
    expect(names(await t.server.inject({ method: 'GET', url: '/api/v1/columns?includeInactive=1' }))).not.toContain(id);
    expect(names(await editor.request('GET', '/api/v1/columns?includeInactive=1'))).not.toContain(id);
    // The column manager sees it, marked inactive, and can start it again.
    const all = (await admin.request('GET', '/api/v1/columns?includeInactive=1')).json().items as Array<{ id: number; active: boolean; dutyLabel: string }>;
    expect(all.find((c) => c.id === id)).toMatchObject({ active: false, dutyLabel: '至少每 3 个月更新' });
    expect((await admin.request('PATCH', `/api/v1/columns/${id}`, { active: true })).json().active).toBe(true);
    expect(names(await admin.request('GET', '/api/v1/columns'))).toContain(id);
  });
});
