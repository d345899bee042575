import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';
import { authorize, unitScope } from '../auth/roles.js';
import { verifyAuditChain } from './audit.js';

const EntrySchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  unitId: z.number().int().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  summary: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});

export const auditRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'user' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（系统管理员、区监管）',
          querystring: z.object({
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
            entityType: z.string().max(50).optional(),
            entityId: z.string().max(100).optional(),
            action: z.string().max(80).optional(),
            actorId: z.coerce.number().int().positive().optional(),
            unitId: z.coerce.number().int().positive().optional(),
          }),
          response: { 200: z.object({ items: z.array(EntrySchema), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        authorize(actor, 'audit.read');
        const scope = unitScope(actor, 'audit.read');
        const f = req.query;
        let q = db.kysely.selectFrom('audit_log');
        if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
        if (f.entityType) q = q.where('entity_type', '=', f.entityType);
        if (f.entityId) q = q.where('entity_id', '=', f.entityId);
        if (f.action) q = q.where('action', '=', f.action);
        if (f.actorId) q = q.where('actor_id', '=', f.actorId);
        if (f.unitId) q = q.where('unit_id', '=', f.unitId);
        const [rows, total] = await Promise.all([
          q.selectAll().orderBy('seq', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
          q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return {
          total: Number(total.n),
          items: rows.map((r) => ({
            id: r.id, seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, unitId: r.unit_id, action: r.action,
            entityType: r.entity_type, entityId: r.entity_id, summary: r.summary,
            before: r.before_json === null ? null : JSON.parse(r.before_json), after: r.after_json === null ? null : JSON.parse(r.after_json), hash: r.hash,
          })),
        };
      },
    );

    app.post(
      '/audit/verify',
      {
        config: { access: 'user', rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: {
          tags: ['audit'],
          summary: '校验审计日志哈希链',
          response: { 200: z.object({ ok: z.boolean(), checked: z.number().int(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })) }) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        authorize(actor, 'audit.read');
        return verifyAuditChain(db.kysely);
      },
    );
  };
