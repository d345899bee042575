import type { Generated, Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';

export interface ColumnsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** null = district-wide column */
  unit_id: number | null;
  name: string;
  slug: string;
  kind: string;
  /** update duty (更新要求) the patrol judges: none | days | workdays_after_change | months */
  duty_kind: string;
  duty_value: number;
  description: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ContentItemsTable {
  id: Generated<number>;
  kind: string;
  unit_id: number;
  title: string;
  summary: string;
  keywords: string;
  topic: string;
  body_html: string;
  status: string;
  chain_json: string;
  stage_index: number;
  review_round: number;
  needs_confidentiality: number;
  /** items that travel through review and publishing together (a policy and its interpretations) */
  bundle_id: number | null;
  index_no: string | null;
  publish_at: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ItemColumnsTable {
  item_id: number;
  column_id: number;
}

export interface ReviewDecisionsTable {
  id: Generated<number>;
  item_id: number;
  round: number;
  stage: string;
  decision: string;
  comment: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
}

export interface ReviewChainsTable {
  id: Generated<number>;
  unit_id: number | null;
  kind: string | null;
  stages_json: string;
  updated_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  item_id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storage_path: string;
  text: string;
  /** attachment | captions | image | video */
  role: string;
  created_at: string;
}

// A type alias, not an interface: Kysely's withTables<T> needs an index-compatible type.
export type PublishingTables = {
  columns: ColumnsTable;
  content_items: ContentItemsTable;
  item_columns: ItemColumnsTable;
  review_decisions: ReviewDecisionsTable;
  review_chains: ReviewChainsTable;
  attachments: AttachmentsTable;
};

export type PubDb = Kysely<PlatformTables & PublishingTables>;
export type PubTrx = Transaction<PlatformTables & PublishingTables>;
