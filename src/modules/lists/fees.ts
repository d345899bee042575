import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, unitScope, type UnitScope } from '../../platform/auth/roles.js';
import { withAudit } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { getUnit } from '../../platform/units/units.js';
import { registerProactiveDisclosureSource } from '../reports/index.js';

/**
 * 行政事业性收费: the amount a unit collected in a year, which section 二 of the annual report
 * states (第二十条第（八）项「本年收费金额（单位：万元）」). The 收费目录清单 says what may be charged;
 * this says how much was. Kept in 分 so sums are exact on both databases.
 */
export type FeeCollectionsTable = {
  id: import('kysely').Generated<number>;
  unit_id: number;
  year: number;
  amount_fen: number;
  note: string;
  recorded_by: number | null;
  updated_at: string;
};
type FeeTables = { fee_collections: FeeCollectionsTable };
const feeDb = (db: Db): Kysely<PlatformTables & FeeTables> => db.kysely.withTables<FeeTables>();

const FEN_PER_WAN = 1_000_000;

export const FeeCollectionInput = z.object({
  unitId: z.number().int().positive(),
  year: z.number().int().min(2008).max(2100),
  /** 万元, to the 分 */
  amountWanYuan: z.number().min(0).max(100_000_000),
  note: z.string().trim().max(500).default(''),
});

export const FeeCollectionOut = z.object({
  unitId: z.number().int(), unitName: z.string(), year: z.number().int(), amountWanYuan: z.number(), note: z.string(), updatedAt: z.string(),
});
export type FeeCollection = z.infer<typeof FeeCollectionOut>;

/** 万元 to 分, refusing amounts finer than one 分 (a typo more often than a real figure). */
export function wanYuanToFen(amount: number): number {
  const fen = Math.round(amount * FEN_PER_WAN);
  // Tolerance covers binary floating point only (12.34 × 10⁶ is not exactly an integer).
  if (Math.abs(amount * FEN_PER_WAN - fen) > Math.max(1e-4, fen * 1e-13)) throw badRequest('invalid_amount', '收费金额以万元为单位，最多精确到分（小数点后 6 位）');
  return fen;
}

/** Record (or correct) a unit's amount for a year; audited with the previous figure. */
export async function recordFeeCollection(db: Db, actor: Actor, input: z.infer<typeof FeeCollectionInput>, today = chinaToday()): Promise<FeeCollection> {
  authorize(actor, 'fees.record', input.unitId);
  if (input.year > Number(today.slice(0, 4))) throw badRequest('future_year', '不能登记未来年度的收费金额');
  const unit = await getUnit(db, input.unitId);
  const fen = wanYuanToFen(input.amountWanYuan);
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<FeeTables>();
    const before = await trx.selectFrom('fee_collections').select(['amount_fen', 'note']).where('unit_id', '=', input.unitId).where('year', '=', input.year).executeTakeFirst();
    await trx.insertInto('fee_collections')
      .values({ unit_id: input.unitId, year: input.year, amount_fen: fen, note: input.note, recorded_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet({ amount_fen: fen, note: input.note, recorded_by: actor.userId, updated_at: now }))
      .execute();
    await audit({
      action: 'fees.record', entityType: 'fee_collection', entityId: `${input.unitId}/${input.year}`, unitId: input.unitId,
      summary: `登记${unit.name} ${input.year} 年行政事业性收费金额 ${fen / FEN_PER_WAN} 万元`,
      before: before ? { amountWanYuan: Number(before.amount_fen) / FEN_PER_WAN, note: before.note } : undefined,
      after: { amountWanYuan: fen / FEN_PER_WAN, note: input.note },
    });
  });
  return { unitId: unit.id, unitName: unit.name, year: input.year, amountWanYuan: fen / FEN_PER_WAN, note: input.note, updatedAt: now };
}

/** Who may see the figures: those who record them and those who compile the report. */
function readScope(actor: Actor): UnitScope {
  const a = unitScope(actor, 'fees.record');
  const b = unitScope(actor, 'reports.foi');
  if (a.all || b.all) return { all: true };
  return { all: false, unitIds: [...new Set([...a.unitIds, ...b.unitIds])] };
}

export async function feeCollections(db: Db, actor: Actor, f: { year?: number }): Promise<FeeCollection[]> {
  const scope = readScope(actor);
  let q = feeDb(db).selectFrom('fee_collections').innerJoin('units', 'units.id', 'fee_collections.unit_id')
    .select(['unit_id', 'units.name as unit_name', 'year', 'amount_fen', 'note', 'fee_collections.updated_at']);
  if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  if (f.year) q = q.where('year', '=', f.year);
  const rows = await q.orderBy('year', 'desc').orderBy('unit_id').execute();
  return rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, year: r.year, amountWanYuan: Number(r.amount_fen) / FEN_PER_WAN, note: r.note, updatedAt: r.updated_at }));
}

/** Section 二: the unit's amount, or the district's sum, in 万元. */
export async function feeYearTotal(db: Db, year: number, unitId: number | null): Promise<number> {
  let q = feeDb(db).selectFrom('fee_collections').select((eb) => eb.fn.sum<number>('amount_fen').as('fen')).where('year', '=', year);
  if (unitId !== null) q = q.where('unit_id', '=', unitId);
  const r = await q.executeTakeFirst();
  return Number(r?.fen ?? 0) / FEN_PER_WAN;
}

registerProactiveDisclosureSource(async (db, q) => ({ feesWanYuan: await feeYearTotal(db, q.year, q.unitId) }));
