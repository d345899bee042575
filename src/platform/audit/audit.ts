import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/index.js';
import type { AuditLogTable, PlatformTables } from '../db/tables.js';
import type { Actor } from '../actor.js';

/**
 * Append-only, hash-chained audit log (审计日志). Each row's hash covers its content and the
 * previous row's hash, so altering or deleting any row breaks the chain from there on, which
 * `verifyAuditChain` (and `npx gongkai audit verify`) reports.
 */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  unitId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);
// Any fixed 64-bit key: serialises appends to the chain across PostgreSQL connections.
const AUDIT_LOCK_KEY = 7_310_424_001;

type Row = Omit<AuditLogTable, 'id'>;

function rowHash(r: Omit<Row, 'hash'>): string {
  const canonical = JSON.stringify([
    r.seq, r.at, r.actor_id, r.actor_name, r.unit_id, r.action, r.entity_type, r.entity_id, r.summary,
    r.before_json, r.after_json, r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Write one entry inside the caller's transaction, so the change and its record commit together. */
export async function appendAudit(
  trx: Transaction<PlatformTables>,
  dialect: Db['dialect'],
  actor: Actor,
  entry: AuditEntry,
  at = new Date().toISOString(),
): Promise<void> {
  if (dialect === 'postgresql') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor_id: actor.userId,
    actor_name: actor.kind === 'system' ? actor.displayName : `${actor.displayName}（${actor.username}）`,
    unit_id: entry.unitId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    summary: entry.summary,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx.insertInto('audit_log').values({ ...base, hash: rowHash(base) }).execute();
}

/** Run `work` and its audit entries in one transaction — the caller's, when `db` is one (`inTransaction`). */
export async function withAudit<T>(
  db: Db,
  actor: Actor,
  work: (trx: Transaction<PlatformTables>, audit: (e: AuditEntry) => Promise<void>) => Promise<T>,
): Promise<T> {
  if (db.kysely.isTransaction) {
    const trx = db.kysely as Transaction<PlatformTables>;
    return work(trx, (e) => appendAudit(trx, db.dialect, actor, e));
  }
  return db.kysely.transaction().execute((trx) => work(trx, (e) => appendAudit(trx, db.dialect, actor, e)));
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export async function verifyAuditChain(kysely: Kysely<PlatformTables>): Promise<{ ok: boolean; checked: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  for (let after = 0; ; ) {
    const rows = await kysely.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      checked++;
      if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `缺少序号 ${expectedSeq}–${r.seq - 1} 的记录（可能被删除）` });
      if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, problem: '与前一条记录的哈希不衔接' });
      const { id: _id, hash, ...rest } = r;
      if (rowHash(rest) !== hash) problems.push({ seq: r.seq, problem: '记录内容与哈希不符（可能被篡改）' });
      prevHash = hash;
      expectedSeq = r.seq + 1;
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { ok: problems.length === 0, checked, problems };
}
