import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type TestApp } from '../../../test/helpers.js';
import { buildServer } from '../http/server.js';
import { allModules } from '../app.js';
import { openDatabase } from '../db/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('password login and cookie sessions', () => {
  it('logs in, answers /auth/me with the roles, and logs out', async () => {
    const c = await login(t.server, 'admin', ADMIN_PASSWORD);
    const me = await c.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'admin', roles: [{ role: 'admin', unitId: null }] });
    expect(me.json().user.permissions).toContain('users.manage');
    const out = await c.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite cookie and stores only its hash', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    const cookie = res.cookies.find((x) => x.name === 'gk_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const stored = await t.db.kysely.selectFrom('sessions').select('id').execute();
    expect(stored.some((s) => s.id === cookie.value)).toBe(false);
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password-1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
  });

  it('locks an account out after five failures, even with the right password then', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const unitId = await unitIdByShortName(t.db, '区教育局');
    await admin.request('POST', '/api/v1/users', { username: 'locky', displayName: '锁定测试', unitId, password: 'locky-pass-123' });
    for (let i = 0; i < 5; i++) {
      const r = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locky', password: `bad-${i}-password` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locky', password: 'locky-pass-123' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
  });

  it('demands the CSRF token for cookie-authenticated changes', async () => {
    const c = await login(t.server, 'admin', ADMIN_PASSWORD);
    const payload = { siteName: '测试站点', hostUnit: '', siteCode: '', icp: '', psb: '', contactPhone: '', contactEmail: '', address: '' };
    const without = await t.server.inject({ method: 'PUT', url: '/api/v1/settings/site', payload, headers: { cookie: c.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await t.server.inject({ method: 'PUT', url: '/api/v1/settings/site', payload, headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    const withToken = await c.request('PUT', '/api/v1/settings/site', payload);
    expect(withToken.statusCode).toBe(200);
  });

  it('changes the password, ends other sessions and keeps the current one', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const unitId = await unitIdByShortName(t.db, '区财政局');
    await admin.request('POST', '/api/v1/users', { username: 'pwuser', displayName: '改密', unitId, password: 'first-pass-123' });
    const a = await login(t.server, 'pwuser', 'first-pass-123');
    const b = await login(t.server, 'pwuser', 'first-pass-123');
    const weak = await a.request('POST', '/api/v1/auth/password', { currentPassword: 'first-pass-123', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrongCurrent = await a.request('POST', '/api/v1/auth/password', { currentPassword: 'nope-nope-123', newPassword: 'second-pass-456' });
    expect(wrongCurrent.json().error.code).toBe('wrong_password');
    expect((await a.request('POST', '/api/v1/auth/password', { currentPassword: 'first-pass-123', newPassword: 'second-pass-456' })).statusCode).toBe(204);
    expect((await a.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(t.server, 'pwuser', 'first-pass-123')).rejects.toThrow();
    await login(t.server, 'pwuser', 'second-pass-456');
  });

  it('a deactivated user is signed out everywhere', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const unitId = await unitIdByShortName(t.db, '区民政局');
    const u = (await admin.request('POST', '/api/v1/users', { username: 'leaver', displayName: '离职', unitId, password: 'leaver-pass-123' })).json();
    const c = await login(t.server, 'leaver', 'leaver-pass-123');
    expect((await admin.request('PATCH', `/api/v1/users/${u.id}`, { active: false })).statusCode).toBe(200);
    expect((await c.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaver', password: 'leaver-pass-123' } });
    expect(again.json().error.code).toBe('account_disabled');
  });
});

describe('personal API tokens', () => {
  it('act with the holder’s rights, need no CSRF token, and stop working when revoked', async () => {
    const c = await login(t.server, 'admin', ADMIN_PASSWORD);
    const created = await c.request('POST', '/api/v1/auth/tokens', { name: '脚本', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^gk_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('admin');
    const change = await t.server.inject({
      method: 'PUT', url: '/api/v1/settings/site', headers: bearer,
      payload: { siteName: '令牌修改', hostUnit: '', siteCode: '', icp: '', psb: '', contactPhone: '', contactEmail: '', address: '' },
    });
    expect(change.statusCode).toBe(200);
    const list = await c.request('GET', '/api/v1/auth/tokens');
    expect(list.json().items.map((x: { name: string }) => x.name)).toContain('脚本');
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await c.request('DELETE', `/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('an unknown token is 401', async () => {
    const r = await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer gk_nope' } });
    expect(r.statusCode).toBe(401);
  });
});

describe('several app instances on one database', () => {
  it('share sessions: log in on one, act on the other', async () => {
    const db2 = openDatabase(t.databaseConfig);
    const second = await buildServer({ config: t.config, db: db2 }, { modules: allModules(), logger: false });
    try {
      const c = await login(t.server, 'admin', ADMIN_PASSWORD);
      const onSecond = await second.inject({
        method: 'PATCH', url: `/api/v1/units/${await unitIdByShortName(t.db, '区商务局')}`,
        payload: { contactPhone: '0561-9999999' }, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken },
      });
      expect(onSecond.statusCode).toBe(200);
      expect(onSecond.json().contactPhone).toBe('0561-9999999');
      // …and logging out on the second ends the session on the first.
      await second.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken } });
      expect((await c.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    } finally {
      await second.close();
      await db2.close();
    }
  });
});
