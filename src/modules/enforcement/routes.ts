import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { badRequest } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { ItemSchema } from '../publishing/items.js';
import { readUpload, registerUploads } from '../privacy/upload.js';
import { listToXlsx } from '../lists/index.js';
import { DECISION_COLUMNS } from './columns.js';
import { getDecisionForStaff, importDecisions, recordCreditRepair, recordDecision, requireDecisionKind, staffDecisions, updateDecision } from './decisions.js';
import { publicDecisions } from './public.js';
import { DECISION_KINDS } from './rules.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Fields = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
const DecisionViewSchema = z.object({
  itemId: z.number().int(), unitId: z.number().int(), decisionKind: z.string(), kindLabel: z.string(), fields: z.record(z.string(), z.string()), status: z.string(),
  publishDue: z.string(), publishedOn: z.string().nullable(), late: z.boolean(), overdue: z.boolean(), publicityEnd: z.string().nullable(),
  creditRepairedOn: z.string().nullable(), creditRepairNote: z.string(), onPublicView: z.boolean(), source: z.string(),
});
const DecisionItemSchema = ItemSchema.extend({ decision: DecisionViewSchema });
const KindEnum = z.enum(Object.keys(DECISION_KINDS) as [keyof typeof DECISION_KINDS, ...Array<keyof typeof DECISION_KINDS>]);

/** Enforcement publicity API (行政执法公示·事后): decisions, import, credit repair, the public list. */
export const enforcementRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await registerUploads(app);
    const tags = ['enforcement'];

    app.get('/enforcement/columns', { config: { access: 'public' }, schema: { tags, summary: '各类执法决定的字段（表单与 .xlsx 导入模板）', response: { 200: z.object({ kinds: z.array(z.object({ key: z.string(), label: z.string(), columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), required: z.boolean(), options: z.array(z.string()).nullable() })) })) }) } } }, async () => ({
      kinds: (Object.keys(DECISION_KINDS) as Array<keyof typeof DECISION_KINDS>).map((k) => ({
        key: k, label: DECISION_KINDS[k],
        columns: DECISION_COLUMNS[k].map((c) => ({ key: c.key, label: c.label, type: c.type, required: c.required ?? false, options: c.options ? [...c.options] : null })),
      })),
    }));

    app.get('/enforcement/template/:kind', { config: { access: 'public' }, schema: { tags, summary: '.xlsx 导入模板', params: z.object({ kind: KindEnum }) } }, async (req, reply) => {
      const buf = await listToXlsx(DECISION_COLUMNS[req.params.kind], [], `${DECISION_KINDS[req.params.kind]}决定信息`, DECISION_KINDS[req.params.kind]);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${DECISION_KINDS[req.params.kind]}决定导入模板.xlsx`)}`).send(buf);
    });

    app.get(
      '/enforcement/decisions',
      {
        config: { access: 'user' },
        schema: { tags, summary: '本人可见单位的执法决定，含公示期限、逾期标记', querystring: z.object({ decisionKind: KindEnum.optional(), unitId: z.coerce.number().int().positive().optional(), lateOnly: z.enum(['1', '0']).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.object({ items: z.array(DecisionViewSchema) }) } },
      },
      async (req) => ({ items: await staffDecisions(db, requireActor(req), { ...req.query, lateOnly: req.query.lateOnly === '1' }) }),
    );

    app.get('/enforcement/decisions/:id', { config: { access: 'user' }, schema: { tags, params: IdParams, response: { 200: DecisionItemSchema } } }, async (req) => getDecisionForStaff(db, requireActor(req), req.params.id));

    app.post(
      '/enforcement/decisions',
      { config: { access: 'user' }, schema: { tags, summary: '登记执法决定（草稿，经审核后公示）', body: z.object({ decisionKind: KindEnum, unitId: z.number().int().positive(), fields: Fields }), response: { 201: DecisionItemSchema } } },
      async (req, reply) => reply.code(201).send(await recordDecision(db, requireActor(req), req.body)),
    );

    app.patch('/enforcement/decisions/:id', { config: { access: 'user' }, schema: { tags, summary: '修改草稿', params: IdParams, body: z.object({ fields: Fields }), response: { 200: DecisionItemSchema } } }, async (req) =>
      updateDecision(db, requireActor(req), req.params.id, req.body.fields),
    );

    app.post(
      '/enforcement/import',
      { config: { access: 'user', rateLimit: { max: 20, timeWindow: 60_000 } }, schema: { tags, summary: '从 .xlsx 导入执法决定：multipart 字段 file、decisionKind、unitId。任何一行有错则不保存，error.details.problems 列出行号和列', response: { 201: z.object({ created: z.array(z.number().int()) }) } } },
      async (req, reply) => {
        const actor = requireActor(req);
        const up = await readUpload(req);
        const unitId = z.coerce.number().int().positive().safeParse(up.fields.unitId);
        if (!unitId.success) throw badRequest('invalid_unit', '请选择单位');
        return reply.code(201).send(await importDecisions(db, actor, { decisionKind: requireDecisionKind(up.fields.decisionKind ?? ''), unitId: unitId.data, buffer: up.buffer }));
      },
    );

    app.post(
      '/enforcement/decisions/:id/credit-repair',
      { config: { access: 'user' }, schema: { tags, summary: '记录信用修复：处罚信息随即停止公示', params: IdParams, body: z.object({ repairedOn: z.iso.date('日期格式应为 YYYY-MM-DD'), note: z.string().trim().max(500).default('') }), response: { 200: DecisionViewSchema } } },
      async (req) => recordCreditRepair(db, requireActor(req), req.params.id, req.body),
    );

    app.get(
      '/enforcement/public',
      {
        config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
        schema: {
          tags, summary: '正在公示的执法决定（自然人姓名已脱敏，不含证件号码）',
          querystring: z.object({ decisionKind: KindEnum.optional(), unitId: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), q: z.string().max(50).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ total: z.number().int(), items: z.array(z.object({ itemId: z.number().int(), unitId: z.number().int(), decisionKind: z.string(), kindLabel: z.string(), fields: z.record(z.string(), z.string()), decisionDate: z.string(), publishedOn: z.string().nullable(), publicUntil: z.string().nullable() })) }) },
        },
      },
      async (req) => publicDecisions(db, { ...req.query, today: chinaToday() }),
    );
  };
