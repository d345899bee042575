import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/**
 * 行政事业性收费 amounts collected per unit and year (年度报告第二部分「本年收费金额」).
 * Money in 分 (integer) so sums are exact and identical on both databases.
 */
export const m0013: GongkaiMigration = {
  name: '0013_fee_collections',
  async up(db: Kysely<unknown>, dialect) {
    await withId(db.schema.createTable('fee_collections'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('fee_collections_unit_year', ['unit_id', 'year'])
      .execute();
  },
};
