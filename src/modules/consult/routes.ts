import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { notFound } from '../../platform/errors.js';
import { systemActor } from '../../platform/actor.js';
import { QuestionDetail, QuestionInput, QuestionSummary } from './model.js';
import { RATINGS, STATUSES } from './rules.js';
import { addNote, assign, createQuestion, getQuestion, listQuestions, transfer } from './questions.js';
import { rate, reviewReply, trackQuestion, writeReply } from './replies.js';
import { replySettings, setReplySettings } from './settings.js';
import { cdb } from './tables.js';
import { remindersFor } from './reminders.js';
import { consultExtraRoutes } from './routes-extra.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
const tags = ['consult'];
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

/** Anonymous callers are rate-limited; signed-in staff are not. */
export const PUBLIC_FORM_LIMIT = { max: 10, timeWindow: '10 minutes', allowList: (req: FastifyRequest) => req.auth?.actor != null };
export const PUBLIC_READ_LIMIT = { max: 60, timeWindow: '1 minute', allowList: (req: FastifyRequest) => req.auth?.actor != null };
const Track = z.object({ number: z.string().trim().min(1).max(40), code: z.string().trim().min(1).max(40) });

export const consultRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx;
    app.post('/consult/questions', {
      config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
      schema: { tags, summary: '提交政策咨询（公众网上提交；工作人员登记电话、现场、政务新媒体等渠道的咨询）', body: QuestionInput, response: { 201: z.object({ id: z.number(), number: z.string(), trackingCode: z.string(), status: z.string(), replayed: z.boolean() }), 200: z.object({ id: z.number(), number: z.string(), trackingCode: z.string(), status: z.string(), replayed: z.boolean() }) } },
    }, async (req, reply) => {
      const actor = req.auth.actor ? requireActor(req) : null;
      const c = await createQuestion(db, actor, req.body);
      return reply.code(c.replayed ? 200 : 201).send({ ...c, id: actor ? c.id : 0 });
    });

    app.get('/consult/questions', {
      config: { access: 'user' },
      schema: { tags, summary: '咨询列表（本单位或全区），含答复期限和剩余工作日', querystring: z.object({ status: z.enum(keys(STATUSES)).optional(), unitId: z.coerce.number().int().positive().optional(), overdue: z.enum(['0', '1']).optional(), mine: z.enum(['0', '1']).optional(), q: z.string().max(100).optional() }), response: { 200: z.object({ items: z.array(QuestionSummary) }) } },
    }, async (req) => ({ items: await listQuestions(db, requireActor(req), { ...req.query, overdue: req.query.overdue === '1', mine: req.query.mine === '1' }) }));

    app.get('/consult/overdue', {
      config: { access: 'user' },
      schema: { tags, summary: '超期未答复的咨询（按单位汇总）', response: { 200: z.object({ byUnit: z.array(z.object({ unitId: z.number().nullable(), unitName: z.string(), overdue: z.number() })), items: z.array(QuestionSummary) }) } },
    }, async (req) => {
      const items = await listQuestions(db, requireActor(req), { overdue: true });
      const by = new Map<number | null, { unitId: number | null; unitName: string; overdue: number }>();
      for (const i of items) {
        const e = by.get(i.unitId) ?? { unitId: i.unitId, unitName: i.unitName ?? '待分办', overdue: 0 };
        e.overdue++;
        by.set(i.unitId, e);
      }
      return { byUnit: [...by.values()].sort((a, b) => b.overdue - a.overdue), items };
    });

    app.get('/consult/reminders', {
      config: { access: 'user' },
      schema: { tags, summary: '催办提醒：即将到期和已超期的咨询（本单位或全区）', response: { 200: z.object({ items: z.array(z.object({ questionId: z.number(), number: z.string(), kind: z.string(), dueOn: z.string(), unitId: z.number().nullable(), createdAt: z.string() })) }) } },
    }, async (req) => ({ items: await remindersFor(db, requireActor(req)) }));

    app.get('/consult/questions/:id', { config: { access: 'user' }, schema: { tags, summary: '咨询详情：答复记录、办理过程（含内部备注）', params: Id, response: { 200: QuestionDetail } } }, async (req) => getQuestion(db, requireActor(req), req.params.id));

    // After a transfer the former unit can no longer read the case: it gets the state it handed over.
    const step = <S extends z.ZodType>(path: string, summary: string, body: S, run: (req: FastifyRequest, id: number, b: z.infer<S>) => Promise<unknown>, readAsSystem = false) =>
      app.post(`/consult/questions/:id/${path}`, { config: { access: 'user' }, schema: { tags, summary, params: Id, body, response: { 200: QuestionDetail } } }, async (req) => {
        const { id } = req.params as { id: number };
        await run(req, id, req.body as z.infer<S>);
        return getQuestion(db, readAsSystem ? systemActor('consult') : requireActor(req), id);
      });
    step('assign', '分办到单位和经办人', z.object({ unitId: z.number().int().positive(), handlerId: z.number().int().positive().nullish() }), (req, id, b) => assign(db, requireActor(req), id, b));
    step('transfer', '转办到其他单位（须填写理由）', z.object({ unitId: z.number().int().positive(), reason: z.string().trim().min(2, '请填写转办理由').max(500) }), (req, id, b) => transfer(db, requireActor(req), id, b), true);
    step('notes', '添加内部备注（咨询人看不到）', z.object({ note: z.string().trim().min(1, '备注不能为空').max(2000) }), (req, id, b) => addNote(db, requireActor(req), id, b.note));
    step('reply', '作出答复（单位要求审核的，先送审）', z.object({ text: z.string().trim().min(5, '答复内容至少 5 个字').max(10000) }), (req, id, b) => writeReply(db, requireActor(req), id, b.text));
    step('review', '审核答复：通过即发出，退回须填写意见', z.object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(1000).default('') }), (req, id, b) => reviewReply(db, requireActor(req), id, b));

    app.post('/consult/track', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: { tags, summary: '咨询人凭咨询编号和查询码查看答复', body: Track },
    }, async (req) => {
      const t = await trackQuestion(db, req.body.number, req.body.code);
      if (!t) throw notFound('咨询编号或查询码不正确');
      return t.view;
    });

    app.post('/consult/rate', {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: { tags, summary: '咨询人评价答复：满意、基本满意、不满意（不满意可重新办理一次）', body: Track.extend({ rating: z.enum(keys(RATINGS)), comment: z.string().max(1000).default('') }) },
    }, async (req) => rate(db, req.body.number, req.body.code, req.body));

    const Settings = z.object({ replyDays: z.number().int(), reviewRequired: z.boolean(), source: z.string() });
    app.get('/consult/settings', {
      config: { access: 'user' },
      schema: { tags, summary: '答复时限（工作日）与是否须审核：全区默认或某单位', querystring: z.object({ unitId: z.coerce.number().int().min(0).default(0) }), response: { 200: Settings } },
    }, async (req) => {
      requireActor(req);
      return replySettings(cdb(db), req.query.unitId || null);
    });
    app.put('/consult/settings', {
      config: { access: 'user' },
      schema: { tags, summary: '设置答复时限与审核要求（区政府办）', body: z.object({ unitId: z.number().int().min(0), replyDays: z.number().int().min(1, '答复时限至少 1 个工作日').max(30, '答复时限不超过 30 个工作日'), reviewRequired: z.boolean() }), response: { 200: Settings } },
    }, async (req) => setReplySettings(db, requireActor(req), req.body.unitId, req.body));

    await app.register(consultExtraRoutes(ctx));
  };
