import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';
import { can } from '../auth/roles.js';
import { notFound } from '../errors.js';
import { UnitInputSchema, UnitPatchSchema, UnitSchema, createUnit, getUnit, listUnits, updateUnit } from './units.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const unitRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/units',
      {
        config: { access: 'public' },
        schema: {
          tags: ['units'],
          summary: '单位列表（公开；管理员可含停用单位）',
          querystring: z.object({ includeInactive: z.enum(['0', '1']).optional() }),
          response: { 200: z.object({ items: z.array(UnitSchema) }) },
        },
      },
      async (req) => {
        const includeInactive = req.query.includeInactive === '1' && req.auth.actor !== null && can(req.auth.actor, 'units.manage');
        return { items: await listUnits(db, { includeInactive }) };
      },
    );

    app.get(
      '/units/:id',
      { config: { access: 'public' }, schema: { tags: ['units'], params: IdParams, response: { 200: UnitSchema } } },
      async (req) => {
        const unit = await getUnit(db, req.params.id);
        if (!unit.active && !(req.auth.actor && can(req.auth.actor, 'units.manage'))) throw notFound('单位不存在');
        return unit;
      },
    );

    app.post(
      '/units',
      {
        config: { access: 'user' },
        schema: { tags: ['units'], summary: '新建单位（系统管理员）', body: UnitInputSchema, response: { 201: UnitSchema } },
      },
      async (req, reply) => {
        const unit = await createUnit(db, requireActor(req), req.body);
        return reply.code(201).send(unit);
      },
    );

    app.patch(
      '/units/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['units'],
          summary: '修改单位（系统管理员；单位信息编辑可修改本单位联系方式）',
          params: IdParams,
          body: UnitPatchSchema,
          response: { 200: UnitSchema },
        },
      },
      async (req) => updateUnit(db, requireActor(req), req.params.id, req.body),
    );
  };

