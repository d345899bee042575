import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize, can } from '../../platform/auth/roles.js';
import { badRequest } from '../../platform/errors.js';
import { ItemInputSchema, ItemPatchSchema, ItemSchema, createDraft, getItemForStaff, listItemsForStaff, updateDraft } from './items.js';
import { DecideSchema, decide, submitForReview } from './review.js';
import { PublishSchema, WithdrawSchema, publish, withdraw } from './publish.js';
import { ColumnInputSchema, ColumnPatchSchema, ColumnSchema, createColumn, listColumns, updateColumn } from './columns.js';
import { ATTACHMENT_ROLES, addAttachment, listAttachments, openAttachment, removeAttachment } from './attachments.js';
import { allContentKinds } from './kinds.js';
import { importDocx } from './docx-import.js';
import { publishedItems } from './public.js';
import { STAGES, STAGE_LABELS } from './chain.js';
import { clearReviewChain, describeChain, listChainSettings, setReviewChain } from './review-chains.js';
import { privacyFindingsForBundle } from './privacy-gate.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const AttachmentSchema = z.object({ id: z.number().int(), itemId: z.number().int(), filename: z.string(), mime: z.string(), size: z.number().int(), role: z.string(), createdAt: z.string() });

export const publishingRoutes =
  ({ db, config }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: 500 * 1024 * 1024, files: 1, fields: 5 } });
    const tags = ['publishing'];

    app.get('/content-kinds', { config: { access: 'public' }, schema: { tags, summary: '内容类型与审核环节', response: { 200: z.object({ kinds: z.array(z.object({ name: z.string(), label: z.string() })), stages: z.array(z.object({ stage: z.string(), label: z.string() })) }) } } }, async () => ({
      kinds: allContentKinds().map((k) => ({ name: k.name, label: k.label })),
      stages: STAGES.map((s) => ({ stage: s, label: STAGE_LABELS[s] })),
    }));

    app.get(
      '/items',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '内容列表（本人可见单位的草稿、审核中和已发布内容）',
          querystring: z.object({
            status: z.string().max(20).optional(), kind: z.string().max(40).optional(), unitId: z.coerce.number().int().positive().optional(), q: z.string().max(100).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(ItemSchema), total: z.number().int() }) },
        },
      },
      async (req) => listItemsForStaff(db, requireActor(req), req.query),
    );

    app.get('/items/:id', { config: { access: 'user' }, schema: { tags, params: IdParams, response: { 200: ItemSchema } } }, async (req) => getItemForStaff(db, requireActor(req), req.params.id));

    app.post('/items', { config: { access: 'user' }, schema: { tags, summary: '起草内容（通知公告等通用类型）', body: ItemInputSchema, response: { 201: ItemSchema } } }, async (req, reply) => {
      if (req.body.kind === 'policy' || req.body.kind === 'interpretation') throw badRequest('use_policy_api', '政策文件和解读请使用 /policies 和 /interpretations 接口');
      return reply.code(201).send(await createDraft(db, requireActor(req), req.body));
    });

    app.patch('/items/:id', { config: { access: 'user' }, schema: { tags, summary: '修改草稿', params: IdParams, body: ItemPatchSchema, response: { 200: ItemSchema } } }, async (req) =>
      updateDraft(db, requireActor(req), req.params.id, req.body),
    );

    app.post('/items/:id/submit', { config: { access: 'user' }, schema: { tags, summary: '提交审核（同一批次的解读一并提交）', params: IdParams, response: { 200: ItemSchema } } }, async (req) =>
      submitForReview(db, requireActor(req), req.params.id),
    );

    app.post('/items/:id/decision', { config: { access: 'user' }, schema: { tags, summary: '审核决定：通过或退回（当前环节）', params: IdParams, body: DecideSchema, response: { 200: ItemSchema } } }, async (req) =>
      decide(db, requireActor(req), req.params.id, req.body, config.dataDir),
    );

    app.get(
      '/items/:id/privacy-check',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '个人信息检查（终审前）：正文和附件中的身份证号、手机号、银行卡号', params: IdParams,
          response: { 200: z.object({ findings: z.array(z.object({ itemId: z.number().int(), itemTitle: z.string(), kind: z.string(), where: z.string(), preview: z.string() })) }) },
        },
      },
      async (req) => {
        await getItemForStaff(db, requireActor(req), req.params.id);
        return { findings: await privacyFindingsForBundle(db, config.dataDir, req.params.id) };
      },
    );

    app.post('/items/:id/publish', { config: { access: 'user' }, schema: { tags, summary: '发布（立即或定时）', params: IdParams, body: PublishSchema, response: { 200: ItemSchema } } }, async (req) =>
      publish(db, requireActor(req), req.params.id, req.body),
    );

    app.post('/items/:id/withdraw', { config: { access: 'user' }, schema: { tags, summary: '撤回已发布内容', params: IdParams, body: WithdrawSchema, response: { 200: ItemSchema } } }, async (req) =>
      withdraw(db, requireActor(req), req.params.id, req.body.reason),
    );

    app.get('/items/:id/attachments', { config: { access: 'user' }, schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(AttachmentSchema) }) } } }, async (req) => {
      await getItemForStaff(db, requireActor(req), req.params.id);
      return { items: await listAttachments(db, req.params.id) };
    });

    app.post(
      '/items/:id/attachments',
      { config: { access: 'user' }, schema: { tags, summary: '上传附件（multipart：file，可选 role）', params: IdParams, response: { 201: AttachmentSchema } } },
      async (req, reply) => {
        const actor = requireActor(req);
        if (!req.isMultipart()) throw badRequest('multipart_required', '请以 multipart/form-data 上传文件');
        const part = await req.file();
        if (!part) throw badRequest('file_required', '请选择要上传的文件');
        const data = await part.toBuffer();
        if (part.file.truncated) throw badRequest('file_too_large', '文件过大');
        const roleField = part.fields.role as { value?: unknown } | undefined;
        const role = z.enum(ATTACHMENT_ROLES).catch('attachment').parse(roleField?.value ?? 'attachment');
        return reply.code(201).send(await addAttachment(db, config.dataDir, actor, req.params.id, { filename: part.filename, data }, role));
      },
    );

    app.post(
      '/import/docx',
      {
        config: { access: 'user', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: { tags, summary: '导入 Word (.docx) 为草稿正文：返回净化后的 HTML 和标题', response: { 200: z.object({ title: z.string(), bodyHtml: z.string(), messages: z.array(z.string()) }) } },
      },
      async (req) => {
        const actor = requireActor(req);
        authorize(actor, 'content.draft');
        if (!req.isMultipart()) throw badRequest('multipart_required', '请以 multipart/form-data 上传文件');
        const part = await req.file();
        if (!part) throw badRequest('file_required', '请选择要上传的文件');
        return importDocx(await part.toBuffer());
      },
    );

    app.delete('/attachments/:id', { config: { access: 'user' }, schema: { tags, params: IdParams } }, async (req, reply) => {
      await removeAttachment(db, requireActor(req), req.params.id);
      return reply.code(204).send();
    });

    app.get(
      '/published',
      {
        config: { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
        schema: {
          tags, summary: '已发布信息（供政务新媒体、上级平台拉取）：按发布时间倒序，可按栏目、单位、类型、起始时间筛选',
          querystring: z.object({
            columnId: z.coerce.number().int().positive().optional(), unitId: z.coerce.number().int().positive().optional(), kind: z.string().max(40).optional(),
            since: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), kind: z.string(), unitId: z.number().int(), title: z.string(), summary: z.string(), publishedAt: z.string(), updatedAt: z.string(), indexNo: z.string().nullable(), url: z.string() })) }) },
        },
      },
      async (req) => {
        const { items } = await publishedItems(db, req.query);
        return { items };
      },
    );

    app.get(
      '/columns',
      {
        config: { access: 'public' },
        schema: {
          tags, summary: '栏目（含更新要求）；includeInactive=1 对栏目管理员同时列出已停用的栏目',
          querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), includeInactive: z.enum(['0', '1']).optional() }),
          response: { 200: z.object({ items: z.array(ColumnSchema) }) },
        },
      },
      async (req) => {
        // Stopped columns stay listed for whoever manages columns, so that they can be started again.
        const includeInactive = req.query.includeInactive === '1' && !!req.auth.actor && can(req.auth.actor, 'columns.manage');
        return { items: await listColumns(db, { ...(req.query.unitId && { unitId: req.query.unitId }), includeInactive }) };
      },
    );
    app.post('/columns', { config: { access: 'user' }, schema: { tags, body: ColumnInputSchema, response: { 201: ColumnSchema } } }, async (req, reply) =>
      reply.code(201).send(await createColumn(db, requireActor(req), req.body)),
    );
    app.patch('/columns/:id', { config: { access: 'user' }, schema: { tags, params: IdParams, body: ColumnPatchSchema, response: { 200: ColumnSchema } } }, async (req) =>
      updateColumn(db, requireActor(req), req.params.id, req.body),
    );

    const ChainTarget = z.object({ unitId: z.number().int().positive().nullable(), kind: z.string().max(40).nullable() });
    const ChainTargetQuery = z.object({ unitId: z.coerce.number().int().positive().optional(), kind: z.string().min(1).max(40).optional() });
    const StageList = z.array(z.enum(STAGES));
    const SettingSchema = z.object({ unitId: z.number().int().nullable(), kind: z.string().nullable(), stages: StageList, updatedAt: z.string() });
    app.get(
      '/review-chains',
      { config: { access: 'user' }, schema: { tags, summary: '审核环节设置（各单位、各内容类型）', response: { 200: z.object({ items: z.array(SettingSchema) }) } } },
      async () => ({ items: await listChainSettings(db) }),
    );
    app.get(
      '/review-chains/effective',
      {
        config: { access: 'user' },
        schema: {
          tags, summary: '某单位某内容类型现行的审核环节及其来源（unitId、kind 省略表示全区、所有类型）', querystring: ChainTargetQuery,
          response: {
            200: z.object({
              source: z.enum(['unit_kind', 'unit', 'kind', 'district', 'builtin']), setting: SettingSchema.nullable(), own: SettingSchema.nullable(),
              configured: StageList, effective: StageList, requiresConfidentiality: z.boolean(),
            }),
          },
        },
      },
      async (req) => describeChain(db, req.query.unitId ?? null, req.query.kind ?? null),
    );
    app.put(
      '/review-chains',
      { config: { access: 'user' }, schema: { tags, summary: '设置审核环节（按单位和内容类型）', body: ChainTarget.extend({ stages: StageList.min(1, '请至少选择一个审核环节') }) } },
      async (req, reply) => {
        await setReviewChain(db, requireActor(req), req.body);
        return reply.code(204).send();
      },
    );
    app.delete(
      '/review-chains',
      { config: { access: 'user' }, schema: { tags, summary: '删除某单位某内容类型的审核环节设置（恢复继承）', querystring: ChainTargetQuery } },
      async (req, reply) => {
        await clearReviewChain(db, requireActor(req), { unitId: req.query.unitId ?? null, kind: req.query.kind ?? null });
        return reply.code(204).send();
      },
    );
  };

/** Public file downloads at /files/:id/:name (outside /api). */
export const fileRoutes =
  ({ db, config }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/files/:id/:name', { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive(), name: z.string() }) } }, async (req, reply) => {
      const f = await openAttachment(db, config.dataDir, req.params.id, req.auth.actor);
      const inline = /^(application\/pdf|image\/|video\/)/.test(f.mime);
      return reply
        .type(f.mime)
        .header('content-length', f.size)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', f.status === 'published' ? 'public, max-age=300' : 'private, no-store')
        .send(f.stream);
    });
  };
