import type { Generated, Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { PlatformTables } from '../../platform/db/tables.js';

/** Row types of the consult tables (mirror src/migrations/0007_participation.ts). */
export interface ConsultSettingsTable {
  /** 0 = district-wide default */
  unit_id: number;
  reply_days: number;
  review_required: number;
  updated_at: string;
}

export interface ConsultQuestionsTable {
  id: Generated<number>;
  number: string;
  tracking_hash: string;
  unit_id: number | null;
  handler_id: number | null;
  status: string;
  channel: string;
  topic: string;
  policy_item_id: number | null;
  policy_title: string;
  question: string;
  asker_name: string;
  contact_phone: string;
  contact_email: string;
  consent_publish: number;
  submitted_at: string;
  received_on: string;
  due_on: string;
  round: number;
  replied_on: string | null;
  first_replied_on: string | null;
  rating: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  reopened: number;
  closed_at: string | null;
  kb_item_id: number | null;
  created_by: number | null;
  updated_at: string;
}

export interface ConsultRepliesTable {
  id: Generated<number>;
  question_id: number;
  round: number;
  unit_id: number;
  text: string;
  status: string;
  written_by: number | null;
  written_by_name: string;
  written_at: string;
  reviewed_by: number | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  released_on: string | null;
  due_on: string;
}

export interface ConsultEventsTable {
  id: Generated<number>;
  question_id: number;
  at: string;
  kind: string;
  actor_name: string;
  unit_id: number | null;
  internal: number;
  note: string;
  data_json: string;
}

export interface ConsultRemindersTable {
  question_id: number;
  kind: string;
  round: number;
  unit_id: number | null;
  handler_id: number | null;
  due_on: string;
  created_at: string;
}

export interface PublicFormReceiptsTable {
  key: string;
  form: string;
  ref_id: number;
  result_json: string;
  created_at: string;
}

export interface ConsultKbTable {
  id: Generated<number>;
  source: string;
  external_id: string;
  question_id: number | null;
  item_id: number | null;
  unit_id: number | null;
  subject: string;
  question: string;
  answer: string;
  asked_on: string;
  answered_on: string;
  status: string;
  term_count: number;
  created_at: string;
}

export interface ConsultKbTermsTable {
  kb_id: number;
  term: string;
  tf: number;
}

export type ConsultTables = {
  consult_settings: ConsultSettingsTable;
  consult_questions: ConsultQuestionsTable;
  consult_replies: ConsultRepliesTable;
  consult_events: ConsultEventsTable;
  consult_reminders: ConsultRemindersTable;
  public_form_receipts: PublicFormReceiptsTable;
  consult_kb: ConsultKbTable;
  consult_kb_terms: ConsultKbTermsTable;
};

export type ConsultDb = Kysely<PlatformTables & ConsultTables>;
export type ConsultTrx = Transaction<PlatformTables & ConsultTables>;
export const cdb = (db: Db): ConsultDb => db.kysely.withTables<ConsultTables>();
