import type { Generated, Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Db } from '../../platform/db/index.js';
import type { PublishingTables } from '../publishing/tables.js';

export interface ServiceItemsTable {
  item_id: number;
  code: string;
  name: string;
  item_type: string;
  basis: string;
  conditions: string;
  /** JSON: [{ name, required, copies, note, sampleAttachmentId }] */
  materials_json: string;
  /** JSON: ["受理", "审查", …] */
  steps_json: string;
  time_limit: string;
  fees: string;
  place: string;
  hours: string;
  phone: string;
  online_url: string;
}

export interface ServiceBundlesTable {
  item_id: number;
  life_event: string;
  description: string;
}

export interface ServiceBundleItemsTable {
  bundle_id: number;
  service_item_id: number;
  seq: number;
}

export interface ServiceCasesTable {
  id: Generated<number>;
  case_no: string;
  unit_id: number;
  service_name: string;
  received_on: string;
  current_step: string;
  status: string;
  updated_at: string;
}

export interface ServiceCaseEventsTable {
  id: Generated<number>;
  case_id: number;
  step: string;
  status: string;
  note: string;
  at: string;
  source: string;
  actor_name: string;
}

export type ServiceTables = PublishingTables & {
  service_items: ServiceItemsTable;
  service_bundles: ServiceBundlesTable;
  service_bundle_items: ServiceBundleItemsTable;
  service_cases: ServiceCasesTable;
  service_case_events: ServiceCaseEventsTable;
};
export type SvcDb = Kysely<PlatformTables & ServiceTables>;
export type SvcTrx = Transaction<PlatformTables & ServiceTables>;
export const svcDb = (db: Db): SvcDb => db.kysely.withTables<ServiceTables>();
export const asSvcTrx = (trx: unknown): SvcTrx => trx as SvcTrx;
