import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/http/context.js';
import { can } from '../../platform/auth/roles.js';
import { forbidden } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { ItemSchema } from '../publishing/items.js';
import { getKbEntry, listKb, similarQuestions } from './kb.js';
import { draftQa, proposeQa, updateQaDraft } from './publish-qa.js';
import { consultStats } from './stats.js';

const tags = ['consult'];
const Suggestion = z.object({ id: z.number(), subject: z.string(), question: z.string(), answer: z.string(), answeredOn: z.string(), url: z.string(), score: z.number() });
const KbEntry = z.object({ id: z.number(), subject: z.string(), question: z.string(), answer: z.string(), askedOn: z.string(), answeredOn: z.string(), url: z.string() });

/** Knowledge base, publishing and statistics routes. */
export const consultExtraRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/consult/kb/similar', {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '与所填问题相似的已公开问答（前 5 条）', querystring: z.object({ q: z.string().trim().min(1, '请输入问题').max(2000), limit: z.coerce.number().int().min(1).max(10).default(5) }), response: { 200: z.object({ items: z.array(Suggestion) }) } },
    }, async (req) => ({ items: await similarQuestions(db, req.query.q, req.query.limit) }));

    const toEntry = (r: NonNullable<Awaited<ReturnType<typeof getKbEntry>>>) => ({ id: r.id, subject: r.subject, question: r.question, answer: r.answer, askedOn: r.asked_on, answeredOn: r.answered_on, url: `/interact/consult/kb/${r.id}` });
    app.get('/consult/kb', {
      config: { access: 'public' },
      schema: { tags, summary: '政策问答库（已公开的问答，新在前）', querystring: z.object({ page: z.coerce.number().int().min(1).max(10000).default(1) }), response: { 200: z.object({ total: z.number(), items: z.array(KbEntry) }) } },
    }, async (req) => {
      const r = await listKb(db, req.query.page);
      return { total: r.total, items: r.items.map(toEntry) };
    });
    app.get('/consult/kb/:id', {
      config: { access: 'public' },
      schema: { tags, summary: '一条公开问答', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: KbEntry } },
    }, async (req) => {
      const r = await getKbEntry(db, req.params.id);
      if (!r) throw notFound('问答不存在或已撤回');
      return toEntry(r);
    });

    const Qa = z.object({ subject: z.string().trim().min(2, '问答标题至少 2 个字').max(200), question: z.string().trim().min(5, '问题内容至少 5 个字').max(4000), answer: z.string().trim().min(5, '答复内容至少 5 个字').max(10000) });
    const Id = z.object({ id: z.coerce.number().int().positive() });
    app.get('/consult/questions/:id/qa-proposal', {
      config: { access: 'user' },
      schema: { tags, summary: '拟公开问答：去除咨询人姓名、联系方式和个人信息后的问答文本', params: Id, response: { 200: Qa } },
    }, async (req) => proposeQa(db, requireActor(req), req.params.id));
    app.post('/consult/questions/:id/qa', {
      config: { access: 'user' },
      schema: { tags, summary: '起草公开问答（内容类型 qa，经发布流程审核后进入政策问答库；须咨询人同意公开）', params: Id, body: Qa.partial().default({}), response: { 201: ItemSchema } },
    }, async (req, reply) => reply.code(201).send(await draftQa(db, requireActor(req), req.params.id, req.body)));
    app.put('/consult/qa/:id', {
      config: { access: 'user' },
      schema: { tags, summary: '修改公开问答草稿的标题、问题、答复', params: Id, body: Qa, response: { 200: ItemSchema } },
    }, async (req) => updateQaDraft(db, requireActor(req), req.params.id, req.body));

    app.get('/consult/handlers', {
      config: { access: 'user' },
      schema: { tags, summary: '某单位的政策咨询办理人员（分办时选择经办人）', querystring: z.object({ unitId: z.coerce.number().int().positive() }), response: { 200: z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string() })) }) } },
    }, async (req) => {
      const actor = requireActor(req);
      if (!can(actor, 'consult.assign') && !can(actor, 'consult.handle', req.query.unitId)) throw forbidden();
      const rows = await db.kysely.selectFrom('role_grants').innerJoin('users', 'users.id', 'role_grants.user_id').select(['users.id', 'users.display_name'])
        .where('role_grants.role', '=', 'consult_handler').where('role_grants.unit_id', '=', req.query.unitId).where('users.active', '=', 1).orderBy('users.id').execute();
      return { items: [...new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name }])).values()] };
    });

    const StatRow = z.object({ unitId: z.number().nullable(), unitName: z.string(), received: z.number(), answered: z.number(), answeredInTime: z.number(), inTimeRate: z.number().nullable(), avgWorkingDays: z.number().nullable(), satisfied: z.number(), basically: z.number(), unsatisfied: z.number(), satisfactionRate: z.number().nullable() });
    const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
    app.get('/consult/stats', {
      config: { access: 'user' },
      schema: { tags, summary: '各单位咨询办理统计：收到、按时答复、平均答复工作日、满意度', querystring: z.object({ from: date.optional(), to: date.optional() }), response: { 200: z.object({ from: z.string(), to: z.string(), total: StatRow, units: z.array(StatRow) }) } },
    }, async (req) => {
      const actor = requireActor(req);
      if (!can(actor, 'consult.handle') && !can(actor, 'district.supervise') && !can(actor, 'consult.assign')) throw forbidden();
      const year = chinaToday().slice(0, 4);
      const s = await consultStats(db, req.query.from ?? `${year}-01-01`, req.query.to ?? `${year}-12-31`);
      // Unit staff see their own units' rows and the district total; the district office sees all.
      if (can(actor, 'district.supervise') || can(actor, 'consult.assign')) return s;
      return { ...s, units: s.units.filter((u) => u.unitId !== null && can(actor, 'consult.handle', u.unitId)) };
    });
  };
