import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize } from '../../platform/auth/roles.js';
import { isIsoDate } from '../../platform/checks.js';
import { ItemSchema, getItemForStaff } from '../publishing/items.js';
import { PolicyFieldsOut, PolicyInputSchema, PolicyPatchSchema, createPolicy, getPolicyForStaff, updatePolicy } from './policies.js';
import { LifecycleSchema, PolicyRecordSchema, policyRecord, recordLifecycle, waiveInterpretation, withdrawWaiver } from './lifecycle.js';
import { InterpretationInputSchema, createInterpretation, interpretationInfo, interpretationLag } from './interpretations.js';
import { getPublicDocument, listLibrary } from './library.js';
import { POLICY_KINDS, VALIDITY } from './rules.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const PolicyOut = ItemSchema.extend({ policy: PolicyFieldsOut });
const InterpretationOut = ItemSchema.extend({ form: z.string(), policyIds: z.array(z.number().int()) });
const DocSummarySchema = z.object({
  id: z.number().int(), title: z.string(), docNumber: z.string(), indexNo: z.string().nullable(), unitId: z.number().int(), issuerUnitIds: z.array(z.number().int()),
  policyKind: z.string(), topic: z.string(), validity: z.string(), writtenDate: z.string().nullable(), publishedAt: z.string().nullable(),
  effectiveDate: z.string().nullable(), validUntil: z.string().nullable(), url: z.string(),
});
const FacetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const LibraryQuerySchema = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  policyKind: z.enum(POLICY_KINDS).optional(),
  topic: z.string().max(100).optional(),
  validity: z.enum(VALIDITY).optional(),
  inForceOn: z.string().refine(isIsoDate, '日期须为有效的 YYYY-MM-DD').optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const documentRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['documents'];
    app.post('/policies', { config: { access: 'user' }, schema: { tags, summary: '起草政策文件', body: PolicyInputSchema, response: { 201: PolicyOut } } }, async (req, reply) =>
      reply.code(201).send(await createPolicy(db, requireActor(req), req.body)),
    );
    app.get('/policies/:id', { config: { access: 'user' }, schema: { tags, summary: '政策文件（工作人员视图）', params: IdParams, response: { 200: PolicyOut } } }, async (req) =>
      getPolicyForStaff(db, requireActor(req), req.params.id),
    );
    app.patch('/policies/:id', { config: { access: 'user' }, schema: { tags, summary: '修改政策文件草稿', params: IdParams, body: PolicyPatchSchema, response: { 200: PolicyOut } } }, async (req) =>
      updatePolicy(db, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/policies/:id/waive-interpretation',
      { config: { access: 'user' }, schema: { tags, summary: '免于同步解读（管理员，须说明理由）', params: IdParams, body: z.object({ reason: z.string().trim().min(4, '请说明理由').max(500) }), response: { 200: PolicyFieldsOut } } },
      async (req) => waiveInterpretation(db, requireActor(req), req.params.id, req.body.reason),
    );
    app.delete(
      '/policies/:id/waive-interpretation',
      { config: { access: 'user' }, schema: { tags, summary: '撤销免于同步解读（文件发布前）', params: IdParams, response: { 200: PolicyFieldsOut } } },
      async (req) => withdrawWaiver(db, requireActor(req), req.params.id),
    );
    app.get(
      '/policies/:id/lifecycle',
      { config: { access: 'user' }, schema: { tags, summary: '文件全生命周期（工作人员视图）：时间线、免于解读记录、修订关系', params: IdParams, response: { 200: PolicyRecordSchema } } },
      async (req) => policyRecord(db, requireActor(req), req.params.id),
    );
    app.post(
      '/policies/:id/lifecycle',
      { config: { access: 'user' }, schema: { tags, summary: '登记公开征求意见、执行效果评估（可关联已发布的评估报告）、废止', params: IdParams, body: LifecycleSchema } },
      async (req, reply) => {
        await recordLifecycle(db, requireActor(req), req.params.id, req.body);
        return reply.code(204).send();
      },
    );
    app.post('/interpretations', { config: { access: 'user' }, schema: { tags, summary: '起草政策解读（随未发布的政策文件同步审核发布）', body: InterpretationInputSchema, response: { 201: InterpretationOut } } }, async (req, reply) =>
      reply.code(201).send(await createInterpretation(db, requireActor(req), req.body)),
    );
    app.get('/interpretations/:id', { config: { access: 'user' }, schema: { tags, params: IdParams, response: { 200: InterpretationOut } } }, async (req) => {
      const item = await getItemForStaff(db, requireActor(req), req.params.id);
      const info = await interpretationInfo(db, req.params.id);
      return { ...item, form: info?.form ?? '', policyIds: info?.policyIds ?? [] };
    });

    app.get(
      '/documents',
      {
        config: { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
        schema: {
          tags, summary: '政策文件库（公开）：筛选与分面统计；inForceOn 查询某日有效的文件', querystring: LibraryQuerySchema,
          response: { 200: z.object({ items: z.array(DocSummarySchema), total: z.number().int(), facets: z.object({ unit: FacetSchema, year: FacetSchema, policyKind: FacetSchema, topic: FacetSchema, validity: FacetSchema }) }) },
        },
      },
      async (req) => listLibrary(db, req.query),
    );
    app.get('/documents/:id', { config: { access: 'public' }, schema: { tags, summary: '公开文件详情（已撤回的只返回撤回原因）', params: IdParams } }, async (req) => getPublicDocument(db, req.params.id));

    app.get(
      '/reports/interpretation-lag',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '各单位政策解读滞后情况', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: z.object({ items: z.array(z.object({ unitId: z.number().int(), policies: z.number().int(), interpreted: z.number().int(), missing: z.number().int(), averageLagDays: z.number().nullable(), maxLagDays: z.number().nullable() })) }) },
        },
      },
      async (req) => {
        authorize(requireActor(req), 'district.supervise');
        return { items: await interpretationLag(db, req.query.year) };
      },
    );
  };
