import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { Actor } from '../actor.js';
import { AppError, unauthenticated } from '../errors.js';
import { verifyPassword, hashPassword } from './passwords.js';

/**
 * Sessions and API tokens live in the database so that any number of app instances share
 * them. Only hashes are stored; the cookie or token value exists only at the client.
 */
export const SESSION_COOKIE = 'gk_session';
const SESSION_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60_000;
export const LOCKOUT = { perUser: 5, perIp: 30, windowMinutes: 15 } as const;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export async function loadActor(db: Db, userId: number): Promise<Actor | null> {
  const user = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'unit_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  const grants = await db.kysely.selectFrom('role_grants').select(['role', 'unit_id']).where('user_id', '=', userId).execute();
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    unitId: user.unit_id,
    grants: grants.map((g) => ({ role: g.role, unitId: g.unit_id })),
  };
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  actor: Actor;
}

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string; userAgent: string },
  now = new Date(),
): Promise<LoginResult> {
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000).toISOString();
  const username = input.username.trim().toLowerCase();
  const lastSuccess = await db.kysely
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', 1)
    .executeTakeFirst();
  const failuresSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const [userFailures, ipFailures] = await Promise.all([
    db.kysely.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '=', username).where('success', '=', 0).where('at', '>', failuresSince).executeTakeFirstOrThrow(),
    db.kysely.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', input.ip).where('success', '=', 0).where('at', '>', since).executeTakeFirstOrThrow(),
  ]);
  if (Number(userFailures.n) >= LOCKOUT.perUser || Number(ipFailures.n) >= LOCKOUT.perIp) {
    throw new AppError(429, 'too_many_attempts', `登录失败次数过多，请 ${LOCKOUT.windowMinutes} 分钟后再试`);
  }

  const user = await db.kysely.selectFrom('users').select(['id', 'password_hash', 'active']).where('username', '=', username).executeTakeFirst();
  dummyHash ??= hashPassword('dummy-password-for-timing-1');
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  const at = now.toISOString();
  await db.kysely.insertInto('login_attempts').values({ username, ip: input.ip, at, success: ok && user?.active ? 1 : 0 }).execute();
  if (!user || !ok) throw new AppError(401, 'invalid_credentials', '用户名或密码错误');
  if (!user.active) throw new AppError(401, 'account_disabled', '该账号已停用，请联系系统管理员');

  const sessionToken = token();
  const csrfToken = token();
  await db.kysely
    .insertInto('sessions')
    .values({
      id: sha256(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      last_seen_at: at,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
    })
    .execute();
  await db.kysely.updateTable('users').set({ last_login_at: at }).where('id', '=', user.id).execute();
  const actor = await loadActor(db, user.id);
  if (!actor) throw unauthenticated();
  return { sessionToken, csrfToken, actor };
}

export async function resolveSession(db: Db, sessionToken: string, now = new Date()): Promise<{ actor: Actor; csrfToken: string } | null> {
  const id = sha256(sessionToken);
  const s = await db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  if (s.expires_at <= now.toISOString()) {
    await db.kysely.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const actor = await loadActor(db, s.user_id);
  if (!actor) return null;
  if (now.getTime() - Date.parse(s.last_seen_at) > TOUCH_AFTER_MS) {
    await db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return { actor, csrfToken: s.csrf_token };
}

export async function logout(db: Db, sessionToken: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
}

/** Ends every session of a user except, optionally, the one in use (after a password change or deactivation). */
export async function endSessions(db: Db, userId: number, keepToken?: string): Promise<void> {
  let q = db.kysely.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepToken) q = q.where('id', '!=', sha256(keepToken));
  await q.execute();
}

// --- personal API tokens ---------------------------------------------------------------

export async function createApiToken(db: Db, userId: number, name: string, expiresInDays: number | undefined, now = new Date()) {
  const value = `gk_${token()}`;
  const row = await db.kysely
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name,
      token_hash: sha256(value),
      prefix: value.slice(0, 10),
      created_at: now.toISOString(),
      expires_at: expiresInDays ? new Date(now.getTime() + expiresInDays * 86400_000).toISOString() : null,
      last_used_at: null,
      revoked_at: null,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, token: value };
}

export async function resolveApiToken(db: Db, value: string, now = new Date()): Promise<Actor | null> {
  const t = await db.kysely.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(value)).executeTakeFirst();
  if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now.toISOString())) return null;
  if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) > TOUCH_AFTER_MS) {
    await db.kysely.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', t.id).execute();
  }
  return loadActor(db, t.user_id);
}
