import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/** Training and exchange (培训交流, 工作要点任务22): sessions, their materials and attendance; typical cases. */
export const m0009: GongkaiMigration = {
  name: '0009_training',
  async up(db: Kysely<unknown>, dialect) {
    await withId(db.schema.createTable('training_sessions'), dialect)
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull()) // onsite | online
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organiser_unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_sessions_held_on').on('training_sessions').column('held_on').execute();
    await withId(db.schema.createTable('training_materials'), dialect)
      .addColumn('session_id', 'integer', (c) => c.notNull().references('training_sessions.id').onDelete('cascade'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_path', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable('training_attendance'), dialect)
      .addColumn('session_id', 'integer', (c) => c.notNull().references('training_sessions.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('signed_in_at', 'text')
      .addUniqueConstraint('training_attendance_once', ['session_id', 'user_id'])
      .execute();
    // 典型案例: the content item (title, summary, body, unit) lives in the publishing pipeline.
    await db.schema
      .createTable('training_cases')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('content_items.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .execute();
  },
};
