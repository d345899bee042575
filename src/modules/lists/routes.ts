import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { getUnit } from '../../platform/units/units.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { staffScope } from '../publishing/items.js';
import { ItemSchema } from '../publishing/items.js';
import { readUpload, registerUploads } from '../privacy/upload.js';
import { allListKinds } from './definitions.js';
import { diffRows } from './diff.js';
import { listToXlsx } from './xlsx.js';
import { feeRoutes } from './fee-routes.js';
import {
  checkFormRows, createVersion, importVersion, publishedLists, publishedVersions, replaceDraftRows, requireKind, staffVersion, staffVersions, staleLists, versionInfo, versionRows,
  type VersionInfo,
} from './versions.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const RowsSchema = z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).max(5000, '一次最多 5000 行');
const ListRowSchema = z.record(z.string(), z.string());
export const VersionInfoSchema = z.object({
  itemId: z.number().int(), kind: z.string(), kindLabel: z.string(), unitId: z.number().int(), versionNo: z.number().int().nullable(), basedOnItemId: z.number().int().nullable(),
  rowCount: z.number().int(), source: z.string(), sourceName: z.string(), changeNote: z.string(), publishedOn: z.string().nullable(), status: z.string(), createdAt: z.string(),
});
const VersionItemSchema = ItemSchema.extend({ version: VersionInfoSchema });
const DiffSchema = z.object({
  added: z.array(ListRowSchema), removed: z.array(ListRowSchema),
  changed: z.array(z.object({ before: ListRowSchema, after: ListRowSchema, cells: z.array(z.string()) })), unchanged: z.number().int(),
});
const ProblemSchema = z.object({ row: z.number().int(), column: z.string(), header: z.string(), value: z.string(), message: z.string() });
const KindSchema = z.object({
  key: z.string(), label: z.string(), description: z.string(), unitKinds: z.array(z.string()).nullable(), rowKey: z.array(z.string()),
  columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), required: z.boolean(), options: z.array(z.string()).nullable(), cites: z.boolean() })),
});

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachmentName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Lists API: kinds, versions (drafts for staff), import/export .xlsx, diff between versions. */
export const listRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await registerUploads(app);
    await app.register(feeRoutes({ db }));
    const tags = ['lists'];

    app.get('/lists/kinds', { config: { access: 'public' }, schema: { tags, summary: '清单类型及其列定义', response: { 200: z.object({ items: z.array(KindSchema) }) } } }, async () => ({
      items: allListKinds().map((k) => ({
        key: k.key, label: k.label, description: k.description, unitKinds: k.unitKinds ? [...k.unitKinds] : null, rowKey: [...k.rowKey],
        columns: k.columns.map((c) => ({ key: c.key, label: c.label, type: c.type, required: c.required ?? false, options: c.options ? [...c.options] : null, cites: c.cites ?? false })),
      })),
    }));

    app.get(
      '/lists/published',
      { config: { access: 'public' }, schema: { tags, summary: '已发布的清单（各单位当前版本）', querystring: z.object({ kind: z.string().max(40).optional() }), response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), unitId: z.number().int(), itemId: z.number().int(), versionNo: z.number().int(), publishedOn: z.string(), rowCount: z.number().int() })) }) } } },
      async (req) => ({ items: await publishedLists(db, req.query.kind) }),
    );

    app.get(
      '/lists/published/:kind/:unitId',
      {
        config: { access: 'public' },
        schema: { tags, summary: '某单位某类清单的当前版本与历史版本', params: z.object({ kind: z.string().max(40), unitId: z.coerce.number().int().positive() }), response: { 200: z.object({ current: VersionInfoSchema.nullable(), rows: z.array(ListRowSchema), history: z.array(VersionInfoSchema) }) } },
      },
      async (req) => {
        requireKind(req.params.kind);
        const history = await publishedVersions(db, req.params.kind, req.params.unitId);
        const current = history[0] ?? null;
        return { current, rows: current ? await versionRows(db, current.itemId) : [], history };
      },
    );

    app.get(
      '/lists/diff',
      {
        config: { access: 'public' },
        schema: { tags, summary: '两个版本之间的变化（新增、删除、修改的行及修改的单元格）。公众只能比较已发布版本', querystring: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }), response: { 200: DiffSchema } },
      },
      async (req) => {
        const pair = await comparable(db, req.query.from, req.query.to, req.auth.actor ? requireActor(req) : null);
        return diffRows(requireKind(pair[0].kind), await versionRows(db, pair[0].itemId), await versionRows(db, pair[1].itemId));
      },
    );

    app.get(
      '/lists/versions',
      { config: { access: 'user' }, schema: { tags, summary: '本人可见单位的清单版本（含草稿）', querystring: z.object({ kind: z.string().max(40).optional(), unitId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ items: z.array(VersionInfoSchema) }) } } },
      async (req) => ({ items: await staffVersions(db, requireActor(req), req.query) }),
    );

    app.get(
      '/lists/stale',
      {
        config: { access: 'user' },
        schema: { tags, summary: '超过更新期限（动态调整义务）的清单：当前版本发布已超过规定月数。单位人员只看本单位', querystring: z.object({ today: z.iso.date().optional() }), response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), kindLabel: z.string(), unitId: z.number().int(), itemId: z.number().int(), versionNo: z.number().int(), publishedOn: z.string(), dueBy: z.string() })) }) } },
      },
      async (req) => {
        const scope = staffScope(requireActor(req));
        return { items: await staleLists(db, req.query.today ?? chinaToday(), scope.all ? undefined : scope.unitIds) };
      },
    );

    app.get('/lists/versions/:id', { config: { access: 'user' }, schema: { tags, params: IdParams, response: { 200: VersionItemSchema.extend({ rows: z.array(ListRowSchema) }) } } }, async (req) =>
      staffVersion(db, requireActor(req), req.params.id),
    );

    app.post(
      '/lists/versions',
      {
        config: { access: 'user' },
        schema: { tags, summary: '以表单数据新建清单版本（草稿）；每行按列定义校验，错误按行、列返回（error.details.problems）', body: z.object({ kind: z.string().max(40), unitId: z.number().int().positive(), rows: RowsSchema, changeNote: z.string().trim().max(500).default('') }), response: { 201: VersionItemSchema } },
      },
      async (req, reply) => {
        const def = requireKind(req.body.kind);
        const rows = checkFormRows(def, req.body.rows);
        return reply.code(201).send(await createVersion(db, requireActor(req), { kind: def.key, unitId: req.body.unitId, rows, source: 'form', changeNote: req.body.changeNote }));
      },
    );

    app.put(
      '/lists/versions/:id/rows',
      { config: { access: 'user' }, schema: { tags, summary: '修改草稿版本的行', params: IdParams, body: z.object({ rows: RowsSchema, changeNote: z.string().trim().max(500).optional() }), response: { 200: VersionItemSchema } } },
      async (req) => replaceDraftRows(db, requireActor(req), req.params.id, req.body.rows, req.body.changeNote),
    );

    app.post(
      '/lists/import',
      {
        config: { access: 'user', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags, summary: '导入 .xlsx 为新版本（草稿）：multipart 字段 file、kind、unitId、changeNote。任何一行有错则不保存，error.details.problems 列出每处问题的行号和列',
          response: { 201: VersionItemSchema, 400: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ problems: z.array(ProblemSchema) }).optional() }) }) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const up = await readUpload(req);
        const unitId = z.coerce.number().int().positive().safeParse(up.fields.unitId);
        if (!unitId.success) throw badRequest('invalid_unit', '请选择单位');
        if (!/\.xlsx$/i.test(up.filename)) throw badRequest('invalid_xlsx', '请上传 Excel (.xlsx) 文件');
        const v = await importVersion(db, actor, { kind: up.fields.kind ?? '', unitId: unitId.data, buffer: up.buffer, filename: up.filename, changeNote: (up.fields.changeNote ?? '').trim().slice(0, 500) });
        return reply.code(201).send(v);
      },
    );

    app.get('/lists/versions/:id/xlsx', { config: { access: 'user' }, schema: { tags, summary: '导出版本为 .xlsx（与导入格式相同）', params: IdParams } }, async (req, reply) => {
      const v = await staffVersion(db, requireActor(req), req.params.id);
      const def = requireKind(v.version.kind);
      const unit = await getUnit(db, v.unitId);
      const buf = await listToXlsx(def.columns, v.rows, `${unit.name}${def.label}${v.version.versionNo ? `（第 ${v.version.versionNo} 版）` : '（草稿）'}`, def.label);
      return reply.type(xlsxType).header('content-disposition', attachmentName(`${unit.shortName}${def.label}.xlsx`)).send(buf);
    });
  };

/** Two versions of the same list that the viewer may compare: the public only published ones. */
async function comparable(db: AppContext['db'], from: number, to: number, actor: import('../../platform/actor.js').Actor | null): Promise<[VersionInfo, VersionInfo]> {
  const a = await versionInfo(db, from);
  const b = await versionInfo(db, to);
  const visible = async (v: VersionInfo | null) => {
    if (!v) return false;
    if (v.status === 'published') return true;
    if (!actor) return false;
    try {
      await staffVersion(db, actor, v.itemId);
      return true;
    } catch {
      return false;
    }
  };
  if (!(await visible(a)) || !(await visible(b))) throw notFound('清单版本不存在');
  if (a!.kind !== b!.kind || a!.unitId !== b!.unitId) throw badRequest('not_same_list', '只能比较同一单位同一清单的两个版本');
  return [a!, b!];
}
