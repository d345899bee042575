import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { createDraft, getItemForStaff, staffScope, updateDraft, type Item } from '../publishing/items.js';
import { asSvcTrx, svcDb, type ServiceItemsTable, type SvcTrx } from './tables.js';

/**
 * 政务服务事项 and its 办事指南. A guide missing a key element (要素) cannot go to review nor be
 * published: 事项名称, 设定依据, 申请条件, 办理材料, 办理流程, 办理时限, 收费 (“不收费” is an answer).
 */
export const GUIDE_KIND = 'service_guide';
export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政裁决', '行政奖励', '其他行政权力', '公共服务'] as const;

const Material = z.object({
  name: z.string().trim().min(1, '材料名称不能为空').max(200),
  required: z.boolean().default(true),
  copies: z.string().trim().max(50).default('1'),
  note: z.string().trim().max(500).default(''),
  /** an attachment of this guide (空白表格、示范文本) */
  sampleAttachmentId: z.number().int().positive().nullable().default(null),
});
export type Material = z.infer<typeof Material>;

export const GuideFieldsSchema = z.object({
  code: z.string().trim().max(60).default(''),
  name: z.string().trim().max(200).default(''),
  itemType: z.enum(ITEM_TYPES).default('公共服务'),
  basis: z.string().trim().max(5000).default(''),
  conditions: z.string().trim().max(5000).default(''),
  materials: z.array(Material).max(100).default([]),
  steps: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  timeLimit: z.string().trim().max(200).default(''),
  fees: z.string().trim().max(1000).default(''),
  place: z.string().trim().max(300).default(''),
  hours: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(60).default(''),
  onlineUrl: z.union([z.literal(''), z.url('网上办理链接须为网址')]).default(''),
});
export type GuideFields = z.infer<typeof GuideFieldsSchema>;

export const KEY_ELEMENTS: Array<[keyof GuideFields, string]> = [
  ['name', '事项名称'], ['basis', '设定依据'], ['conditions', '申请条件'], ['materials', '办理材料'], ['steps', '办理流程'], ['timeLimit', '办理时限'], ['fees', '收费'],
];

/** Key elements (要素) the guide lacks, by their Chinese names. */
export function missingKeyElements(g: Pick<GuideFields, 'name' | 'basis' | 'conditions' | 'materials' | 'steps' | 'timeLimit' | 'fees'>): string[] {
  return KEY_ELEMENTS.filter(([k]) => {
    const v = g[k as keyof typeof g];
    return Array.isArray(v) ? v.length === 0 : !String(v ?? '').trim();
  }).map(([, label]) => label);
}

export function guideOf(r: ServiceItemsTable): GuideFields {
  return {
    code: r.code, name: r.name, itemType: r.item_type as GuideFields['itemType'], basis: r.basis, conditions: r.conditions,
    materials: JSON.parse(r.materials_json) as Material[], steps: JSON.parse(r.steps_json) as string[], timeLimit: r.time_limit, fees: r.fees,
    place: r.place, hours: r.hours, phone: r.phone, onlineUrl: r.online_url,
  };
}

