import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize, unitScope } from '../../platform/auth/roles.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { patrolDb } from './run.js';
import { FINDING_KINDS } from './findings.js';

export const RunSchema = z.object({
  id: z.number().int(), trigger: z.string(), status: z.string(), progress: z.number().int(), stage: z.string(),
  startedAt: z.string(), finishedAt: z.string().nullable(), error: z.string().nullable(), summary: z.record(z.string(), z.unknown()),
});
export const FindingSchema = z.object({
  id: z.number().int(), runId: z.number().int(), kind: z.string(), kindLabel: z.string(), severity: z.string(), fingerprint: z.string(),
  unitId: z.number().int().nullable(), itemId: z.number().int().nullable(), columnId: z.number().int().nullable(),
  title: z.string(), detail: z.string(), place: z.string(), preview: z.string(),
  followup: z.object({ status: z.string(), assigneeId: z.number().int().nullable(), note: z.string(), updatedAt: z.string() }).nullable(),
});

type RunRow = { id: number; trigger: string; status: string; progress: number; stage: string; started_at: string; finished_at: string | null; error: string | null; summary_json: string };
const toRun = (r: RunRow) => ({
  id: r.id, trigger: r.trigger, status: r.status, progress: r.progress, stage: r.stage, startedAt: r.started_at, finishedAt: r.finished_at, error: r.error,
  summary: JSON.parse(r.summary_json) as Record<string, unknown>,
});

export async function listRuns(db: Db, actor: Actor, limit = 30) {
  authorize(actor, 'patrol.view');
  return (await patrolDb(db).selectFrom('patrol_runs').selectAll().orderBy('id', 'desc').limit(limit).execute()).map(toRun);
}

export async function getRun(db: Db, actor: Actor, id: number) {
  authorize(actor, 'patrol.view');
  const r = await patrolDb(db).selectFrom('patrol_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('巡查记录不存在');
  return toRun(r);
}

/** Findings of a run (default: the latest finished one), limited to the units the actor may see. */
export async function listFindings(db: Db, actor: Actor, f: { runId?: number; kind?: string; unitId?: number; status?: string }) {
  authorize(actor, 'patrol.view');
  const p = patrolDb(db);
  const runId = f.runId ?? (await p.selectFrom('patrol_runs').select('id').where('status', '=', 'done').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id;
  if (!runId) return { runId: null, items: [] };
  let q = p.selectFrom('patrol_findings').leftJoin('patrol_followups', 'patrol_followups.fingerprint', 'patrol_findings.fingerprint')
    .select(['id', 'run_id', 'kind', 'severity', 'patrol_findings.fingerprint', 'unit_id', 'item_id', 'column_id', 'title', 'detail', 'place', 'preview',
      'patrol_followups.status as f_status', 'patrol_followups.assignee_id', 'patrol_followups.note', 'patrol_followups.updated_at'])
    .where('run_id', '=', runId);
  const scope = unitScope(actor, 'patrol.view');
  // District-level findings (unit null) are for district-wide viewers only.
  if (!scope.all) q = q.where('unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  const rows = await q.orderBy('id').execute();
  const items = rows.map((r) => ({
    id: r.id, runId: r.run_id, kind: r.kind, kindLabel: FINDING_KINDS[r.kind as keyof typeof FINDING_KINDS] ?? r.kind, severity: r.severity, fingerprint: r.fingerprint,
    unitId: r.unit_id, itemId: r.item_id, columnId: r.column_id, title: r.title, detail: r.detail, place: r.place, preview: r.preview,
    followup: r.f_status ? { status: r.f_status, assigneeId: r.assignee_id, note: r.note ?? '', updatedAt: r.updated_at! } : null,
  }));
  return { runId, items: f.status ? items.filter((i) => (i.followup?.status ?? 'open') === f.status) : items };
}

export const FollowupSchema = z.object({
  status: z.enum(['open', 'assigned', 'fixing', 'accepted']),
  assigneeId: z.number().int().positive().nullable().default(null),
  note: z.string().trim().max(1000).default(''),
});

/** Assign a finding, mark it being fixed, or accept it with a reason; the next run re-checks it. */
export async function setFollowup(db: Db, actor: Actor, fingerprint: string, input: z.infer<typeof FollowupSchema>) {
  const p = patrolDb(db);
  const f = await p.selectFrom('patrol_findings').select(['unit_id', 'title']).where('fingerprint', '=', fingerprint).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!f) throw notFound('巡查问题不存在');
  const scope = unitScope(actor, 'patrol.followup');
  if (!(scope.all || (f.unit_id !== null && scope.unitIds.includes(f.unit_id)))) throw forbidden();
  if (input.status === 'accepted' && input.note.length < 4) throw badRequest('reason_required', '确认无需整改时请说明理由');
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as typeof p;
    await trx.insertInto('patrol_followups').values({ fingerprint, status: input.status, assignee_id: input.assigneeId, note: input.note, updated_by: actor.userId, updated_at: now, resolved_run_id: null })
      .onConflict((oc) => oc.column('fingerprint').doUpdateSet({ status: input.status, assignee_id: input.assigneeId, note: input.note, updated_by: actor.userId, updated_at: now }))
      .execute();
    await audit({ action: 'patrol.followup', entityType: 'patrol_finding', entityId: fingerprint, unitId: f.unit_id, summary: `巡查问题「${f.title}」：${input.status}${input.note ? `（${input.note}）` : ''}` });
  });
}

/** Per unit and kind, for the dashboard charts. */
export async function findingStats(db: Db, actor: Actor, runId?: number) {
  const { items, runId: rid } = await listFindings(db, actor, { runId });
  const units = new Map<string, Record<string, number>>();
  for (const i of items) {
    const key = String(i.unitId ?? 'district');
    const row = units.get(key) ?? {};
    row[i.kind] = (row[i.kind] ?? 0) + 1;
    units.set(key, row);
  }
  return { runId: rid, byUnit: [...units.entries()].map(([unit, counts]) => ({ unitId: unit === 'district' ? null : Number(unit), counts })) };
}
