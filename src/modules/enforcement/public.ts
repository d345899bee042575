import type { Db } from '../../platform/db/index.js';
import { conflict, badRequest } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { registerProactiveDisclosureSource } from '../reports/index.js';
import { DECISION_CONTENT_KIND, fieldsOf, joined, publicFields, type DecisionFields } from './decisions.js';
import { DECISION_KINDS, isLate, isOnPublicView, publicityEnd, type DecisionKind, type Severity } from './rules.js';
import { asEnfTrx, enfDb } from './tables.js';

/** A decision as the public sees it: masked name, no identity number, only while on public view. */
export interface PublicDecision {
  itemId: number;
  unitId: number;
  decisionKind: DecisionKind;
  kindLabel: string;
  fields: DecisionFields;
  decisionDate: string;
  publishedOn: string | null;
  /** 公示截止期 (last day shown), penalties only */
  publicUntil: string | null;
}

function toPublic(r: Parameters<typeof fieldsOf>[0] & { status: string }, today: string): PublicDecision {
  const kind = r.decision_kind as DecisionKind;
  const end = publicityEnd(kind, r.decision_date, r.severity as Severity | null, today);
  const until = end ? new Date(Date.parse(`${end}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10) : null;
  return { itemId: r.item_id, unitId: r.unit_id, decisionKind: kind, kindLabel: DECISION_KINDS[kind], fields: publicFields(kind, fieldsOf(r)), decisionDate: r.decision_date, publishedOn: r.published_on, publicUntil: until };
}

const onView = (r: { status: string; decision_kind: string; decision_date: string; severity: string | null; credit_repaired_on: string | null }, today: string) =>
  isOnPublicView({ status: r.status, decisionKind: r.decision_kind as DecisionKind, decisionDate: r.decision_date, severity: r.severity as Severity | null, creditRepairedOn: r.credit_repaired_on }, today);

export async function publicDecisions(db: Db, f: { today: string; decisionKind?: string; unitId?: number; year?: number; q?: string; page: number; pageSize: number }): Promise<{ items: PublicDecision[]; total: number }> {
  let q = joined(db).where('status', '=', 'published').where('credit_repaired_on', 'is', null);
  if (f.decisionKind) q = q.where('decision_kind', '=', f.decisionKind);
  if (f.unitId) q = q.where('enforcement_decisions.unit_id', '=', f.unitId);
  if (f.year) q = q.where('decision_date', '>=', `${f.year}-01-01`).where('decision_date', '<=', `${f.year}-12-31`);
  const rows = (await q.orderBy('decision_date', 'desc').orderBy('item_id', 'desc').execute()).filter((r) => onView(r, f.today));
  let items = rows.map((r) => toPublic(r, f.today));
  // Search the published (masked) text only: a full name of a natural person finds nothing.
  if (f.q) items = items.filter((d) => d.fields.partyName!.includes(f.q!) || d.fields.docNumber!.includes(f.q!) || (d.fields.authority ?? '').includes(f.q!));
  return { total: items.length, items: items.slice((f.page - 1) * f.pageSize, f.page * f.pageSize) };
}

export async function publicDecision(db: Db, itemId: number, today: string): Promise<PublicDecision | null> {
  const r = await joined(db).where('item_id', '=', itemId).executeTakeFirst();
  return r && onView(r, today) ? toPublic(r, today) : null;
}

/**
 * Section 二 of the annual report: decisions made in the year (本年处理决定数量) that were
 * published, per kind; for one unit or the whole district.
 */
export async function enforcementYearCounts(db: Db, year: number, unitId?: number | null): Promise<{ licensing: number; penalty: number; coercion: number }> {
  let q = enfDb(db).selectFrom('enforcement_decisions').select(['decision_kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('decision_date', '>=', `${year}-01-01`).where('decision_date', '<=', `${year}-12-31`).where('published_on', 'is not', null);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const rows = await q.groupBy('decision_kind').execute();
  const n = (k: string) => Number(rows.find((r) => r.decision_kind === k)?.n ?? 0);
  return { licensing: n('licensing'), penalty: n('penalty'), coercion: n('coercion') };
}

registerProactiveDisclosureSource(async (db, q) => enforcementYearCounts(db, q.year, q.unitId));

registerContentKind({
  name: DECISION_CONTENT_KIND,
  label: '行政执法决定',
  // Routine, high-volume records: 初审 and 终审 by default (configurable per unit in review-chains).
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/enforcement/decisions/${item.id}`,
  async validateForReview(trx0, item) {
    const r = await asEnfTrx(trx0).selectFrom('enforcement_decisions').select('item_id').where('item_id', '=', item.id).executeTakeFirst();
    if (!r) throw badRequest('not_a_decision', '执法决定数据缺失');
  },
  async afterPublish(trx0, item, on) {
    const trx = asEnfTrx(trx0);
    const r = await trx.selectFrom('enforcement_decisions').selectAll().where('item_id', '=', item.id).executeTakeFirstOrThrow();
    const end = publicityEnd(r.decision_kind as DecisionKind, r.decision_date, r.severity as Severity | null, on);
    if (end && on >= end) throw conflict('publicity_over', `该处罚信息的公示期已于 ${end} 届满，不再公示`);
    await trx.updateTable('enforcement_decisions').set({ published_on: on, late: isLate(r.publish_due, on) ? 1 : 0 }).where('item_id', '=', item.id).execute();
  },
  async indexFacets(trx0, item): Promise<Record<string, string>> {
    const r = await asEnfTrx(trx0).selectFrom('enforcement_decisions').select(['decision_kind']).where('item_id', '=', item.id).executeTakeFirst();
    return r ? { decisionKind: DECISION_KINDS[r.decision_kind as DecisionKind] } : {};
  },
});