function columns(g: GuideFields) {
  return {
    code: g.code, name: g.name, item_type: g.itemType, basis: g.basis, conditions: g.conditions, materials_json: JSON.stringify(g.materials),
    steps_json: JSON.stringify(g.steps), time_limit: g.timeLimit, fees: g.fees, place: g.place, hours: g.hours, phone: g.phone, online_url: g.onlineUrl,
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function guideText(g: GuideFields): string {
  const p = (label: string, v: string) => (v ? `<p>${esc(label)}：${esc(v)}</p>` : '');
  return [p('事项编码', g.code), p('事项类型', g.itemType), p('设定依据', g.basis), p('申请条件', g.conditions), p('办理材料', g.materials.map((m) => m.name).join('；')),
    p('办理流程', g.steps.join(' → ')), p('办理时限', g.timeLimit), p('收费', g.fees), p('办理地点', g.place), p('办理时间', g.hours), p('咨询电话', g.phone)].join('');
}

export async function guideFields(db: Db | SvcTrx, itemId: number): Promise<GuideFields | null> {
  const q = 'kysely' in db ? svcDb(db) : db;
  const r = await q.selectFrom('service_items').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  return r ? guideOf(r) : null;
}

export async function createGuide(db: Db, actor: Actor, unitId: number, input: unknown): Promise<Item & { guide: GuideFields; missing: string[] }> {
  authorize(actor, 'services.maintain', unitId);
  const g = GuideFieldsSchema.parse(input);
  if (!g.name) throw badRequest('name_required', '请填写事项名称');
  const item = await createDraft(db, actor, { kind: GUIDE_KIND, unitId, title: `${g.name}办事指南`.slice(0, 200), summary: g.conditions.slice(0, 300), keywords: g.itemType, topic: '', bodyHtml: guideText(g), columnIds: [] }, async (trx, itemId) => {
    await asSvcTrx(trx).insertInto('service_items').values({ item_id: itemId, ...columns(g) }).execute();
  });
  return { ...item, guide: g, missing: missingKeyElements(g) };
}

export async function updateGuide(db: Db, actor: Actor, itemId: number, input: unknown): Promise<Item & { guide: GuideFields; missing: string[] }> {
  const cur = await guideFields(db, itemId);
  if (!cur) throw notFound('办事指南不存在');
  const item0 = await getItemForStaff(db, actor, itemId);
  authorize(actor, 'services.maintain', item0.unitId);
  const g = GuideFieldsSchema.parse(input);
  if (!g.name) throw badRequest('name_required', '请填写事项名称');
  const item = await updateDraft(db, actor, itemId, { title: `${g.name}办事指南`.slice(0, 200), summary: g.conditions.slice(0, 300), bodyHtml: guideText(g) }, async (trx) => {
    await asSvcTrx(trx).updateTable('service_items').set(columns(g)).where('item_id', '=', itemId).execute();
  });
  return { ...item, guide: g, missing: missingKeyElements(g) };
}

export async function getGuideForStaff(db: Db, actor: Actor, itemId: number) {
  const item = await getItemForStaff(db, actor, itemId);
  const g = await guideFields(db, itemId);
  if (!g) throw notFound('办事指南不存在');
  return { ...item, guide: g, missing: missingKeyElements(g) };
}

export async function staffGuides(db: Db, actor: Actor) {
  const scope = staffScope(actor);
  let q = svcDb(db).selectFrom('service_items').innerJoin('content_items', 'content_items.id', 'service_items.item_id')
    .select(['item_id', 'code', 'name', 'item_type', 'unit_id', 'status', 'updated_at']);
  if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  return (await q.orderBy('item_id', 'desc').limit(1000).execute()).map((r) => ({ itemId: r.item_id, code: r.code, name: r.name, itemType: r.item_type, unitId: r.unit_id, status: r.status, updatedAt: r.updated_at }));
}

/** Published guides for the catalog (政务服务事项目录). */
export async function publishedGuides(db: Db, f: { unitId?: number; itemType?: string; q?: string } = {}) {
  let q = svcDb(db).selectFrom('service_items').innerJoin('content_items', 'content_items.id', 'service_items.item_id').selectAll('service_items').select(['unit_id']).where('status', '=', 'published');
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.itemType) q = q.where('item_type', '=', f.itemType);
  const rows = await q.orderBy('code').orderBy('item_id').execute();
  return rows.map((r) => ({ itemId: r.item_id, unitId: r.unit_id, ...guideOf(r) })).filter((g) => !f.q || g.name.includes(f.q) || g.code.includes(f.q));
}

async function refuseIncomplete(trx: SvcTrx, itemId: number, stage: string): Promise<void> {
  const r = await trx.selectFrom('service_items').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  if (!r) throw badRequest('not_a_guide', '办事指南数据缺失');
  const missing = missingKeyElements(guideOf(r));
  if (missing.length) throw new AppError(400, 'guide_incomplete', `办事指南缺少要素：${missing.join('、')}，不能${stage}`, { missing });
}

registerContentKind({
  name: GUIDE_KIND,
  label: '办事指南',
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/services/guides/${item.id}`,
  validateForReview: (trx, item) => refuseIncomplete(asSvcTrx(trx), item.id, '提交审核'),
  validateForPublish: (trx, item) => refuseIncomplete(asSvcTrx(trx), item.id, '发布'),
});
