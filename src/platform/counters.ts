import { sql } from 'kysely';
import type { AnyKysely, Db } from './db/index.js';

/**
 * Gap-free serial numbers (索引号 serials, application numbers). Must run inside the
 * transaction that uses the number: if it rolls back, the number is not consumed.
 * PostgreSQL: the upsert takes a row lock held until commit, so concurrent instances queue.
 * SQLite: a write transaction is already exclusive.
 */
export async function nextSerial(trx: AnyKysely, _dialect: Db['dialect'], scope: string, key: string): Promise<number> {
  const row = await sql<{ value: number }>`
    insert into counters (scope, key, value) values (${scope}, ${key}, 1)
    on conflict (scope, key) do update set value = counters.value + 1
    returning value`.execute(trx);
  return Number(row.rows[0]!.value);
}
