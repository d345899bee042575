import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/**
 * In-app notifications (platform/notifications) and the foi additions: the proactive
 * publication a reply leads to (条例第四十四条), and online submissions turned away before acceptance.
 */
export const m0012: GongkaiMigration = {
  name: '0012_notifications_foi',
  async up(db: Kysely<unknown>, dialect) {
    // A notification goes to one account, or to everyone holding a permission on a unit
    // (unit_id null: holders of the permission district-wide).
    await withId(db.schema.createTable('notifications'), dialect)
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('permission', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text', (c) => c.notNull())
      // sends at most once per key (e.g. one reminder per application and limit)
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_user').on('notifications').column('user_id').execute();
    await db.schema.createIndex('notifications_perm_unit').on('notifications').columns(['permission', 'unit_id']).execute();
    // Read state per person: a unit-wide notification is read by each officer separately.
    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();

    await db.schema.alterTable('foi_applications').addColumn('publication_item_id', 'integer').execute();
    await db.schema.alterTable('foi_applications').addColumn('reject_kind', 'text').execute();
    await db.schema.alterTable('foi_applications').addColumn('reject_reason', 'text').execute();
    await db.schema.alterTable('foi_applications').addColumn('rejected_on', 'text').execute();
  },
};
