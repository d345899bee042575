import type { Generated } from 'kysely';

/** Row types of the foi tables (mirror src/migrations/0003_foi.ts and 0012_notifications_foi.ts). */
export interface FoiApplicationsTable {
  id: Generated<number>;
  number: string;
  year: number;
  serial: number;
  tracking_hash: string;
  unit_id: number;
  status: string;
  channel: string;
  submitted_at: string;
  received_on: string | null;
  applicant_kind: string;
  legal_subtype: string | null;
  applicant_name: string;
  id_type: string;
  id_number: string;
  contact_phone: string;
  contact_email: string;
  contact_address: string;
  description: string;
  purpose: string;
  form: string;
  delivery: string;
  needs_help: string;
  supplement_notice_on: string | null;
  supplement_supply_by: string | null;
  supplement_items: string | null;
  supplied_on: string | null;
  extension_days: Generated<number>;
  extension_approved_on: string | null;
  extension_approved_by: string | null;
  extension_reason: string | null;
  fee_scheme: string | null;
  fee_quantity: number | null;
  fee_amount: number | null;
  fee_notice_on: string | null;
  fee_pay_by: string | null;
  fee_paid_on: string | null;
  outcome: string | null;
  outcome_note: string | null;
  refer_to: string | null;
  decided_on: string | null;
  reply_text: string | null;
  replied_on: string | null;
  delivery_method: string | null;
  delivered_on: string | null;
  delivery_note: string | null;
  archived_at: string | null;
  created_by: number | null;
  updated_at: string;
  /** 0012: the content item a reply's disclosure was proposed for proactive publication as (条例第四十四条) */
  publication_item_id: Generated<number | null>;
  /** 0012: an online submission turned away before acceptance (never received, art. 31) */
  reject_kind: Generated<string | null>;
  reject_reason: Generated<string | null>;
  rejected_on: Generated<string | null>;
}

export interface FoiEventsTable {
  id: Generated<number>;
  application_id: number;
  at: string;
  kind: string;
  on_date: string | null;
  actor_name: string;
  unit_id: number;
  data_json: string;
}

export interface FoiPausesTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  party: string;
  sent_on: string;
  limit_on: string;
  answered_on: string | null;
  answer_note: string | null;
}

export interface FoiFilesTable {
  id: Generated<number>;
  application_id: number;
  /** 'application' (from the applicant) or 'reply' (sent with the reply) */
  purpose: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_at: string;
}

/** Double-submission guard: the first answer to an idempotency key, kept for a day. */
export interface FoiReceiptsTable {
  key: string;
  application_id: number;
  tracking_code: string;
  created_at: string;
}

export interface FoiCasesTable {
  id: Generated<number>;
  unit_id: number;
  application_id: number | null;
  /** review | litigation_direct | litigation_after_review */
  kind: string;
  case_number: string;
  filed_on: string;
  /** upheld | corrected | other | pending */
  result: string;
  closed_on: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export type FoiTables = {
  foi_applications: FoiApplicationsTable;
  foi_events: FoiEventsTable;
  foi_pauses: FoiPausesTable;
  foi_files: FoiFilesTable;
  foi_receipts: FoiReceiptsTable;
  foi_cases: FoiCasesTable;
};
