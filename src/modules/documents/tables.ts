import type { PublishingTables, PubTrx } from '../publishing/tables.js';
import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';

export interface PolicyDocumentsTable {
  item_id: number;
  /** 发文字号, GB/T 9704 form: 相政办〔2025〕3号 */
  doc_number: string;
  /** 发文机关 (JSON array of unit ids; joint documents have several) */
  issuer_unit_ids: string;
  policy_kind: string;
  written_date: string | null;
  effective_date: string | null;
  valid_until: string | null;
  /** 有效 · 已修改 · 废止 · 失效 */
  validity: string;
  requires_interpretation: number;
  interpretation_waiver: string | null;
  /** 统一登记编号 of a normative document */
  registration_no: string;
  comment_url: string;
  comment_start: string | null;
  comment_end: string | null;
  legality_reviewed_on: string | null;
  replaces_item_id: number | null;
}

export interface InterpretationsTable {
  item_id: number;
  form: string;
}

export interface InterpretationPoliciesTable {
  interpretation_id: number;
  policy_id: number;
}

export interface PolicyEventsTable {
  id: import('kysely').Generated<number>;
  policy_id: number;
  kind: string;
  on_date: string;
  note: string;
  related_item_id: number | null;
  created_at: string;
}

export type DocumentTables = PublishingTables & {
  policy_documents: PolicyDocumentsTable;
  interpretations: InterpretationsTable;
  interpretation_policies: InterpretationPoliciesTable;
  policy_events: PolicyEventsTable;
};

export type DocDb = Kysely<PlatformTables & DocumentTables>;
export type DocTrx = Transaction<PlatformTables & DocumentTables>;
export const asDocTrx = (trx: PubTrx): DocTrx => trx as unknown as DocTrx;
