import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize } from '../../platform/auth/roles.js';
import { notFound } from '../../platform/errors.js';
import { PUBLIC_FORM_LIMIT } from '../consult/routes.js';
import { ADOPTIONS, COMMENT_SOURCES, MODERATION_REASONS, paragraphsOf, phaseOf } from './rules.js';
import * as dr from './drafts.js';
import * as cat from './catalog.js';
import * as ev from './events.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { pdb } from './tables.js';

const tags = ['participation'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];
const token = z.string().min(16, '表单已失效，请刷新页面后重新提交').max(64).optional();
const ok = z.object({ ok: z.literal(true) });

/** JSON API of 决策事项目录、意见征集、列席会议、政府开放日 (back office + public forms). */
export const participationRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // ------------------------------------------------------------ comment periods
    const DraftBody = z.object({
      unitId: z.number().int().positive(), title: z.string().trim().min(2, '请填写草案标题').max(200), explanation: z.string().trim().max(20000).default(''),
      body: z.string().trim().min(1, '请填写草案正文').max(200000), major: z.boolean().default(true), startOn: date, endOn: date.nullish(), shortReason: z.string().max(1000).default(''), howToComment: z.string().max(2000).default(''),
    });
    app.get('/participation/drafts', { config: { access: 'user' }, schema: { tags, summary: '意见征集列表（本单位未发布的草稿 + 全部已发布）' } }, async (req) => ({
      items: (await dr.listDrafts(db, requireActor(req))).map((d) => ({ id: d.id, unitId: d.unit_id, title: d.title, startOn: d.start_on, endOn: d.end_on, major: d.major === 1, status: d.status, phase: d.phase, feedbackItemId: d.feedback_item_id, policyItemId: d.policy_item_id })),
    }));
    app.post('/participation/drafts', { config: { access: 'user' }, schema: { tags, summary: '创建意见征集（重大决策默认并至少 30 日，缩短须说明理由）', body: DraftBody } }, async (req, reply) => reply.code(201).send(await dr.createCommentDraft(db, requireActor(req), req.body)));
    app.get('/participation/drafts/:id', { config: { access: 'user' }, schema: { tags, summary: '征集详情：草案段落、全部意见（含待审核、自动标记）', params: Id } }, async (req) => {
      const d = await dr.loadDraft(db, req.params.id);
      authorize(requireActor(req), 'participation.manage', d.unit_id);
      const comments = await dr.commentsOf(db, d.id, false);
      return { ...d, phase: phaseOf(d, chinaToday()), paragraphs: paragraphsOf(d.body), comments: comments.map((c) => ({ ...c, flags: JSON.parse(c.flags_json) as string[] })) };
    });
    app.post('/participation/drafts/:id/open', { config: { access: 'user' }, schema: { tags, summary: '发布征集', params: Id } }, async (req) => dr.openForComment(db, requireActor(req), req.params.id));
    const CommentBody = z.object({ paragraph: z.number().int().positive().nullish(), text: z.string().trim().min(5, '意见内容至少 5 个字').max(5000), name: z.string().max(50).default(''), contact: z.string().max(100).default(''), idempotencyKey: token, source: z.enum(keys(COMMENT_SOURCES)).optional(), sourceNote: z.string().max(200).default('') });
    app.post('/participation/drafts/:id/comments', {
      config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
      schema: { tags, summary: '提交意见（公众网上提交，审核后公开；工作人员录入线下意见并注明来源）', params: Id, body: CommentBody },
    }, async (req, reply) => {
      const actor = req.auth.actor ? requireActor(req) : null;
      const r = await dr.addComment(db, actor, req.params.id, req.body);
      return reply.code(r.replayed ? 200 : 201).send(r);
    });
    app.post('/participation/comments/:id/moderate', { config: { access: 'user' }, schema: { tags, summary: '审核意见：公开或不予公开（垃圾信息、辱骂、含个人信息、无关）', params: Id, body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.enum(keys(MODERATION_REASONS)).nullish() }), response: { 200: ok } } }, async (req) => {
      await dr.moderate(db, requireActor(req), req.params.id, req.body);
      return { ok: true as const };
    });
    app.post('/participation/comments/:id/adoption', { config: { access: 'user' }, schema: { tags, summary: '记录采纳情况及理由（征集期结束后）', params: Id, body: z.object({ adoption: z.enum(keys(ADOPTIONS)), reason: z.string().trim().min(2, '请填写理由').max(2000) }), response: { 200: ok } } }, async (req) => {
      await dr.recordAdoption(db, requireActor(req), req.params.id, req.body);
      return { ok: true as const };
    });
    app.post('/participation/drafts/:id/feedback', { config: { access: 'user' }, schema: { tags, summary: '起草意见采纳情况报告（内容类型 comment_feedback，经发布流程审核发布）', params: Id } }, async (req, reply) => reply.code(201).send(await dr.draftFeedbackReport(db, requireActor(req), req.params.id)));
    app.post('/participation/drafts/:id/policy', { config: { access: 'user' }, schema: { tags, summary: '关联正式发布的政策文件', params: Id, body: z.object({ policyItemId: z.number().int().positive() }) } }, async (req) => dr.linkFinalPolicy(db, requireActor(req), req.params.id, req.body.policyItemId));

    // ------------------------------------------------------------ decision catalog
    const EntryBody = z.object({ name: z.string().trim().min(2, '请填写事项名称').max(200), leadUnitId: z.number().int().positive(), basis: z.string().trim().min(1, '请填写决策依据').max(1000), plannedTime: z.string().trim().min(1, '请填写计划完成时间').max(50), stage: z.string().trim().max(50).default('立项'), result: z.string().max(1000).default(''), draftId: z.number().int().positive().nullish(), reason: z.string().max(500).default('') });
    app.get('/participation/catalogs', { config: { access: 'user' }, schema: { tags, summary: '决策事项目录列表', querystring: z.object({ year: z.coerce.number().int().optional() }) } }, async (req) => {
      requireActor(req);
      return { items: await cat.listCatalogs(db, false, req.query.year) };
    });
    app.post('/participation/catalogs', { config: { access: 'user' }, schema: { tags, summary: '建立（或取得）某年度的决策事项目录', body: z.object({ year: z.number().int(), unitId: z.number().int().positive() }) } }, async (req) => cat.getOrCreateCatalog(db, requireActor(req), req.body.year, req.body.unitId));
    app.get('/participation/catalogs/:id', { config: { access: 'user' }, schema: { tags, summary: '目录详情（含未公布的调整）', params: Id } }, async (req) => {
      requireActor(req);
      const v = await cat.catalogView(db, req.params.id, false);
      if (!v) throw notFound('目录不存在');
      return v;
    });
    app.post('/participation/catalogs/:id/entries', { config: { access: 'user' }, schema: { tags, summary: '增加事项（目录公布后须说明调整理由）', params: Id, body: EntryBody } }, async (req, reply) => reply.code(201).send(await cat.addEntry(db, requireActor(req), req.params.id, req.body, req.body.reason)));
    app.put('/participation/entries/:id', { config: { access: 'user' }, schema: { tags, summary: '修改事项（阶段、结果等）', params: Id, body: EntryBody } }, async (req) => cat.updateEntry(db, requireActor(req), req.params.id, req.body, req.body.reason));
    app.delete('/participation/entries/:id', { config: { access: 'user' }, schema: { tags, summary: '移出事项（须说明理由）', params: Id, body: z.object({ reason: z.string().max(500).default('') }).default({ reason: '' }), response: { 200: ok } } }, async (req) => {
      await cat.removeEntry(db, requireActor(req), req.params.id, req.body.reason);
      return { ok: true as const };
    });
    app.post('/participation/catalogs/:id/publish', { config: { access: 'user' }, schema: { tags, summary: '公布目录或其调整', params: Id } }, async (req) => cat.publishCatalog(db, requireActor(req), req.params.id));

    // ------------------------------------------------------------ meetings
    app.get('/participation/meetings', { config: { access: 'user' }, schema: { tags, summary: '列席会议列表' } }, async (req) => {
      requireActor(req);
      return { items: await pdb(db).selectFrom('open_meetings').selectAll().orderBy('meeting_at', 'desc').limit(200).execute() };
    });
    app.post('/participation/meetings', { config: { access: 'user' }, schema: { tags, summary: '发布列席会议公告', body: z.object({ unitId: z.number().int().positive(), title: z.string().trim().min(2).max(200), meetingAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, '会议时间格式应为 YYYY-MM-DDTHH:MM'), location: z.string().max(200).default(''), topics: z.string().trim().min(2, '请填写议题').max(5000), announcement: z.string().max(5000).default(''), applyEndOn: date, seats: z.number().int() }) } }, async (req, reply) => reply.code(201).send(await ev.createMeeting(db, requireActor(req), req.body)));
    app.get('/participation/meetings/:id', { config: { access: 'user' }, schema: { tags, summary: '会议及申请人', params: Id } }, async (req) => {
      const m = await ev.loadMeeting(db, req.params.id);
      authorize(requireActor(req), 'participation.manage', m.unit_id);
      return { ...m, applications: await ev.applicationsOf(db, m.id) };
    });
    app.post('/participation/meetings/:id/applications', { config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT }, schema: { tags, summary: '申请列席', params: Id, body: z.object({ name: z.string().max(50), phone: z.string().max(30), identity: z.string().max(100).default(''), reason: z.string().max(1000), idempotencyKey: token }) } }, async (req, reply) => {
      const r = await ev.applyToAttend(db, req.params.id, req.body);
      return reply.code(r.replayed ? 200 : 201).send({ replayed: r.replayed });
    });
    app.post('/participation/meetings/:id/select', { config: { access: 'user' }, schema: { tags, summary: '遴选列席人员（不超过名额）', params: Id, body: z.object({ applicationIds: z.array(z.number().int().positive()).max(50) }), response: { 200: ok } } }, async (req) => {
      await ev.selectAttendees(db, requireActor(req), req.params.id, req.body.applicationIds);
      return { ok: true as const };
    });
    app.post('/participation/meetings/:id/record', { config: { access: 'user' }, schema: { tags, summary: '记录列席情况和列席人员意见', params: Id, body: z.object({ record: z.string().max(20000).default(''), attendees: z.array(z.object({ applicationId: z.number().int().positive(), attended: z.boolean(), opinion: z.string().max(5000).default('') })).max(50) }), response: { 200: ok } } }, async (req) => {
      await ev.recordMeeting(db, requireActor(req), req.params.id, req.body);
      return { ok: true as const };
    });

    // ------------------------------------------------------------ open days
    app.get('/participation/open-days', { config: { access: 'user' }, schema: { tags, summary: '政府开放日列表' } }, async (req) => {
      requireActor(req);
      return { items: await pdb(db).selectFrom('open_days').selectAll().orderBy('event_on', 'desc').limit(200).execute() };
    });
    app.post('/participation/open-days', { config: { access: 'user' }, schema: { tags, summary: '发布政府开放日活动', body: z.object({ unitId: z.number().int().positive(), title: z.string().trim().min(2).max(200), theme: z.string().max(200).default(''), eventOn: date, location: z.string().max(200).default(''), description: z.string().max(5000).default(''), capacity: z.number().int(), registerEndOn: date }) } }, async (req, reply) => reply.code(201).send(await ev.createOpenDay(db, requireActor(req), req.body)));
    app.get('/participation/open-days/:id', { config: { access: 'user' }, schema: { tags, summary: '活动及报名名单（含候补、签到）', params: Id } }, async (req) => {
      const o = await ev.loadOpenDay(db, req.params.id);
      authorize(requireActor(req), 'participation.manage', o.unit_id);
      return { ...o, registrations: await ev.registrationsOf(db, o.id) };
    });
    app.post('/participation/open-days/:id/registrations', { config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT }, schema: { tags, summary: '报名参加（满员进入候补）', params: Id, body: z.object({ name: z.string().max(50), phone: z.string().max(30), idempotencyKey: token }) } }, async (req, reply) => {
      const r = await ev.register(db, req.params.id, req.body);
      return reply.code(r.replayed ? 200 : 201).send(r);
    });
    app.post('/participation/open-days/:id/cancel', { config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT }, schema: { tags, summary: '凭报名码取消报名（候补递补）', params: Id, body: z.object({ code: z.string().trim().min(4).max(20) }) } }, async (req) => ev.cancelRegistration(db, req.params.id, req.body.code));
    app.post('/participation/open-days/:id/check-in', { config: { access: 'user' }, schema: { tags, summary: '现场签到（报名码）', params: Id, body: z.object({ code: z.string().trim().min(4).max(20) }) } }, async (req) => ev.checkIn(db, requireActor(req), req.params.id, req.body.code));
    app.post('/participation/open-days/:id/photos', { config: { access: 'user' }, schema: { tags, summary: '上传活动照片（JPEG/PNG，须有文字说明）', params: Id, body: z.object({ caption: z.string().max(200), contentBase64: z.string().max(4_500_000) }) } }, async (req, reply) => reply.code(201).send({ id: await ev.addPhoto(db, requireActor(req), req.params.id, req.body) }));
    app.post('/participation/open-days/:id/summary', { config: { access: 'user' }, schema: { tags, summary: '发布活动总结（活动举办后）', params: Id, body: z.object({ summary: z.string().max(20000) }) } }, async (req) => ev.publishSummary(db, requireActor(req), req.params.id, req.body.summary));
  };
