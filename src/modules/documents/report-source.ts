import type { Db } from '../../platform/db/index.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { registerProactiveDisclosureSource } from '../reports/index.js';
import { doc } from './policies.js';
import { inForceOn } from './rules.js';

export interface PolicyYearCount {
  /** 本年制发件数: 成文日期 (else the China date of publication) in the year */
  issued: number;
  /** 本年废止件数: repealed (废止) in the year */
  repealed: number;
  /** 现行有效件数: in force on 31 December */
  current: number;
}

/**
 * Section 二 of the annual report, 第二十条第（一）项: 规章 and 行政规范性文件, from the policy
 * library's published documents — of one issuing unit (joint documents count for each issuer, as
 * the library's unit filter does) or of the whole district (each document once).
 */
export async function policyYearCounts(db: Db, year: number, unitId: number | null): Promise<{ rules: PolicyYearCount; normativeDocuments: PolicyYearCount }> {
  const d = doc(db);
  const rows = await d.selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
    .select(['content_items.id', 'published_at', 'issuer_unit_ids', 'policy_kind', 'written_date', 'effective_date', 'valid_until'])
    .where('status', '=', 'published').where('policy_kind', 'in', ['规章', '行政规范性文件']).execute();
  const mine = rows.filter((r) => unitId === null || (JSON.parse(r.issuer_unit_ids) as number[]).includes(unitId));
  const ids = mine.map((r) => r.id);
  const events = ids.length
    ? await d.selectFrom('policy_events').select(['policy_id', 'kind', 'on_date']).where('policy_id', 'in', ids).where('kind', 'in', ['repealed', 'revised', 'expired']).execute()
    : [];
  const endedOn = new Map<number, string>();
  for (const e of events) if (!endedOn.has(e.policy_id) || e.on_date < endedOn.get(e.policy_id)!) endedOn.set(e.policy_id, e.on_date);
  const repealedIn = new Set(events.filter((e) => e.kind === 'repealed' && e.on_date.startsWith(`${year}-`)).map((e) => e.policy_id));
  const yearEnd = `${year}-12-31`;
  const count = (kind: string): PolicyYearCount => {
    const of = mine.filter((r) => r.policy_kind === kind);
    const publishedOn = (r: (typeof of)[number]) => (r.published_at ? chinaToday(new Date(r.published_at)) : null);
    return {
      issued: of.filter((r) => (r.written_date ?? publishedOn(r) ?? '').startsWith(`${year}-`)).length,
      repealed: of.filter((r) => repealedIn.has(r.id)).length,
      current: of.filter((r) => inForceOn({ effectiveDate: r.effective_date, publishedOn: publishedOn(r), validUntil: r.valid_until, endedOn: endedOn.get(r.id) ?? null }, yearEnd)).length,
    };
  };
  return { rules: count('规章'), normativeDocuments: count('行政规范性文件') };
}

registerProactiveDisclosureSource(async (db, q) => policyYearCounts(db, q.year, q.unitId));
