import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest } from '../../platform/errors.js';
import { readUpload, registerUploads } from '../privacy/upload.js';
import { readTableFile } from './table.js';
import { PlanViewSchema, PreviewSchema, getPlanView, importPlan, listPlans, previewImport, setTaskUnits } from './plans.js';
import { ReportInputSchema, ReportSchema, listReports, reportProgress, reviewReport } from './progress.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const YEAR = z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确');

async function uploadedTable(req: FastifyRequest) {
  const { buffer, filename, fields } = await readUpload(req);
  const year = YEAR.safeParse(fields.year);
  if (!year.success) throw badRequest('invalid_year', '请填写正确的年份（如 2025）');
  return { rows: await readTableFile(buffer), year: year.data, filename, title: fields.title?.trim() || undefined };
}

/** Work plan API: import (upload .txt/.docx/.xlsx), the plan's state, progress reports and review. */
export const workplanRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await registerUploads(app);
    const tags = ['workplan'];

    app.post(
      '/workplan/import/preview',
      { config: { access: 'user' }, schema: { tags, summary: '解析工作要点任务表（不保存）；multipart 字段 file、year', response: { 200: PreviewSchema } } },
      async (req) => {
        const actor = requireActor(req);
        authorize(actor, 'workplan.manage');
        const t = await uploadedTable(req);
        return previewImport(db, actor, t.rows, t.year);
      },
    );

    app.post(
      '/workplan/plans',
      {
        config: { access: 'user' },
        schema: { tags, summary: '导入工作要点任务表并保存；multipart 字段 file、year、title', response: { 201: z.object({ planId: z.number().int(), preview: PreviewSchema }) } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, 'workplan.manage');
        const t = await uploadedTable(req);
        return reply.code(201).send(await importPlan(db, actor, { rows: t.rows, year: t.year, title: t.title, sourceName: t.filename }));
      },
    );

    app.get(
      '/workplan/plans',
      { config: { access: 'user' }, schema: { tags, summary: '工作要点列表', response: { 200: z.object({ items: z.array(z.object({ id: z.number(), year: z.number(), title: z.string(), createdAt: z.string() })) }) } } },
      async (req) => {
        requireActor(req);
        return { items: await listPlans(db) };
      },
    );

    app.get(
      '/workplan/plans/:id',
      {
        config: { access: 'user' },
        schema: { tags, summary: '工作要点：各任务、各单位进展与逾期（单位人员只看本单位分工）', params: IdParams, querystring: z.object({ today: z.iso.date().optional() }), response: { 200: PlanViewSchema } },
      },
      async (req) => getPlanView(db, requireActor(req), req.params.id, req.query.today),
    );

    app.put(
      '/workplan/tasks/:id/units',
      {
        config: { access: 'user' },
        schema: { tags, summary: '调整任务的责任单位（第一个为牵头单位）', params: IdParams, body: z.object({ unitIds: z.array(z.number().int().positive()).min(1, '至少选择一个单位').max(200) }), response: { 204: z.null() } },
      },
      async (req, reply) => {
        await setTaskUnits(db, requireActor(req), req.params.id, [...new Set(req.body.unitIds)]);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/workplan/assignments/:id/reports',
      { config: { access: 'user' }, schema: { tags, summary: '报送本单位任务进展', params: IdParams, body: ReportInputSchema, response: { 201: ReportSchema } } },
      async (req, reply) => reply.code(201).send(await reportProgress(db, requireActor(req), req.params.id, req.body)),
    );

    app.get(
      '/workplan/reports',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '进展报送记录（区政府办看全部，单位看本单位）',
          querystring: z.object({ planId: z.coerce.number().int().positive().optional(), assignmentId: z.coerce.number().int().positive().optional(), state: z.enum(['submitted', 'accepted', 'returned']).optional() }),
          response: { 200: z.object({ items: z.array(ReportSchema) }) },
        },
      },
      async (req) => ({ items: await listReports(db, requireActor(req), req.query) }),
    );

    app.post(
      '/workplan/reports/:id/review',
      {
        config: { access: 'user' },
        schema: { tags, summary: '审核进展报送（通过 / 退回）', params: IdParams, body: z.object({ decision: z.enum(['accept', 'return']), comment: z.string().trim().max(2000).default('') }), response: { 200: ReportSchema } },
      },
      async (req) => reviewReport(db, requireActor(req), req.params.id, req.body),
    );
  };
