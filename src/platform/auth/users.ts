import { z } from 'zod';
import type { Db } from '../db/index.js';
import type { Actor, RoleGrant } from '../actor.js';
import { withAudit } from '../audit/audit.js';
import { authorize, isValidGrant, ROLES, type Role } from './roles.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js';
import { endSessions } from './sessions.js';

export const GrantSchema = z.object({ role: z.string(), unitId: z.number().int().positive().nullable() });
export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  active: z.boolean(),
  roles: z.array(GrantSchema.extend({ unitName: z.string().nullable() })),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名须为 3–32 位字母、数字、下划线、点或连字符，以字母开头');

export const NewUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  unitId: z.number().int().positive(),
  password: z.string().max(200),
  roles: z.array(GrantSchema).max(50).default([]),
});
export const UserPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(40),
    unitId: z.number().int().positive(),
    active: z.boolean(),
    password: z.string().max(200),
  })
  .partial()
  .strict();

export async function listUsers(db: Db, actor: Actor, filter: { unitId?: number; q?: string } = {}): Promise<User[]> {
  authorize(actor, 'users.read');
  let q = db.kysely.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'username', 'display_name', 'unit_id', 'units.name as unit_name', 'users.active', 'users.created_at', 'last_login_at'])
    .orderBy('users.id');
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
  }
  const rows = await q.execute();
  const grants = await grantsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    active: r.active === 1,
    roles: grants.get(r.id) ?? [],
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  }));
}

async function grantsOf(db: Db, userIds: number[]) {
  const out = new Map<number, Array<RoleGrant & { unitName: string | null }>>();
  if (userIds.length === 0) return out;
  const rows = await db.kysely.selectFrom('role_grants').leftJoin('units', 'units.id', 'role_grants.unit_id')
    .select(['user_id', 'role', 'unit_id', 'units.name as unit_name']).where('user_id', 'in', userIds).orderBy('role_grants.id').execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ role: r.role, unitId: r.unit_id, unitName: r.unit_name });
    out.set(r.user_id, list);
  }
  return out;
}

export async function getUser(db: Db, actor: Actor, id: number): Promise<User> {
  const u = (await listUsers(db, actor)).find((x) => x.id === id);
  if (!u) throw notFound('用户不存在');
  return u;
}

async function checkUnit(db: Db, unitId: number | null): Promise<void> {
  if (unitId === null) return;
  const u = await db.kysely.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!u) throw badRequest('invalid_unit', `单位 ${unitId} 不存在`);
}

async function checkGrants(db: Db, grants: RoleGrant[]): Promise<void> {
  const seen = new Set<string>();
  for (const g of grants) {
    if (!(g.role in ROLES)) throw badRequest('invalid_role', `角色「${g.role}」不存在`);
    if (!isValidGrant(g.role, g.unitId)) {
      throw badRequest('invalid_grant', `角色「${ROLES[g.role as Role].label}」${g.unitId === null ? '须指定单位' : '只能全区授予，不能限定单位'}`);
    }
    const key = `${g.role}:${g.unitId}`;
    if (seen.has(key)) throw badRequest('duplicate_grant', '同一角色和单位重复授予');
    seen.add(key);
    await checkUnit(db, g.unitId);
  }
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: z.infer<typeof NewUserSchema>,
  opts: { isDemo?: boolean; skipAuthorize?: boolean } = {},
): Promise<User> {
  if (!opts.skipAuthorize) authorize(actor, 'users.manage');
  checkPasswordStrength(input.password);
  await checkUnit(db, input.unitId);
  await checkGrants(db, input.roles);
  if (await db.kysely.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw conflict('duplicate_username', `用户名「${input.username}」已存在`);
  }
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx, audit) => {
    const row = await trx.insertInto('users').values({
      username: input.username, display_name: input.displayName, unit_id: input.unitId, password_hash: passwordHash,
      active: 1, is_demo: opts.isDemo ? 1 : 0, created_at: now, updated_at: now, last_login_at: null, password_changed_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.roles.length) {
      await trx.insertInto('role_grants').values(input.roles.map((g) => ({ user_id: row.id, role: g.role, unit_id: g.unitId, created_at: now }))).execute();
    }
    await audit({
      action: 'user.create', entityType: 'user', entityId: row.id, unitId: input.unitId,
      summary: `新建用户 ${input.username}（${input.displayName}）`,
      after: { username: input.username, displayName: input.displayName, unitId: input.unitId, roles: input.roles },
    });
    return row.id;
  });
  return getUser(db, { ...actor, kind: 'system' }, id);
}

