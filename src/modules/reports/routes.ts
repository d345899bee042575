import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { can, unitScope } from '../../platform/auth/roles.js';
import { buildReport, listPublished, publishedReport, publishReport, saveTexts, type FoiAnnualReport } from './foi-annual.js';
import { reportXlsx } from './xlsx.js';

const tags = ['reports'];
const Query = z.object({
  year: z.coerce.number().int().min(2008).max(2100),
  /** unit id; omitted or 'district' = the whole district */
  unit: z.union([z.literal('district'), z.coerce.number().int().positive()]).optional(),
  /** staff: the published version instead of the live one */
  published: z.enum(['0', '1']).optional(),
});
const Row = z.record(z.string(), z.number());
const Counts = z.object({ upheld: z.number(), corrected: z.number(), other: z.number(), pending: z.number(), total: z.number() });
export const ReportSchema = z.object({
  year: z.number(), unitId: z.number().nullable(), unitName: z.string(), generatedAt: z.string(),
  section1: z.string(),
  section2: z.object({
    rules: z.object({ issued: z.number(), repealed: z.number(), current: z.number() }),
    normativeDocuments: z.object({ issued: z.number(), repealed: z.number(), current: z.number() }),
    licensing: z.number(), penalty: z.number(), coercion: z.number(), feesWanYuan: z.number(),
  }),
  section3: z.record(z.string(), Row).describe('row key → column (natural, business, research, public_welfare, legal_service, other, total) → count'),
  section4: z.object({ review: Counts, litigation_direct: Counts, litigation_after_review: Counts }),
  section5: z.string(), section6: z.string(),
  checks: z.array(z.object({ id: z.string(), description: z.string(), ok: z.boolean(), detail: z.string() })),
  allChecksPass: z.boolean(), publishedAt: z.string().nullable(),
});

const unitOf = (q: z.infer<typeof Query>) => (q.unit === undefined || q.unit === 'district' ? null : q.unit);

export const reportRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** Staff with reports.foi get the live report; everyone else the published one. */
    const resolve = async (req: FastifyRequest, q: z.infer<typeof Query>): Promise<FoiAnnualReport> => {
      const unitId = unitOf(q);
      const actor = req.auth.actor;
      const staff = actor !== null && (unitId === null ? unitScope(actor, 'reports.foi').all : can(actor, 'reports.foi', unitId));
      return staff && q.published !== '1' ? buildReport(db, q.year, unitId) : publishedReport(db, q.year, unitId);
    };

    app.get('/reports/foi-annual', {
      config: { access: 'public' },
      schema: { tags, summary: '政府信息公开工作年度报告（JSON；有编制权限者看实时数据，公众看已发布版本）', querystring: Query, response: { 200: ReportSchema } },
    }, async (req) => resolve(req, req.query));

    app.get('/reports/foi-annual.xlsx', {
      config: { access: 'public' },
      schema: { tags, summary: '年度报告 .xlsx（官方表格格式）', querystring: Query },
    }, async (req, reply) => {
      const r = await resolve(req, req.query);
      const name = `${r.unitName}${r.year}年政府信息公开工作年度报告.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report-${r.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await reportXlsx(r));
    });

    app.get('/reports/foi-annual/published', {
      config: { access: 'public' },
      schema: { tags, summary: '已发布的年度报告', response: { 200: z.object({ items: z.array(z.object({ year: z.number(), unitId: z.number().nullable(), unitName: z.string(), publishedAt: z.string() })) }) } },
    }, async () => ({ items: await listPublished(db) }));

    app.put('/reports/foi-annual/texts', {
      config: { access: 'user' },
      schema: {
        tags, summary: '编辑报告的文字部分（一、五、六）',
        body: z.object({ year: z.number().int().min(2008).max(2100), unit: z.number().int().positive().nullable(), section1: z.string().max(20000), section5: z.string().max(20000), section6: z.string().max(20000) }),
        response: { 200: ReportSchema },
      },
    }, async (req) => {
      const b = req.body;
      await saveTexts(db, requireActor(req), b.year, b.unit, b);
      return buildReport(db, b.year, b.unit);
    });

    app.post('/reports/foi-annual/publish', {
      config: { access: 'user' },
      schema: { tags, summary: '发布年度报告（勾稽校验全部通过后冻结发布）', body: z.object({ year: z.number().int().min(2008).max(2100), unit: z.number().int().positive().nullable() }), response: { 200: ReportSchema } },
    }, async (req) => publishReport(db, requireActor(req), req.body.year, req.body.unit));
  };
