import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Db } from '../../platform/db/index.js';
import type { PublishingTables } from '../publishing/tables.js';

export interface EnforcementDecisionsTable {
  item_id: number;
  unit_id: number;
  decision_kind: string;
  party_kind: string;
  party_name: string;
  party_credit_code: string;
  /** never selected by a public query */
  party_id_number: string;
  legal_rep: string;
  doc_number: string;
  decision_date: string;
  severity: string | null;
  fine_wan: string;
  confiscated_wan: string;
  authority: string;
  authority_credit_code: string;
  details_json: string;
  publish_due: string;
  published_on: string | null;
  late: number;
  credit_repaired_on: string | null;
  credit_repair_note: string;
  publicity_ended_on: string | null;
  source: string;
  created_at: string;
}

/** Own table, plus the pipeline's content_items for read-only joins (status). */
export type EnforcementTables = PublishingTables & { enforcement_decisions: EnforcementDecisionsTable };
export type EnfDb = Kysely<PlatformTables & EnforcementTables>;
export type EnfTrx = Transaction<PlatformTables & EnforcementTables>;
export const enfDb = (db: Db): EnfDb => db.kysely.withTables<EnforcementTables>();
export const asEnfTrx = (trx: unknown): EnfTrx => trx as EnfTrx;
