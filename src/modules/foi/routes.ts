import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { notFound } from '../../platform/errors.js';
import { can } from '../../platform/auth/roles.js';
import { getUnit } from '../../platform/units/units.js';
import { ApplicationDetail, ApplicationInput, ApplicationSummary, DELIVERY_METHODS, REJECT_KINDS, STATUSES } from './model.js';
import { createApplication, foiDb, getApplication, listApplications, loadRow, overdueByUnit, canRead } from './applications.js';
import * as wf from './workflow.js';
import { OUTCOMES } from './outcomes.js';
import { replyTemplate } from './replies.js';
import { CaseInput, CaseSchema, listCases, saveCase } from './cases.js';
import { attachmentHeader, replyDownload, replyLetter, track } from './tracking.js';
import { proposePublication } from './publication.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const tags = ['foi'];
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];

/** Anonymous public callers are rate-limited; signed-in staff are not. */
export const PUBLIC_FORM_LIMIT = { max: 10, timeWindow: '10 minutes', allowList: (req: FastifyRequest) => req.auth?.actor != null && can(req.auth.actor, 'foi.handle') };

export const foiRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/foi/applications', {
      config: { access: 'public', rateLimit: PUBLIC_FORM_LIMIT },
      schema: {
        tags, summary: '提交政府信息公开申请（公众网上申请；工作人员可登记渠道和收到日期）',
        body: ApplicationInput,
        response: { 201: z.object({ id: z.number(), number: z.string(), trackingCode: z.string(), status: z.string() }), 200: z.object({ id: z.number(), number: z.string(), trackingCode: z.string(), status: z.string(), replayed: z.literal(true) }) },
      },
    }, async (req, reply) => {
      const actor = req.auth.actor ? requireActor(req) : null;
      const c = await createApplication(db, actor, req.body);
      // Public callers learn only their number and code; staff also get the id.
      if (c.replayed) return reply.code(200).send({ id: actor ? c.id : 0, number: c.number, trackingCode: c.trackingCode, status: c.status, replayed: true as const });
      return reply.code(201).send({ id: actor ? c.id : 0, number: c.number, trackingCode: c.trackingCode, status: c.status });
    });

    app.get('/foi/applications', {
      config: { access: 'user' },
      schema: {
        tags, summary: '申请列表（本单位或全区），含答复期限和剩余工作日',
        querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), status: z.enum(keys(STATUSES)).optional(), overdue: z.enum(['0', '1']).optional(), q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(ApplicationSummary) }) },
      },
    }, async (req) => ({ items: await listApplications(db, requireActor(req), { ...req.query, overdue: req.query.overdue === '1' }) }));

    app.get('/foi/overdue', {
      config: { access: 'user' },
      schema: { tags, summary: '逾期未答复申请：按单位汇总（全区监管看全区）', response: { 200: z.object({ byUnit: z.array(z.object({ unitId: z.number(), unitName: z.string(), overdue: z.number() })), items: z.array(ApplicationSummary) }) } },
    }, async (req) => {
      const actor = requireActor(req);
      const items = await listApplications(db, actor, { overdue: true });
      return { byUnit: await overdueByUnit(db, actor), items };
    });

    app.get('/foi/applications/:id', {
      config: { access: 'user' },
      schema: { tags, summary: '申请详情：状态、收到日期、答复期限、剩余工作日、全部办理记录', params: Id, response: { 200: ApplicationDetail } },
    }, async (req) => getApplication(db, requireActor(req), req.params.id));

    app.get('/foi/applications/:id/files/:fileId', {
      config: { access: 'user' },
      schema: { tags, summary: '下载申请或答复附件', params: Id.extend({ fileId: z.coerce.number().int().positive() }) },
    }, async (req, reply) => {
      const row = await loadRow(db, req.params.id);
      if (!canRead(requireActor(req), row.unit_id)) throw notFound('申请不存在');
      const f = await foiDb(db).selectFrom('foi_files').selectAll().where('id', '=', req.params.fileId).where('application_id', '=', row.id).executeTakeFirst();
      if (!f) throw notFound('附件不存在');
      return reply.type(f.mime).header('content-disposition', attachmentHeader(f.name)).header('x-content-type-options', 'nosniff').send(Buffer.from(f.content));
    });

    app.get('/foi/applications/:id/reply-template', {
      config: { access: 'user' },
      schema: { tags, summary: '按办理结果生成答复书模板（引用条例条款）', params: Id, querystring: z.object({ outcome: z.enum(OUTCOMES).optional() }), response: { 200: z.object({ text: z.string() }) } },
    }, async (req) => {
      const a = await getApplication(db, requireActor(req), req.params.id);
      const outcome = req.query.outcome ?? a.outcome;
      if (!outcome) throw notFound('请先作出办理决定');
      const unit = await getUnit(db, a.unitId);
      return { text: replyTemplate(outcome, { applicant: a.applicantName, receivedOn: a.receivedOn ?? '', description: a.description, unit: unit.name, note: a.outcomeNote, referTo: a.referTo }) };
    });

    app.get('/foi/applications/:id/reply.docx', {
      config: { access: 'user' },
      schema: { tags, summary: '下载答复书（Word 文档：单位、申请编号、申请人、答复正文及所依据的条款、答复日期）', params: Id },
    }, async (req, reply) => {
      const row = await loadRow(db, req.params.id);
      if (!canRead(requireActor(req), row.unit_id)) throw notFound('申请不存在');
      const f = await replyLetter(db, row);
      if (!f) throw notFound('尚未作出答复');
      return reply.type(f.mime).header('content-disposition', attachmentHeader(f.name)).header('x-content-type-options', 'nosniff').send(f.content);
    });

    app.get('/foi/applications/:id/publication-proposal', {
      config: { access: 'user' },
      schema: { tags, summary: '转主动公开的建议文本（去除申请人信息的答复内容和默认栏目，条例第四十四条）', params: Id, response: { 200: z.object({ title: z.string(), text: z.string(), columnIds: z.array(z.number()) }) } },
    }, async (req) => proposePublication(db, requireActor(req), req.params.id));

    // Workflow steps: each returns the updated application.
    const stepRoute = <S extends z.ZodType>(path: string, summary: string, body: S, run: (req: FastifyRequest, id: number, b: z.infer<S>) => Promise<void>) =>
      app.post(`/foi/applications/:id/${path}`, { config: { access: 'user' }, schema: { tags, summary, params: Id, body, response: { 200: ApplicationDetail } } }, async (req) => {
        const { id } = req.params as { id: number };
        await run(req, id, req.body as z.infer<S>);
        return getApplication(db, requireActor(req), id);
      });
    const empty = z.object({}).strict().default({});
    stepRoute('reject', '不予受理网上提交的非申请内容（视为未收到，不计时，不计入年报，条例第三十一条）', z.object({ kind: z.enum(keys(REJECT_KINDS)), note: z.string().trim().max(500).default('') }), (req, id, b) => wf.reject(db, requireActor(req), id, b));
    stepRoute('publish', '答复内容转主动公开：起草并提交审核，经审核后发布（条例第四十四条）', z.object({ title: z.string().trim().min(2, '请填写公开标题').max(200), text: z.string().trim().min(10, '请填写拟公开的内容').max(100_000), columnIds: z.array(z.number().int().positive()).max(5).optional() }), (req, id, b) => wf.publishDisclosure(db, requireActor(req), id, b));
    stepRoute('accept', '受理网上申请（收到日期为受理当日，条例第三十一条）', empty, (req, id) => wf.accept(db, requireActor(req), id));
    stepRoute('transfer', '转办至掌握信息的单位', z.object({ unitId: z.number().int().positive(), reason: z.string().trim().min(2, '请填写转办理由').max(500) }), (req, id, b) => wf.transfer(db, requireActor(req), id, b.unitId, b.reason));
    stepRoute('supplement-request', '发出补正告知（收到申请后 7 个工作日内，一次性，条例第三十条）', z.object({ noticeOn: date, supplyBy: date, items: z.string().trim().min(2, '请列明需要补正的事项').max(2000) }), (req, id, b) => wf.requestSupplement(db, requireActor(req), id, b));
    stepRoute('supplement-received', '收到补正材料（答复期限重新计算）', z.object({ suppliedOn: date, note: z.string().max(1000).optional() }), (req, id, b) => wf.receiveSupplement(db, requireActor(req), id, b));
    stepRoute('pauses', '征求第三方或其他机关意见（15 个工作日，所需时间不计入答复期限）', z.object({ kind: z.enum(['third_party', 'other_agency']), party: z.string().trim().min(1, '请填写征求意见对象').max(200), sentOn: date }), (req, id, b) => wf.startPause(db, requireActor(req), id, b));
    app.post('/foi/applications/:id/pauses/:pauseId/answer', {
      config: { access: 'user' },
      schema: { tags, summary: '记录第三方或其他机关的意见', params: Id.extend({ pauseId: z.coerce.number().int().positive() }), body: z.object({ answeredOn: date, note: z.string().max(2000).default('') }), response: { 200: ApplicationDetail } },
    }, async (req) => {
      await wf.endPause(db, requireActor(req), req.params.id, req.params.pauseId, req.body);
      return getApplication(db, requireActor(req), req.params.id);
    });
    stepRoute('extension', '批准延长答复期限（信息公开工作机构负责人，原期限届满前，最长 20 个工作日）', z.object({ days: z.number().int().min(1).max(20), approvedOn: date, reason: z.string().trim().min(2, '请填写延期理由').max(1000) }), (req, id, b) => wf.approveExtension(db, requireActor(req), id, b));
    stepRoute('fee-notice', '发出收费通知（条例第四十二条，国办函〔2020〕109号）', z.object({ scheme: z.enum(['per_request', 'per_page']), quantity: z.number().int().min(1).max(100000).optional().describe('pages (per_page); for per_request the n-th request of the applicant in the month, counted when omitted'), noticeOn: date }), (req, id, b) => wf.noticeFee(db, requireActor(req), id, b));
    stepRoute('fee-paid', '记录申请人缴费', z.object({ paidOn: date }), (req, id, b) => wf.recordFeePaid(db, requireActor(req), id, b));
    stepRoute('decide', '作出办理决定（每种结果对应年报一行）', z.object({ outcome: z.enum(OUTCOMES), decidedOn: date, note: z.string().max(2000).default(''), referTo: z.string().max(500).nullish() }), (req, id, b) => wf.decide(db, requireActor(req), id, b));
    stepRoute('reply', '作出答复（答复书及附件）', z.object({ text: z.string().max(20000), repliedOn: date, files: z.array(z.object({ name: z.string().min(1).max(200), contentBase64: z.string().max(1_500_000) })).max(3).optional() }), (req, id, b) => wf.reply(db, requireActor(req), id, b));
    stepRoute('deliver', '送达答复（网站电子送达后申请人可凭查询码下载）', z.object({ method: z.enum(keys(DELIVERY_METHODS)), deliveredOn: date, note: z.string().max(1000).default('') }), (req, id, b) => wf.deliver(db, requireActor(req), id, b));
    stepRoute('archive', '归档（此后案卷只读）', empty, (req, id) => wf.archive(db, requireActor(req), id));

    app.get('/foi/cases', {
      config: { access: 'user' },
      schema: { tags, summary: '政府信息公开行政复议、行政诉讼案件', querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), applicationId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ items: z.array(CaseSchema) }) } },
    }, async (req) => ({ items: await listCases(db, requireActor(req), req.query.unitId, req.query.applicationId) }));
    app.post('/foi/cases', { config: { access: 'user' }, schema: { tags, summary: '登记行政复议、行政诉讼案件', body: CaseInput, response: { 201: CaseSchema } } }, async (req, reply) => reply.code(201).send(await saveCase(db, requireActor(req), req.body)));
    app.put('/foi/cases/:id', { config: { access: 'user' }, schema: { tags, summary: '更新案件结果', params: Id, body: CaseInput, response: { 200: CaseSchema } } }, async (req) => saveCase(db, requireActor(req), req.body, req.params.id));

    app.post('/foi/track', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: {
        tags, summary: '申请人凭申请编号和查询码查询办理进度',
        body: z.object({ number: z.string().trim().min(1).max(40), code: z.string().trim().min(1).max(40) }),
      },
    }, async (req) => {
      const t = await track(db, req.body.number, req.body.code);
      if (!t) throw notFound('申请编号或查询码不正确');
      return t.view;
    });

    app.post('/foi/track/reply', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: { tags, summary: '申请人凭查询码下载已送达的答复书或答复附件', body: z.object({ number: z.string().trim().min(1).max(40), code: z.string().trim().min(1).max(40), fileId: z.number().int().positive().optional() }) },
    }, async (req, reply) => {
      const t = await track(db, req.body.number, req.body.code);
      if (!t) throw notFound('申请编号或查询码不正确');
      const f = await replyDownload(db, t.row, req.body.fileId);
      if (!f) throw notFound('答复尚未送达或附件不存在');
      return reply.type(f.mime).header('content-disposition', attachmentHeader(f.name)).header('x-content-type-options', 'nosniff').send(f.content);
    });

  };
