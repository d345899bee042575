import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';
import { ROLES } from './roles.js';
import { GrantSchema, NewUserSchema, UserPatchSchema, UserSchema, createUser, listUsers, setRoles, updateUser } from './users.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const userRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/roles',
      {
        config: { access: 'user' },
        schema: { tags: ['users'], summary: '角色目录', response: { 200: z.object({ items: z.array(z.object({ role: z.string(), label: z.string(), scope: z.enum(['unit', 'district', 'either']) })) }) } },
      },
      async (req) => {
        requireActor(req);
        return { items: Object.entries(ROLES).map(([role, r]) => ({ role, label: r.label, scope: r.scope })) };
      },
    );

    app.get(
      '/users',
      {
        config: { access: 'user' },
        schema: {
          tags: ['users'],
          summary: '用户列表（系统管理员、区监管）',
          querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), q: z.string().max(50).optional() }),
          response: { 200: z.object({ items: z.array(UserSchema) }) },
        },
      },
      async (req) => ({ items: await listUsers(db, requireActor(req), req.query) }),
    );

    app.post(
      '/users',
      { config: { access: 'user' }, schema: { tags: ['users'], summary: '新建用户（系统管理员）', body: NewUserSchema, response: { 201: UserSchema } } },
      async (req, reply) => reply.code(201).send(await createUser(db, requireActor(req), req.body)),
    );

    app.patch(
      '/users/:id',
      { config: { access: 'user' }, schema: { tags: ['users'], summary: '修改用户、停用、重置密码（系统管理员）', params: IdParams, body: UserPatchSchema, response: { 200: UserSchema } } },
      async (req) => updateUser(db, requireActor(req), req.params.id, req.body),
    );

    app.put(
      '/users/:id/roles',
      {
        config: { access: 'user' },
        schema: { tags: ['users'], summary: '设置用户角色（系统管理员）', params: IdParams, body: z.object({ roles: z.array(GrantSchema).max(50) }), response: { 200: UserSchema } },
      },
      async (req) => setRoles(db, requireActor(req), req.params.id, req.body.roles),
    );
  };
