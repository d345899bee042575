import type { Db } from '../../platform/db/index.js';
import type { AnyKysely } from '../../platform/db/index.js';
import { cdb } from './tables.js';

/**
 * No double submission on public forms (idempotency token in a hidden field): the first answer
 * to a key is kept for a day and returned for any repeat. Shared with the participation module.
 */
export async function findReceipt<T>(db: Db, form: string, key: string | undefined): Promise<T | null> {
  if (!key) return null;
  const r = await cdb(db).selectFrom('public_form_receipts').select(['form', 'result_json']).where('key', '=', `${form}:${key}`).executeTakeFirst();
  return r ? (JSON.parse(r.result_json) as T) : null;
}

/** Inside the caller's transaction: a concurrent duplicate fails on the primary key and rolls back. */
export async function saveReceipt(trx: AnyKysely, form: string, key: string | undefined, refId: number, result: unknown): Promise<void> {
  if (!key) return;
  const now = new Date();
  await trx.deleteFrom('public_form_receipts').where('created_at', '<', new Date(now.getTime() - 86400_000).toISOString()).execute();
  await trx.insertInto('public_form_receipts').values({ key: `${form}:${key}`, form, ref_id: refId, result_json: JSON.stringify(result), created_at: now.toISOString() }).execute();
}

/**
 * Runs `create` once per key: a replay (or the loser of a concurrent race) gets the first result
 * with `replayed: true`.
 */
export async function oncePerKey<T extends object>(db: Db, form: string, key: string | undefined, create: () => Promise<T>): Promise<T & { replayed: boolean }> {
  const first = await findReceipt<T>(db, form, key);
  if (first) return { ...first, replayed: true };
  try {
    return { ...(await create()), replayed: false };
  } catch (err) {
    const again = await findReceipt<T>(db, form, key);
    if (again) return { ...again, replayed: true };
    throw err;
  }
}
