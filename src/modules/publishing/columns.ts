import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { pub } from './items.js';
import type { PubTrx } from './tables.js';

/**
 * Columns (栏目): a tree, district-wide or per unit, each with the update duty the patrol
 * judges it by (政府网站检查指标: news columns 2 weeks, 通知公告/政策文件 6 months; data that
 * changes: within 20 working days of the change, 条例 art. 26).
 */
export const DUTY_KINDS = {
  none: '无固定要求',
  days: '至少每 N 天更新',
  months: '至少每 N 个月更新',
  workdays_after_change: '信息形成或变更后 N 个工作日内更新',
} as const;
export const COLUMN_KINDS = { policy: '政策文件', interpretation: '政策解读', notice: '通知公告', news: '工作动态', domain: '重点领域', topic: '专题', catalog: '公开目录' } as const;

export const ColumnSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  name: z.string(),
  kind: z.string(),
  dutyKind: z.string(),
  dutyValue: z.number().int(),
  dutyLabel: z.string(),
  description: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type Column = z.infer<typeof ColumnSchema>;

const ColumnFields = z.object({
  parentId: z.number().int().positive().nullable(),
  unitId: z.number().int().positive().nullable(),
  name: z.string().trim().min(2, '栏目名称至少 2 个字').max(40),
  kind: z.enum(Object.keys(COLUMN_KINDS) as [keyof typeof COLUMN_KINDS]),
  dutyKind: z.enum(Object.keys(DUTY_KINDS) as [keyof typeof DUTY_KINDS]),
  dutyValue: z.number().int().min(0).max(3650),
  description: z.string().trim().max(500),
  sortOrder: z.number().int().min(0).max(100000),
  active: z.boolean(),
});
export const ColumnInputSchema = ColumnFields.extend({
  parentId: ColumnFields.shape.parentId.default(null),
  unitId: ColumnFields.shape.unitId.default(null),
  dutyKind: ColumnFields.shape.dutyKind.default('none'),
  dutyValue: ColumnFields.shape.dutyValue.default(0),
  description: ColumnFields.shape.description.default(''),
  sortOrder: ColumnFields.shape.sortOrder.default(0),
  active: ColumnFields.shape.active.default(true),
});
export const ColumnPatchSchema = ColumnFields.partial().strict();

export function dutyLabel(kind: string, value: number): string {
  switch (kind) {
    case 'days': return `至少每 ${value} 天更新`;
    case 'months': return `至少每 ${value} 个月更新`;
    case 'workdays_after_change': return `信息变更后 ${value} 个工作日内更新`;
    default: return '无固定要求';
  }
}

type Row = { id: number; parent_id: number | null; unit_id: number | null; name: string; kind: string; duty_kind: string; duty_value: number; description: string; sort_order: number; active: number };
const toColumn = (r: Row): Column => ({
  id: r.id, parentId: r.parent_id, unitId: r.unit_id, name: r.name, kind: r.kind, dutyKind: r.duty_kind, dutyValue: r.duty_value,
  dutyLabel: dutyLabel(r.duty_kind, r.duty_value), description: r.description, sortOrder: r.sort_order, active: r.active === 1,
});

export async function listColumns(db: Db, f: { unitId?: number | null; includeInactive?: boolean } = {}): Promise<Column[]> {
  let q = pub(db).selectFrom('columns').selectAll().orderBy('sort_order').orderBy('id');
  if (!f.includeInactive) q = q.where('active', '=', 1);
  if (f.unitId !== undefined) q = f.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', f.unitId);
  return (await q.execute()).map(toColumn);
}

export async function getColumn(db: Db, id: number): Promise<Column> {
  const r = await pub(db).selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('栏目不存在');
  return toColumn(r);
}

function checkDuty(kind: string, value: number): void {
  if (kind !== 'none' && value < 1) throw badRequest('invalid_duty', '请填写更新要求的天数或月数');
}

