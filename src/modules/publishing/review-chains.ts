import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { STAGE_LABELS, chainProblem, effectiveChain, parseChain, type Stage } from './chain.js';
import { contentKind } from './kinds.js';
import type { PubDb, PubTrx } from './tables.js';

/**
 * Review chains per unit and content kind. A setting is (unit or 全区, kind or 所有类型); the most
 * specific one that exists applies: unit+kind, unit, kind, 全区默认, then the kind's built-in chain.
 */
export interface ChainSetting {
  unitId: number | null;
  kind: string | null;
  stages: Stage[];
  updatedAt: string;
}

/** Where an effective chain comes from. */
export type ChainSource = 'unit_kind' | 'unit' | 'kind' | 'district' | 'builtin';

export interface ResolvedChain {
  source: ChainSource;
  /** the setting applied (null for the kind's built-in chain) */
  setting: ChainSetting | null;
  /** the configured stages, before 保密审查 and 终审 are added where required */
  configured: Stage[];
}

const toSetting = (r: { unit_id: number | null; kind: string | null; stages_json: string; updated_at: string }): ChainSetting => ({
  unitId: r.unit_id, kind: r.kind, stages: parseChain(r.stages_json), updatedAt: r.updated_at,
});

const sourceOf = (s: { unitId: number | null; kind: string | null }): ChainSource =>
  s.unitId !== null ? (s.kind !== null ? 'unit_kind' : 'unit') : s.kind !== null ? 'kind' : 'district';

export async function resolveChain(db: PubDb | PubTrx, unitId: number | null, kind: string | null): Promise<ResolvedChain> {
  const rows = await db.selectFrom('review_chains').select(['unit_id', 'kind', 'stages_json', 'updated_at'])
    .where((eb) => (unitId === null ? eb('unit_id', 'is', null) : eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)])))
    .where((eb) => (kind === null ? eb('kind', 'is', null) : eb.or([eb('kind', '=', kind), eb('kind', 'is', null)])))
    .execute();
  // Most specific first: unit+kind, unit, kind, default.
  const rank = (r: { unit_id: number | null; kind: string | null }) => (r.unit_id !== null ? 2 : 0) + (r.kind !== null ? 1 : 0);
  const best = rows.sort((a, b) => rank(b) - rank(a))[0];
  if (best) {
    const setting = toSetting(best);
    return { source: sourceOf(setting), setting, configured: setting.stages };
  }
  const builtin = (kind !== null ? contentKind(kind)?.defaultChain : undefined) ?? ['first', 'second', 'final'];
  return { source: 'builtin', setting: null, configured: [...builtin] };
}

export async function listChainSettings(db: Db): Promise<ChainSetting[]> {
  const rows = await (db.kysely as unknown as PubDb).selectFrom('review_chains').select(['unit_id', 'kind', 'stages_json', 'updated_at']).orderBy('id').execute();
  return rows.map(toSetting);
}

/** The chain an item of this unit and kind would follow now, and where it comes from. */
export async function describeChain(db: Db, unitId: number | null, kind: string | null) {
  await checkTarget(db, unitId, kind);
  const resolved = await resolveChain(db.kysely as unknown as PubDb, unitId, kind);
  const k = kind !== null ? contentKind(kind) : undefined;
  // Without a kind the preview is for content that needs 保密审查 (every kind that requires it does).
  const requiresConfidentiality = k ? k.requiresConfidentiality : true;
  return {
    ...resolved,
    requiresConfidentiality,
    effective: effectiveChain(resolved.configured, requiresConfidentiality),
    own: resolved.setting && resolved.setting.unitId === unitId && resolved.setting.kind === kind ? resolved.setting : null,
  };
}

async function checkTarget(db: Db, unitId: number | null, kind: string | null): Promise<void> {
  if (kind !== null && !contentKind(kind)) throw badRequest('invalid_kind', `内容类型「${kind}」不存在`);
  if (unitId !== null && !(await db.kysely.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst())) {
    throw badRequest('invalid_unit', '单位不存在');
  }
}

/** Configure the review chain for a unit and/or content kind (null = default). 保密审查 is still added where required. */
export async function setReviewChain(db: Db, actor: Actor, input: { unitId: number | null; kind: string | null; stages: Stage[] }): Promise<void> {
  authorize(actor, 'columns.manage');
  await checkTarget(db, input.unitId, input.kind);
  const problem = chainProblem(input.stages);
  if (problem) throw badRequest('invalid_chain', problem);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    await deleteSetting(trx, input.unitId, input.kind);
    await trx.insertInto('review_chains').values({ unit_id: input.unitId, kind: input.kind, stages_json: JSON.stringify(input.stages), updated_at: new Date().toISOString() }).execute();
    await audit({
      action: 'review_chain.set', entityType: 'review_chain', entityId: `${input.unitId ?? '*'}:${input.kind ?? '*'}`, unitId: input.unitId,
      summary: `设置审核环节：${input.stages.map((s) => STAGE_LABELS[s]).join(' → ')}`, after: input,
    });
  });
}

/** Remove a setting: that unit and kind inherit the next less specific one again. */
export async function clearReviewChain(db: Db, actor: Actor, input: { unitId: number | null; kind: string | null }): Promise<void> {
  authorize(actor, 'columns.manage');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const removed = await deleteSetting(trx, input.unitId, input.kind);
    if (!removed) throw notFound('该单位和内容类型没有单独的审核环节设置');
    await audit({
      action: 'review_chain.clear', entityType: 'review_chain', entityId: `${input.unitId ?? '*'}:${input.kind ?? '*'}`, unitId: input.unitId,
      summary: '删除审核环节设置，恢复继承上级设置', before: input,
    });
  });
}

async function deleteSetting(trx: PubTrx, unitId: number | null, kind: string | null): Promise<number> {
  let del = trx.deleteFrom('review_chains');
  del = unitId === null ? del.where('unit_id', 'is', null) : del.where('unit_id', '=', unitId);
  del = kind === null ? del.where('kind', 'is', null) : del.where('kind', '=', kind);
  const r = await del.executeTakeFirst();
  return Number(r.numDeletedRows);
}
