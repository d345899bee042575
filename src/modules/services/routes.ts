import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { badRequest } from '../../platform/errors.js';
import { readUpload, registerUploads } from '../privacy/upload.js';
import { GuideFieldsSchema, createGuide, getGuideForStaff, publishedGuides, staffGuides, updateGuide } from './guides.js';
import { createBundle, getBundleForStaff } from './bundles.js';
import { CaseUpdateSchema, importCases, requireCase, updateCase } from './cases.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** Service catalog API: guides (办事指南), 一件事 bundles, case progress (办理进展). Review and publication are the pipeline's /items routes. */
export const serviceRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await registerUploads(app);
    const tags = ['services'];

    app.get('/services/guides', { config: { access: 'user' }, schema: { tags, summary: '本人可见单位的办事指南（含草稿）' } }, async (req) => ({ items: await staffGuides(db, requireActor(req)) }));
    app.get('/services/catalog', { config: { access: 'public' }, schema: { tags, summary: '政务服务事项目录（已发布的办事指南）', querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), itemType: z.string().max(20).optional(), q: z.string().max(50).optional() }) } }, async (req) => ({
      items: await publishedGuides(db, req.query),
    }));
    app.get('/services/guides/:id', { config: { access: 'user' }, schema: { tags, params: IdParams } }, async (req) => getGuideForStaff(db, requireActor(req), req.params.id));
    app.post('/services/guides', { config: { access: 'user' }, schema: { tags, summary: '新建办事指南（草稿；缺少要素的指南不能提交审核和发布）', body: GuideFieldsSchema.extend({ unitId: z.number().int().positive() }) } }, async (req, reply) => {
      const { unitId, ...g } = req.body;
      return reply.code(201).send(await createGuide(db, requireActor(req), unitId, g));
    });
    app.put('/services/guides/:id', { config: { access: 'user' }, schema: { tags, summary: '修改办事指南草稿', params: IdParams, body: GuideFieldsSchema } }, async (req) => updateGuide(db, requireActor(req), req.params.id, req.body));

    app.post(
      '/services/bundles',
      { config: { access: 'user' }, schema: { tags, summary: '新建“一件事”（草稿）', body: z.object({ unitId: z.number().int().positive(), lifeEvent: z.string().trim().min(2, '请填写事项名称').max(100), description: z.string().trim().max(2000).default(''), serviceItemIds: z.array(z.number().int().positive()).min(2, '至少关联两个事项').max(50) }) } },
      async (req, reply) => reply.code(201).send(await createBundle(db, requireActor(req), req.body)),
    );
    app.get('/services/bundles/:id', { config: { access: 'user' }, schema: { tags, params: IdParams } }, async (req) => getBundleForStaff(db, requireActor(req), req.params.id));

    app.put('/services/cases', { config: { access: 'user' }, schema: { tags, summary: '登记或更新办件进展', body: CaseUpdateSchema.extend({ unitId: z.number().int().positive() }) } }, async (req) => {
      const { unitId, ...u } = req.body;
      return updateCase(db, requireActor(req), unitId, u);
    });
    app.post('/services/cases/import', { config: { access: 'user', rateLimit: { max: 20, timeWindow: 60_000 } }, schema: { tags, summary: '导入政务服务系统导出的办理进展 .xlsx：multipart 字段 file、unitId' } }, async (req) => {
      const actor = requireActor(req);
      const up = await readUpload(req);
      const unitId = z.coerce.number().int().positive().safeParse(up.fields.unitId);
      if (!unitId.success) throw badRequest('invalid_unit', '请选择单位');
      return importCases(db, actor, unitId.data, up.buffer);
    });
    app.get('/services/cases/:caseNo', { config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } }, schema: { tags, summary: '按办件编号查询办理进展', params: z.object({ caseNo: z.string().max(40) }) } }, async (req) => requireCase(db, req.params.caseNo));
  };
