import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Db } from '../../platform/db/index.js';
import type { PublishingTables, PubTrx } from '../publishing/tables.js';

export interface ListVersionsTable {
  item_id: number;
  list_kind: string;
  unit_id: number;
  version_no: number | null;
  based_on_item_id: number | null;
  row_count: number;
  source: string;
  source_name: string;
  change_note: string;
  published_on: string | null;
  created_at: string;
}

export interface ListRowsTable {
  id: import('kysely').Generated<number>;
  item_id: number;
  seq: number;
  row_key: string;
  data_json: string;
}

/** Own tables, plus the pipeline's content_items for read-only joins (status, title). */
export type ListTables = PublishingTables & { list_versions: ListVersionsTable; list_rows: ListRowsTable };
export type ListDb = Kysely<PlatformTables & ListTables>;
export type ListTrx = Transaction<PlatformTables & ListTables>;
export const listDb = (db: Db): ListDb => db.kysely.withTables<ListTables>();
export const asListTrx = (trx: PubTrx | unknown): ListTrx => trx as ListTrx;
