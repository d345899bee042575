import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { badRequest } from '../../platform/errors.js';
import { ItemSchema } from '../publishing/items.js';
import {
  MaterialSchema, SessionDetailSchema, SessionInputSchema, SessionSchema, TOPICS, addMaterial, createSession, getSession, listSessions, openMaterial, registerAttendees, signIn,
} from './sessions.js';
import { CASE_CATEGORIES, CaseInputSchema, draftCase, staffCases } from './cases.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['training'];

/** 培训交流 (task 22): sessions with materials and attendance; 典型案例 drafts (published through the pipeline). */
export const trainingRoutes =
  ({ db, config }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: 500 * 1024 * 1024, files: 1, fields: 2 } });

    app.get('/training/options', { config: { access: 'user' }, schema: { tags, summary: '培训主题与案例分类', response: { 200: z.object({ topics: z.array(z.string()), categories: z.array(z.string()) }) } } },
      async (req) => (requireActor(req), { topics: [...TOPICS], categories: [...CASE_CATEGORIES] }));
    app.get('/training/sessions', {
      config: { access: 'user' },
      schema: { tags, summary: '培训列表（新到旧，含登记和签到人数）', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), topic: z.string().max(40).optional() }), response: { 200: z.object({ items: z.array(SessionSchema) }) } },
    }, async (req) => (requireActor(req), { items: await listSessions(db, req.query) }));
    app.post('/training/sessions', { config: { access: 'user' }, schema: { tags, summary: '登记培训（training.manage）', body: SessionInputSchema, response: { 201: SessionDetailSchema } } },
      async (req, reply) => reply.code(201).send(await createSession(db, requireActor(req), req.body)));
    app.get('/training/sessions/:id', { config: { access: 'user' }, schema: { tags, summary: '培训详情：材料、参训人员和各单位签到情况', params: IdParams, response: { 200: SessionDetailSchema } } },
      async (req) => (requireActor(req), getSession(db, req.params.id)));
    app.post('/training/sessions/:id/materials', { config: { access: 'user' }, schema: { tags, summary: '上传培训材料（multipart：file；按文件内容判断类型）', params: IdParams, response: { 201: MaterialSchema } } },
      async (req, reply) => {
        const actor = requireActor(req);
        if (!req.isMultipart()) throw badRequest('multipart_required', '请以 multipart/form-data 上传文件');
        const part = await req.file();
        if (!part) throw badRequest('file_required', '请选择要上传的文件');
        const data = await part.toBuffer();
        if (part.file.truncated) throw badRequest('file_too_large', '文件过大');
        return reply.code(201).send(await addMaterial(db, config.dataDir, actor, req.params.id, { filename: part.filename, data }));
      });
    app.get('/training/materials/:id', { config: { access: 'user' }, schema: { tags, summary: '下载培训材料', params: IdParams } }, async (req, reply) => {
      requireActor(req);
      const m = await openMaterial(db, config.dataDir, req.params.id);
      return reply.type(m.mime).header('content-length', m.size).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(m.filename)}`).header('x-content-type-options', 'nosniff').send(m.stream);
    });
    app.post('/training/sessions/:id/attendees', {
      config: { access: 'user' },
      schema: { tags, summary: '登记参训人员（training.manage）', params: IdParams, body: z.object({ userIds: z.array(z.number().int().positive()).min(1, '请选择参训人员').max(500) }), response: { 200: SessionDetailSchema } },
    }, async (req) => registerAttendees(db, requireActor(req), req.params.id, req.body.userIds));
    app.post('/training/sessions/:id/sign-in', { config: { access: 'user' }, schema: { tags, summary: '本人签到', params: IdParams, response: { 200: SessionDetailSchema } } },
      async (req) => signIn(db, requireActor(req), req.params.id));

    const CaseOut = ItemSchema.extend({ category: z.string() });
    app.get('/training/cases', {
      config: { access: 'user' },
      schema: { tags, summary: '典型案例（本人可见单位的，含流程状态）', querystring: z.object({ status: z.string().max(20).optional(), page: z.coerce.number().int().min(1).default(1) }), response: { 200: z.object({ items: z.array(CaseOut), total: z.number().int() }) } },
    }, async (req) => staffCases(db, requireActor(req), { status: req.query.status, page: req.query.page, pageSize: 50 }));
    app.post('/training/cases', {
      config: { access: 'user' },
      schema: { tags, summary: '起草典型案例（内容类型 case；经发布流程审核后在门户 /xxgk/cases/ 公开）', body: CaseInputSchema, response: { 201: CaseOut } },
    }, async (req, reply) => reply.code(201).send(await draftCase(db, requireActor(req), req.body)));
  };
