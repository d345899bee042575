import type { Generated, Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { PlatformTables } from '../../platform/db/tables.js';

/** Row types of the participation tables (mirror src/migrations/0007_participation.ts). */
export interface DecisionCatalogsTable {
  id: Generated<number>;
  year: number;
  unit_id: number;
  title: string;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DecisionEntriesTable {
  id: Generated<number>;
  catalog_id: number;
  seq: number;
  name: string;
  lead_unit_id: number;
  basis: string;
  planned_time: string;
  stage: string;
  result: string;
  draft_id: number | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface DecisionChangesTable {
  id: Generated<number>;
  catalog_id: number;
  entry_id: number | null;
  at: string;
  kind: string;
  reason: string;
  before_json: string;
  after_json: string;
  actor_name: string;
  published: number;
}

export interface CommentDraftsTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  explanation: string;
  body: string;
  major: number;
  start_on: string;
  end_on: string;
  short_reason: string;
  how_to_comment: string;
  status: string;
  opened_at: string | null;
  policy_item_id: number | null;
  feedback_item_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DraftCommentsTable {
  id: Generated<number>;
  draft_id: number;
  paragraph: number | null;
  text: string;
  author_name: string;
  contact: string;
  source: string;
  source_note: string;
  entered_by: number | null;
  status: string;
  flags_json: string;
  moderation_reason: string | null;
  moderated_by_name: string | null;
  moderated_at: string | null;
  adoption: string | null;
  adoption_reason: string | null;
  created_at: string;
}

export interface OpenMeetingsTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  meeting_at: string;
  location: string;
  topics: string;
  announcement: string;
  apply_end_on: string;
  seats: number;
  status: string;
  record: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingApplicationsTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  phone: string;
  identity: string;
  reason: string;
  status: string;
  attended: number;
  opinion: string;
  created_at: string;
}

export interface OpenDaysTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  theme: string;
  event_on: string;
  location: string;
  description: string;
  capacity: number;
  register_end_on: string;
  status: string;
  summary: string;
  summary_published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OpenDayRegistrationsTable {
  id: Generated<number>;
  open_day_id: number;
  name: string;
  phone: string;
  code: string;
  status: string;
  checked_in_at: string | null;
  created_at: string;
}

export interface OpenDayPhotosTable {
  id: Generated<number>;
  open_day_id: number;
  caption: string;
  mime: string;
  content: Buffer;
  created_at: string;
}

export type ParticipationTables = {
  decision_catalogs: DecisionCatalogsTable;
  decision_entries: DecisionEntriesTable;
  decision_changes: DecisionChangesTable;
  comment_drafts: CommentDraftsTable;
  draft_comments: DraftCommentsTable;
  open_meetings: OpenMeetingsTable;
  meeting_applications: MeetingApplicationsTable;
  open_days: OpenDaysTable;
  open_day_registrations: OpenDayRegistrationsTable;
  open_day_photos: OpenDayPhotosTable;
};

export type PartDb = Kysely<PlatformTables & ParticipationTables>;
export type PartTrx = Transaction<PlatformTables & ParticipationTables>;
export const pdb = (db: Db): PartDb => db.kysely.withTables<ParticipationTables>();
