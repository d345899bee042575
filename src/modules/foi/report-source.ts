import type { Db } from '../../platform/db/index.js';
import { foiDb } from './applications.js';

/**
 * What the annual report (reports module) needs from this module, without reading its tables:
 * every received application up to a day, and review/litigation cases filed in a period.
 */
export interface ApplicationRecord {
  applicantKind: 'natural' | 'legal';
  legalSubtype: string | null;
  receivedOn: string;
  /** 答复 date: the application counts as handled (办理结果) in this year */
  repliedOn: string | null;
  outcome: string | null;
}

export async function applicationRecords(db: Db, opts: { unitId: number | null; receivedUpTo: string; repliedFrom: string }): Promise<ApplicationRecord[]> {
  let q = foiDb(db)
    .selectFrom('foi_applications')
    .select(['applicant_kind', 'legal_subtype', 'received_on', 'replied_on', 'outcome'])
    .where('received_on', 'is not', null)
    .where('received_on', '<=', opts.receivedUpTo)
    .where((eb) => eb.or([eb('replied_on', 'is', null), eb('replied_on', '>=', opts.repliedFrom)]));
  if (opts.unitId !== null) q = q.where('unit_id', '=', opts.unitId);
  return (await q.execute()).map((r) => ({
    applicantKind: r.applicant_kind as 'natural' | 'legal', legalSubtype: r.legal_subtype, receivedOn: r.received_on!, repliedOn: r.replied_on, outcome: r.outcome,
  }));
}

export interface CaseRecord {
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  closedOn: string | null;
}

export async function caseRecords(db: Db, opts: { unitId: number | null; filedFrom: string; filedTo: string }): Promise<CaseRecord[]> {
  let q = foiDb(db).selectFrom('foi_cases').select(['kind', 'filed_on', 'result', 'closed_on']).where('filed_on', '>=', opts.filedFrom).where('filed_on', '<=', opts.filedTo);
  if (opts.unitId !== null) q = q.where('unit_id', '=', opts.unitId);
  return (await q.execute()).map((r) => ({ kind: r.kind as CaseRecord['kind'], filedOn: r.filed_on, result: r.result as CaseRecord['result'], closedOn: r.closed_on }));
}
