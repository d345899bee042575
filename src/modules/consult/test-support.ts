import { expect } from 'vitest';
import { ADMIN_PASSWORD, login, type Client, type TestApp } from '../../../test/helpers.js';

/** Test fixtures shared by the consult and participation tests (not used by the app). */
export async function userWith(t: TestApp, username: string, unitId: number, roles: Array<{ role: string; unitId: number | null }>): Promise<Client> {
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const res = await admin.request('POST', '/api/v1/users', { username, displayName: username, unitId, password: 'consult-test-pass-1', roles });
  expect(res.statusCode, res.body).toBe(201);
  return login(t.server, username, 'consult-test-pass-1');
}

let ip = 0;
/** An anonymous request from its own address, so the public rate limits (tested on their own) do not interfere. */
export const anon = (t: TestApp, method: 'GET' | 'POST', url: string, payload?: unknown, remoteAddress = `10.7.${Math.floor(++ip / 250)}.${ip % 250}`) =>
  t.server.inject({ method, url, remoteAddress, ...(payload !== undefined && { payload: payload as object }) });

export const token = () => `tok-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
