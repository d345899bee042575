import { z } from 'zod';
import type { AnyKysely, Db } from '../db/index.js';
import type { Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../db/tables.js';
import type { UnitsTable } from '../db/tables.js';
import type { Actor } from '../actor.js';
import { withAudit } from '../audit/audit.js';
import { authorize } from '../auth/roles.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { isValidCreditCode } from '../checks.js';

/**
 * Units (单位): the district government, its office, departments, towns/sub-districts, the
 * development zone and public enterprises/institutions — a tree by parentId.
 */
export const UNIT_KINDS = {
  government: '区人民政府',
  office: '区政府办公室',
  department: '区直部门',
  town: '镇/街道',
  zone: '开发区',
  enterprise: '公共企事业单位',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

export const UnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(Object.keys(UNIT_KINDS) as [UnitKind, ...UnitKind[]]),
  creditCode: z.string(),
  docCodePrefix: z.string(),
  contactPhone: z.string(),
  contactAddress: z.string(),
  contactEmail: z.string(),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  isDemo: z.boolean(),
});
export type Unit = z.infer<typeof UnitSchema>;

const text = (max: number) => z.string().trim().max(max);
/** Fields without defaults: the PATCH body is their partial, so omitted fields stay as they are. */
const UnitFields = z.object({
  name: text(100).min(2, '单位名称至少 2 个字'),
  shortName: text(40).min(1, '请填写简称'),
  kind: UnitSchema.shape.kind,
  creditCode: z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位'),
  docCodePrefix: text(20),
  contactPhone: text(40),
  contactAddress: text(200),
  contactEmail: z.union([z.literal(''), z.email('电子邮箱格式不正确')]),
  parentId: z.number().int().positive().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(100000),
});
export const UnitInputSchema = UnitFields.extend({
  docCodePrefix: UnitFields.shape.docCodePrefix.default(''),
  contactPhone: UnitFields.shape.contactPhone.default(''),
  contactAddress: UnitFields.shape.contactAddress.default(''),
  contactEmail: UnitFields.shape.contactEmail.default(''),
  parentId: UnitFields.shape.parentId.default(null),
  active: UnitFields.shape.active.default(true),
  sortOrder: UnitFields.shape.sortOrder.default(0),
});
export type UnitInput = z.infer<typeof UnitInputSchema>;
export const UnitPatchSchema = UnitFields.partial().strict();

export function toUnit(r: Selectable<UnitsTable>): Unit {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as UnitKind,
    creditCode: r.credit_code,
    docCodePrefix: r.doc_code_prefix,
    contactPhone: r.contact_phone,
    contactAddress: r.contact_address,
    contactEmail: r.contact_email,
    parentId: r.parent_id,
    active: r.active === 1,
    sortOrder: r.sort_order,
    isDemo: r.is_demo === 1,
  };
}

function toRow(u: Partial<UnitInput>) {
  const row: Partial<Omit<Selectable<UnitsTable>, 'id'>> = {};
  if (u.name !== undefined) row.name = u.name;
  if (u.shortName !== undefined) row.short_name = u.shortName;
  if (u.kind !== undefined) row.kind = u.kind;
  if (u.creditCode !== undefined) row.credit_code = u.creditCode;
  if (u.docCodePrefix !== undefined) row.doc_code_prefix = u.docCodePrefix;
  if (u.contactPhone !== undefined) row.contact_phone = u.contactPhone;
  if (u.contactAddress !== undefined) row.contact_address = u.contactAddress;
  if (u.contactEmail !== undefined) row.contact_email = u.contactEmail;
  if (u.parentId !== undefined) row.parent_id = u.parentId;
  if (u.active !== undefined) row.active = u.active ? 1 : 0;
  if (u.sortOrder !== undefined) row.sort_order = u.sortOrder;
  return row;
}

export async function listUnits(db: Db, opts: { includeInactive?: boolean } = {}): Promise<Unit[]> {
  let q = db.kysely.selectFrom('units').selectAll().orderBy('sort_order').orderBy('id');
  if (!opts.includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map(toUnit);
}

export async function getUnit(db: Db, id: number): Promise<Unit> {
  const r = await db.kysely.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('单位不存在');
  return toUnit(r);
}

async function checkInput(db: Db, input: Partial<UnitInput>, selfId?: number): Promise<void> {
  if (input.creditCode !== undefined && !isValidCreditCode(input.creditCode)) {
    throw badRequest('invalid_credit_code', `统一社会信用代码 ${input.creditCode} 校验位不正确`);
  }
  if (input.parentId != null) {
    // Walk up from the new parent: reaching self would make a cycle.
    let cur: number | null = input.parentId;
    for (let depth = 0; cur !== null; depth++) {
      if (cur === selfId || depth > 50) throw badRequest('invalid_parent', '上级单位不能是本单位或其下级单位');
      const p: { parent_id: number | null } | undefined = await db.kysely.selectFrom('units').select('parent_id').where('id', '=', cur).executeTakeFirst();
      if (!p) throw badRequest('invalid_parent', '上级单位不存在');
      cur = p.parent_id;
    }
  }
}

async function checkUnique(db: Db, input: Partial<UnitInput>, selfId?: number): Promise<void> {
  for (const [col, label, value] of [['name', '单位名称', input.name], ['credit_code', '统一社会信用代码', input.creditCode]] as const) {
    if (value === undefined) continue;
    let q = db.kysely.selectFrom('units').select('id').where(col, '=', value);
    if (selfId !== undefined) q = q.where('id', '!=', selfId);
    if (await q.executeTakeFirst()) throw conflict('duplicate_unit', `${label}「${value}」已被其他单位使用`);
  }
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput, opts: { isDemo?: boolean } = {}): Promise<Unit> {
  authorize(actor, 'units.manage');
  await checkInput(db, input);
  await checkUnique(db, input);
  const now = new Date().toISOString();
  return withAudit(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('units')
      .values({ ...(toRow(input) as Required<ReturnType<typeof toRow>>), is_demo: opts.isDemo ? 1 : 0, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const unit = toUnit(row);
    await audit({ action: 'unit.create', entityType: 'unit', entityId: unit.id, unitId: unit.id, summary: `新建单位「${unit.name}」`, after: unit });
    return unit;
  });
}

export async function updateUnit(db: Db, actor: Actor, id: number, input: Partial<UnitInput>): Promise<Unit> {
  const before = await getUnit(db, id);
  const onlyContact = Object.keys(input).every((k) => k === 'contactPhone' || k === 'contactAddress' || k === 'contactEmail');
  authorize(actor, onlyContact ? 'units.editContact' : 'units.manage', id);
  await checkInput(db, input, id);
  await checkUnique(db, input, id);
  return withAudit(db, actor, async (trx, audit) => {
    const row = await trx
      .updateTable('units')
      .set({ ...toRow(input), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toUnit(row);
    const changed = Object.keys(input).filter((k) => JSON.stringify(before[k as keyof Unit]) !== JSON.stringify(after[k as keyof Unit]));
    await audit({ action: 'unit.update', entityType: 'unit', entityId: id, unitId: id, summary: `修改单位「${after.name}」：${changed.join('、') || '无变化'}`, before, after });
    return after;
  });
}

/** The unit's credit code, read inside the caller's transaction (索引号 prefix). */
export async function unitCreditCode(trx: AnyKysely, unitId: number): Promise<string> {
  const r = await (trx as Kysely<PlatformTables>).selectFrom('units').select('credit_code').where('id', '=', unitId).executeTakeFirst();
  if (!r) throw notFound('单位不存在');
  return r.credit_code;
}
