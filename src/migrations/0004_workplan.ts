import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/** The yearly work plan (工作要点): plans, groups, tasks, task ↔ unit assignments, progress reports. */
export const m0004: GongkaiMigration = {
  name: '0004_workplan',
  async up(db: Kysely<unknown>, dialect) {
    await withId(db.schema.createTable('workplan_plans'), dialect)
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('workplan_groups'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('workplan_plans.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('numeral', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('workplan_groups_plan').on('workplan_groups').column('plan_id').execute();

    await withId(db.schema.createTable('workplan_tasks'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('workplan_plans.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('workplan_groups.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('unit_phrase', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('unresolved_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.createIndex('workplan_tasks_plan_number').on('workplan_tasks').columns(['plan_id', 'number']).unique().execute();

    await withId(db.schema.createTable('workplan_assignments'), dialect)
      .addColumn('task_id', 'integer', (c) => c.notNull().references('workplan_tasks.id').onDelete('cascade'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('workplan_assignments_task_unit').on('workplan_assignments').columns(['task_id', 'unit_id']).unique().execute();
    await db.schema.createIndex('workplan_assignments_unit').on('workplan_assignments').column('unit_id').execute();

    await withId(db.schema.createTable('workplan_reports'), dialect)
      .addColumn('assignment_id', 'integer', (c) => c.notNull().references('workplan_assignments.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('review_state', 'text', (c) => c.notNull().defaultTo('submitted'))
      .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('reviewed_at', 'text')
      .execute();
    await db.schema.createIndex('workplan_reports_assignment').on('workplan_reports').column('assignment_id').execute();
  },
};
