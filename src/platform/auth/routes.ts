import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../http/context.js';
import { clientIp, requireActor } from '../http/context.js';
import type { Actor } from '../actor.js';
import { forbidden, notFound } from '../errors.js';
import { permissionsOf } from './roles.js';
import { SESSION_COOKIE, createApiToken, login, logout } from './sessions.js';
import { changeOwnPassword } from './users.js';

const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(z.object({ role: z.string(), unitId: z.number().int().nullable(), unitName: z.string().nullable() })),
  permissions: z.array(z.string()),
});
const SessionSchema = z.object({ user: MeSchema, csrfToken: z.string() });
const TokenSchema = z.object({ id: z.number().int(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string().nullable() });

export const authRoutes =
  ({ db, config }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    async function me(actor: Actor) {
      const unitIds = [...new Set([actor.unitId, ...actor.grants.map((g) => g.unitId)].filter((x): x is number => x !== null))];
      const units = unitIds.length ? await db.kysely.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
      const name = (id: number | null) => (id === null ? null : (units.find((u) => u.id === id)?.name ?? null));
      return {
        id: actor.userId ?? 0,
        username: actor.username,
        displayName: actor.displayName,
        unitId: actor.unitId,
        unitName: name(actor.unitId),
        roles: actor.grants.map((g) => ({ ...g, unitName: name(g.unitId) })),
        permissions: permissionsOf(actor),
      };
    }
    const setCookie = (reply: FastifyReply, value: string, maxAge?: number) =>
      reply.setCookie(SESSION_COOKIE, value, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, ...(maxAge !== undefined && { maxAge }),
      });

    app.post(
      '/auth/login',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: '用户名密码登录，设置会话 Cookie',
          body: z.object({ username: z.string().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(200) }),
          response: { 200: SessionSchema },
        },
      },
      async (req, reply) => {
        const r = await login(db, { ...req.body, ip: clientIp(req), userAgent: req.headers['user-agent'] ?? '' });
        setCookie(reply, r.sessionToken);
        return { user: await me(r.actor), csrfToken: r.csrfToken };
      },
    );

    app.post('/auth/logout', { config: { access: 'public' }, schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
      if (req.auth.sessionToken) {
        requireActor(req); // CSRF: a foreign page must not be able to log the user out
        await logout(db, req.auth.sessionToken);
      }
      setCookie(reply, '', 0);
      return reply.code(204).send();
    });

    app.get('/auth/me', { config: { access: 'user' }, schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionSchema } } }, async (req) => {
      const actor = requireActor(req);
      return { user: await me(actor), csrfToken: req.auth.csrfToken ?? '' };
    });

    app.post(
      '/auth/password',
      {
        config: { access: 'user', rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: { tags: ['auth'], summary: '修改本人密码', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }) },
      },
      async (req, reply) => {
        await changeOwnPassword(db, requireActor(req), req.body.currentPassword, req.body.newPassword, req.auth.sessionToken ?? undefined);
        return reply.code(204).send();
      },
    );

    app.get('/auth/tokens', { config: { access: 'user' }, schema: { tags: ['auth'], summary: '本人的 API 令牌', response: { 200: z.object({ items: z.array(TokenSchema) }) } } }, async (req) => {
      const actor = requireActor(req);
      const rows = await db.kysely.selectFrom('api_tokens').selectAll().where('user_id', '=', actor.userId ?? -1).where('revoked_at', 'is', null).orderBy('id').execute();
      return { items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, expiresAt: t.expires_at })) };
    });

    app.post(
      '/auth/tokens',
      {
        config: { access: 'user' },
        schema: {
          tags: ['auth'],
          summary: '创建个人 API 令牌（令牌值只显示一次，权限与本人相同）',
          body: z.object({ name: z.string().trim().min(1, '请填写令牌名称').max(60), expiresInDays: z.number().int().min(1).max(3650).optional() }),
          response: { 201: z.object({ id: z.number().int(), name: z.string(), token: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        if (req.auth.via !== 'cookie') throw forbidden('API 令牌不能再创建令牌，请在管理后台登录后创建');
        return reply.code(201).send(await createApiToken(db, actor.userId!, req.body.name, req.body.expiresInDays));
      },
    );

    app.delete(
      '/auth/tokens/:id',
      { config: { access: 'user' }, schema: { tags: ['auth'], summary: '吊销 API 令牌', params: z.object({ id: z.coerce.number().int().positive() }) } },
      async (req, reply) => {
        const actor = requireActor(req);
        const r = await db.kysely.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() })
          .where('id', '=', req.params.id).where('user_id', '=', actor.userId ?? -1).where('revoked_at', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw notFound('令牌不存在');
        return reply.code(204).send();
      },
    );
  };
