import type { CreateTableBuilder } from 'kysely';
import type { DialectName } from '../platform/db/index.js';

/** Auto-increment integer primary key on either database. */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: DialectName): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgresql'
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
