import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { publishedForPatrol } from '../publishing/public.js';
import type { PatrolDb, PatrolTables } from './tables.js';
import { vetoVerdicts, type NewFinding } from './findings.js';
import {
  aggregationFindings, columnFindings, duplicateFindings, linkFindings, personalDataFindings, policyFindings, registeredChecks, type PatrolContext,
} from './checks.js';

export const patrolDb = (db: Db): PatrolDb => db.kysely.withTables<PatrolTables>();

/** Start a run record; `executeRun` does the work (the API starts it in the background). */
export async function createRun(db: Db, trigger: 'schedule' | 'manual', actor: Actor | null, now = new Date()): Promise<number> {
  const r = await patrolDb(db).insertInto('patrol_runs').values({
    trigger, status: 'running', progress: 0, stage: '准备', summary_json: '{}', started_by: actor?.userId ?? null, started_at: now.toISOString(), finished_at: null, error: null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Run every check over everything published, store the findings, and settle follow-ups: a
 * finding that no longer appears is resolved by this run (fix-and-recheck).
 */
export async function executeRun(db: Db, dataDir: string, runId: number, now = new Date()): Promise<{ findings: number }> {
  const p = patrolDb(db);
  const ctx: PatrolContext = {
    db, dataDir, now,
    progress: async (stage, pct) => void (await p.updateTable('patrol_runs').set({ stage, progress: Math.min(99, pct) }).where('id', '=', runId).execute()),
  };
  try {
    await ctx.progress('读取已发布信息', 1);
    const items = await publishedForPatrol(db);
    const findings: NewFinding[] = [];
    findings.push(...(await personalDataFindings(ctx, items)));
    await ctx.progress('关联汇聚检查', 35);
    findings.push(...aggregationFindings(items));
    await ctx.progress('栏目更新检查', 45);
    findings.push(...(await columnFindings(ctx)));
    await ctx.progress('链接与附件检查', 55);
    findings.push(...(await linkFindings(ctx, items)));
    await ctx.progress('重复信息检查', 65);
    findings.push(...duplicateFindings(items));
    await ctx.progress('政策文件检查', 75);
    findings.push(...(await policyFindings(ctx)));
    const extra = registeredChecks();
    for (const [i, c] of extra.entries()) {
      await ctx.progress(`办理时限检查：${c.name}`, 80 + Math.round((i / Math.max(1, extra.length)) * 15));
      findings.push(...(await c.check(ctx)));
    }
    // One row per fingerprint.
    const unique = [...new Map(findings.map((f) => [f.fingerprint, f])).values()];
    const byKind: Record<string, number> = {};
    for (const f of unique) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    const summary = { items: items.length, findings: unique.length, byKind, veto: vetoVerdicts(unique) };
    await db.kysely.transaction().execute(async (trx0) => {
      const trx = trx0 as unknown as PatrolDb;
      for (let i = 0; i < unique.length; i += 200) {
        await trx.insertInto('patrol_findings').values(unique.slice(i, i + 200).map((f) => ({
          run_id: runId, kind: f.kind, severity: f.severity, fingerprint: f.fingerprint, unit_id: f.unitId, item_id: f.itemId ?? null, column_id: f.columnId ?? null,
          title: f.title, detail: f.detail ?? '', place: f.place ?? '', preview: f.preview ?? '',
        }))).execute();
      }
      const current = new Set(unique.map((f) => f.fingerprint));
      const open = await trx.selectFrom('patrol_followups').select('fingerprint').where('status', '!=', 'resolved').execute();
      const gone = open.map((o) => o.fingerprint).filter((f) => !current.has(f));
      if (gone.length) await trx.updateTable('patrol_followups').set({ status: 'resolved', resolved_run_id: runId, updated_at: now.toISOString() }).where('fingerprint', 'in', gone).execute();
      // A problem that comes back is open again.
      const back = unique.map((f) => f.fingerprint);
      if (back.length) await trx.updateTable('patrol_followups').set({ status: 'open', resolved_run_id: null, updated_at: now.toISOString() }).where('status', '=', 'resolved').where('fingerprint', 'in', back).execute();
      await trx.updateTable('patrol_runs').set({ status: 'done', progress: 100, stage: '完成', summary_json: JSON.stringify(summary), finished_at: new Date().toISOString() }).where('id', '=', runId).execute();
    });
    return { findings: unique.length };
  } catch (err) {
    await p.updateTable('patrol_runs').set({ status: 'failed', error: String((err as Error).message ?? err), finished_at: new Date().toISOString() }).where('id', '=', runId).execute();
    throw err;
  }
}

export async function runPatrol(db: Db, dataDir: string, trigger: 'schedule' | 'manual', actor: Actor | null, now = new Date()) {
  const runId = await createRun(db, trigger, actor, now);
  if (actor) await withAudit(db, actor, async (_trx, audit) => audit({ action: 'patrol.run', entityType: 'patrol_run', entityId: runId, summary: '发起信息安全巡查' }));
  const r = await executeRun(db, dataDir, runId, now);
  return { runId, ...r };
}