export async function createColumn(db: Db, actor: Actor, input: z.infer<typeof ColumnInputSchema>): Promise<Column> {
  authorize(actor, 'columns.manage');
  checkDuty(input.dutyKind, input.dutyValue);
  if (input.parentId) await getColumn(db, input.parentId);
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const r = await trx.insertInto('columns').values({
      parent_id: input.parentId, unit_id: input.unitId, name: input.name, slug: `c${randomBytes(6).toString('hex')}`, kind: input.kind,
      duty_kind: input.dutyKind, duty_value: input.dutyValue, description: input.description, sort_order: input.sortOrder, active: input.active ? 1 : 0,
      created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'column.create', entityType: 'column', entityId: r.id, unitId: input.unitId, summary: `新建栏目「${input.name}」（${dutyLabel(input.dutyKind, input.dutyValue)}）`, after: input });
    return r.id;
  });
  return getColumn(db, id);
}

export async function updateColumn(db: Db, actor: Actor, id: number, patch: z.infer<typeof ColumnPatchSchema>): Promise<Column> {
  authorize(actor, 'columns.manage');
  const before = await getColumn(db, id);
  checkDuty(patch.dutyKind ?? before.dutyKind, patch.dutyValue ?? before.dutyValue);
  if (patch.parentId === id) throw badRequest('invalid_parent', '上级栏目不能是本栏目');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    await trx.updateTable('columns').set({
      ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.dutyKind !== undefined && { duty_kind: patch.dutyKind }),
      ...(patch.dutyValue !== undefined && { duty_value: patch.dutyValue }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: new Date().toISOString(),
    }).where('id', '=', id).execute();
    await audit({ action: 'column.update', entityType: 'column', entityId: id, unitId: before.unitId, summary: `修改栏目「${before.name}」`, before, after: patch });
  });
  return getColumn(db, id);
}

type Seed = [name: string, kind: keyof typeof COLUMN_KINDS, duty: keyof typeof DUTY_KINDS, value: number];
const DISTRICT_COLUMNS: Seed[] = [
  ['政策文件', 'policy', 'months', 6],
  ['政策解读', 'interpretation', 'months', 6],
  ['通知公告', 'notice', 'months', 6],
  ['工作动态', 'news', 'days', 14],
];
const DOMAINS = ['就业', '住房', '教育', '医疗', '生态环境', '养老', '社会保障', '公共体育', '旅游', '公共资源交易', '招标采购', '乡村振兴', '粮食收购', '惠民惠农资金'];
const TOPICS = ['促消费', '美好相山'];

/** The district's standard columns, created once (seed tasks 1, 3, 4). */
export async function seedDefaultColumns(db: Db): Promise<void> {
  const any = await pub(db).selectFrom('columns').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const actor = systemActor('seed');
  let order = 0;
  for (const [name, kind, duty, value] of DISTRICT_COLUMNS) await createColumn(db, actor, { parentId: null, unitId: null, name, kind, dutyKind: duty, dutyValue: value, description: '', sortOrder: (order += 10), active: true });
  const domains = await createColumn(db, actor, { parentId: null, unitId: null, name: '重点领域信息公开', kind: 'domain', dutyKind: 'none', dutyValue: 0, description: '', sortOrder: (order += 10), active: true });
  for (const name of DOMAINS) await createColumn(db, actor, { parentId: domains.id, unitId: null, name, kind: 'domain', dutyKind: 'workdays_after_change', dutyValue: 20, description: '', sortOrder: (order += 10), active: true });
  const topics = await createColumn(db, actor, { parentId: null, unitId: null, name: '专题专栏', kind: 'topic', dutyKind: 'none', dutyValue: 0, description: '', sortOrder: (order += 10), active: true });
  for (const name of TOPICS) await createColumn(db, actor, { parentId: topics.id, unitId: null, name, kind: 'topic', dutyKind: 'days', dutyValue: 14, description: '', sortOrder: (order += 10), active: true });
}
