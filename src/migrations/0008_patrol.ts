import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/** Information security patrol (信息安全巡查): runs, their findings, and the follow-up of each finding. */
export const m0008: GongkaiMigration = {
  name: '0008_patrol',
  async up(db: Kysely<unknown>, dialect) {
    await withId(db.schema.createTable('patrol_runs'), dialect)
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stage', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('started_by', 'integer')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('error', 'text')
      .execute();
    await withId(db.schema.createTable('patrol_findings'), dialect)
      .addColumn('run_id', 'integer', (c) => c.notNull().references('patrol_runs.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      .addColumn('item_id', 'integer')
      .addColumn('column_id', 'integer')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('preview', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('patrol_findings_run').on('patrol_findings').columns(['run_id', 'kind']).execute();
    await db.schema.createIndex('patrol_findings_fp').on('patrol_findings').column('fingerprint').execute();
    // Follow-up per finding, across runs (a finding keeps its fingerprint while it persists).
    await db.schema
      .createTable('patrol_followups')
      .addColumn('fingerprint', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'integer')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_by', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('resolved_run_id', 'integer')
      .execute();
  },
};