export async function updateUser(db: Db, actor: Actor, id: number, patch: z.infer<typeof UserPatchSchema>): Promise<User> {
  authorize(actor, 'users.manage');
  const before = await getUser(db, actor, id);
  if (patch.unitId !== undefined) await checkUnit(db, patch.unitId);
  if (patch.password !== undefined) checkPasswordStrength(patch.password);
  if (patch.active === false && id === actor.userId) throw badRequest('cannot_disable_self', '不能停用自己的账号');
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx, audit) => {
    await trx.updateTable('users').set({
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      ...(passwordHash && { password_hash: passwordHash, password_changed_at: now }),
      updated_at: now,
    }).where('id', '=', id).execute();
    const changed = Object.keys(patch).map((k) => (k === 'password' ? '重置密码' : k));
    await audit({
      action: 'user.update', entityType: 'user', entityId: id, unitId: patch.unitId ?? before.unitId,
      summary: `修改用户 ${before.username}：${changed.join('、')}`,
      before: { displayName: before.displayName, unitId: before.unitId, active: before.active },
      after: { displayName: patch.displayName ?? before.displayName, unitId: patch.unitId ?? before.unitId, active: patch.active ?? before.active, passwordReset: patch.password !== undefined },
    });
  });
  if (patch.active === false || patch.password !== undefined) await endSessions(db, id);
  return getUser(db, actor, id);
}

export async function setRoles(db: Db, actor: Actor, id: number, roles: RoleGrant[]): Promise<User> {
  authorize(actor, 'users.manage');
  const before = await getUser(db, actor, id);
  await checkGrants(db, roles);
  if (id === actor.userId && before.roles.some((g) => g.role === 'admin') && !roles.some((g) => g.role === 'admin')) {
    throw badRequest('cannot_drop_own_admin', '不能撤销自己的系统管理员角色');
  }
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx, audit) => {
    await trx.deleteFrom('role_grants').where('user_id', '=', id).execute();
    if (roles.length) await trx.insertInto('role_grants').values(roles.map((g) => ({ user_id: id, role: g.role, unit_id: g.unitId, created_at: now }))).execute();
    await audit({
      action: 'user.roles', entityType: 'user', entityId: id, unitId: before.unitId,
      summary: `调整用户 ${before.username} 的角色`,
      before: before.roles.map(({ role, unitId }) => ({ role, unitId })),
      after: roles,
    });
  });
  return getUser(db, actor, id);
}

export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string, keepSessionToken?: string): Promise<void> {
  if (actor.userId === null) throw badRequest('not_a_user', '系统账号不能修改密码');
  const row = await db.kysely.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) throw badRequest('wrong_password', '当前密码不正确');
  checkPasswordStrength(next);
  if (next === current) throw badRequest('same_password', '新密码不能与当前密码相同');
  const hash = await hashPassword(next);
  const userId = actor.userId;
  await withAudit(db, actor, async (trx, audit) => {
    const now = new Date().toISOString();
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', userId).execute();
    await audit({ action: 'user.password', entityType: 'user', entityId: userId, unitId: actor.unitId, summary: `${actor.username} 修改了自己的密码` });
  });
  await endSessions(db, userId, keepSessionToken);
}
