import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize, unitScope } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { listUnits, type Unit } from '../../platform/units/units.js';
import { parseWorkPlan } from './parse.js';
import { resolveUnitPhrase, type AssignmentRole } from './resolve.js';
import { chinaToday, dueDateOf, isOverdue, taskState, type AssignmentState } from './rules.js';
import { wp, type WorkplanTables } from './tables.js';
import type { TableRows } from './table.js';

/** Parsed and resolved, not yet saved: what the import page shows before「保存」. */
export const PreviewUnitSchema = z.object({ unitId: z.number().int(), name: z.string(), role: z.enum(['lead', 'named', 'expanded']) });
export const PreviewTaskSchema = z.object({
  number: z.number().int(),
  requirement: z.string(),
  unitPhrase: z.string(),
  deadline: z.string(),
  dueDate: z.string().nullable(),
  units: z.array(PreviewUnitSchema),
  unresolved: z.array(z.string()),
});
export const PreviewSchema = z.object({
  year: z.number().int(),
  groups: z.array(z.object({ numeral: z.string(), title: z.string(), tasks: z.array(PreviewTaskSchema) })),
  problems: z.array(z.string()),
  unresolved: z.array(z.string()),
  summary: z.object({ groups: z.number().int(), tasks: z.number().int() }),
});
export type PlanPreview = z.infer<typeof PreviewSchema>;

export function buildPreview(rows: TableRows, units: Unit[], year: number): PlanPreview {
  const parsed = parseWorkPlan(rows);
  const names = new Map(units.map((u) => [u.id, u.shortName]));
  const unresolved = new Set<string>();
  const groups = parsed.groups.map((g) => ({
    numeral: g.numeral,
    title: g.title,
    tasks: g.tasks.map((t) => {
      const r = resolveUnitPhrase(t.unitPhrase, units);
      r.unresolved.forEach((u) => unresolved.add(u));
      if (!t.unitPhrase) unresolved.add(`（任务 ${t.number} 未填写责任单位）`);
      return {
        ...t,
        dueDate: dueDateOf(t.deadline, year),
        units: r.units.map((u) => ({ unitId: u.unitId, name: names.get(u.unitId) ?? String(u.unitId), role: u.role })),
        unresolved: r.unresolved,
      };
    }),
  }));
  return {
    year,
    groups,
    problems: parsed.problems,
    unresolved: [...unresolved],
    summary: { groups: groups.length, tasks: groups.reduce((n, g) => n + g.tasks.length, 0) },
  };
}

export async function previewImport(db: Db, actor: Actor, rows: TableRows, year: number): Promise<PlanPreview> {
  authorize(actor, 'workplan.manage');
  return buildPreview(rows, await listUnits(db), year);
}

/**
 * Save a plan (one per year). Tasks keep their unresolved phrases so a person can fix them
 * (`setTaskUnits`). All rows in one transaction with the audit entry.
 */
export async function importPlan(
  db: Db,
  actor: Actor,
  input: { rows: TableRows; year: number; title?: string; sourceName?: string },
): Promise<{ planId: number; preview: PlanPreview }> {
  authorize(actor, 'workplan.manage');
  const preview = buildPreview(input.rows, await listUnits(db), input.year);
  if (preview.summary.tasks === 0) throw badRequest('empty_plan', '未能从文件中识别出任何工作任务，请检查表格格式');
  const k = wp(db);
  if (await k.selectFrom('workplan_plans').select('id').where('year', '=', input.year).executeTakeFirst()) {
    throw conflict('plan_exists', `${input.year} 年工作要点已导入`);
  }
  const now = new Date().toISOString();
  const planId = await savePlan(db, actor, input, preview, now).catch((err: unknown) => {
    // Two imports of the same year at once: the unique index on year refuses the second.
    if (/unique|duplicate/i.test(String((err as Error).message))) throw conflict('plan_exists', `${input.year} 年工作要点已导入`);
    throw err;
  });
  return { planId, preview };
}

async function savePlan(db: Db, actor: Actor, input: { year: number; title?: string; sourceName?: string }, preview: PlanPreview, now: string): Promise<number> {
  return withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<WorkplanTables>();
    const plan = await trx
      .insertInto('workplan_plans')
      .values({ year: input.year, title: input.title ?? `${input.year}年政务公开工作要点`, source_name: input.sourceName ?? '', created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [gi, g] of preview.groups.entries()) {
      const group = await trx.insertInto('workplan_groups').values({ plan_id: plan.id, seq: gi + 1, numeral: g.numeral, title: g.title }).returning('id').executeTakeFirstOrThrow();
      for (const t of g.tasks) {
        const task = await trx
          .insertInto('workplan_tasks')
          .values({
            plan_id: plan.id, group_id: group.id, number: t.number, requirement: t.requirement, unit_phrase: t.unitPhrase,
            deadline: t.deadline, due_date: t.dueDate, unresolved_json: JSON.stringify(t.unresolved),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (t.units.length) {
          await trx
            .insertInto('workplan_assignments')
            .values(t.units.map((u, i) => ({ task_id: task.id, unit_id: u.unitId, role: u.role, seq: i + 1, state: 'pending', updated_at: now })))
            .execute();
        }
      }
    }
    await audit({
      action: 'workplan.import', entityType: 'workplan_plan', entityId: plan.id,
      summary: `导入 ${input.year} 年工作要点：${preview.summary.groups} 个分组、${preview.summary.tasks} 项任务`,
      after: { ...preview.summary, unresolved: preview.unresolved },
    });
    return plan.id;
  });
}

/** Replace a task's units (to fix what the import could not resolve). The first unit leads. */
export async function setTaskUnits(db: Db, actor: Actor, taskId: number, unitIds: number[]): Promise<void> {
  authorize(actor, 'workplan.manage');
  const k = wp(db);
  const task = await k.selectFrom('workplan_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound('任务不存在');
  const known = new Set((await listUnits(db)).map((u) => u.id));
  const bad = unitIds.filter((id) => !known.has(id));
  if (bad.length) throw badRequest('unknown_unit', `单位不存在：${bad.join('、')}`);
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<WorkplanTables>();
    const existing = await trx.selectFrom('workplan_assignments').select(['id', 'unit_id']).where('task_id', '=', taskId).execute();
    const keep = new Set(unitIds);
    const drop = existing.filter((a) => !keep.has(a.unit_id)).map((a) => a.id);
    if (drop.length) await trx.deleteFrom('workplan_assignments').where('id', 'in', drop).execute();
    const have = new Set(existing.map((a) => a.unit_id));
    for (const [i, unitId] of unitIds.entries()) {
      const role: AssignmentRole = i === 0 ? 'lead' : 'named';
      if (have.has(unitId)) await trx.updateTable('workplan_assignments').set({ role, seq: i + 1 }).where('task_id', '=', taskId).where('unit_id', '=', unitId).execute();
      else await trx.insertInto('workplan_assignments').values({ task_id: taskId, unit_id: unitId, role, seq: i + 1, state: 'pending', updated_at: now }).execute();
    }
    await trx.updateTable('workplan_tasks').set({ unresolved_json: '[]' }).where('id', '=', taskId).execute();
    await audit({ action: 'workplan.task.units', entityType: 'workplan_task', entityId: taskId, summary: `调整任务 ${task.number} 的责任单位`, before: existing.map((a) => a.unit_id), after: unitIds });
  });
}

export const AssignmentViewSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  role: z.enum(['lead', 'named', 'expanded']),
  state: z.enum(['pending', 'reported', 'accepted', 'returned']),
  overdue: z.boolean(),
});
export const TaskViewSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  requirement: z.string(),
  unitPhrase: z.string(),
  deadline: z.string(),
  dueDate: z.string().nullable(),
  unresolved: z.array(z.string()),
  state: z.enum(['done', 'in_review', 'in_progress', 'not_started']),
  overdue: z.boolean(),
  assignments: z.array(AssignmentViewSchema),
});
export const PlanViewSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  today: z.string(),
  /** false: the caller sees only their own units' assignments */
  districtWide: z.boolean(),
  groups: z.array(z.object({ id: z.number().int(), numeral: z.string(), title: z.string(), tasks: z.array(TaskViewSchema) })),
  units: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), total: z.number().int(), accepted: z.number().int(), reported: z.number().int(), returned: z.number().int(), pending: z.number().int(), overdue: z.number().int() })),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export async function listPlans(db: Db): Promise<Array<{ id: number; year: number; title: string; createdAt: string }>> {
  const rows = await wp(db).selectFrom('workplan_plans').select(['id', 'year', 'title', 'created_at']).orderBy('year', 'desc').execute();
  return rows.map((r) => ({ id: r.id, year: r.year, title: r.title, createdAt: r.created_at }));
}

/** The plan with each task's and each unit's state and what is overdue; unit staff see their units only. */
export async function getPlanView(db: Db, actor: Actor, planId: number, today = chinaToday()): Promise<PlanView> {
  const k = wp(db);
  const plan = await k.selectFrom('workplan_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound('工作要点不存在');
  const wide = unitScope(actor, 'workplan.manage').all || unitScope(actor, 'district.supervise').all;
  const own = unitScope(actor, 'workplan.report');
  const visible = (unitId: number) => wide || (own.all ? true : own.unitIds.includes(unitId));
  const groups = await k.selectFrom('workplan_groups').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
  const tasks = await k.selectFrom('workplan_tasks').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const assignments = await k
    .selectFrom('workplan_assignments as a')
    .innerJoin('workplan_tasks as t', 't.id', 'a.task_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.task_id', 'a.unit_id', 'a.role', 'a.state', 'a.seq', 'u.short_name', 'u.sort_order'])
    .where('t.plan_id', '=', planId)
    .orderBy('a.task_id')
    .orderBy('a.seq')
    .execute();
  const byTask = new Map<number, typeof assignments>();
  for (const a of assignments) byTask.set(a.task_id, [...(byTask.get(a.task_id) ?? []), a]);
  const perUnit = new Map<number, PlanView['units'][number] & { sort: number }>();

  const taskViews = tasks.map((t) => {
    const all = byTask.get(t.id) ?? [];
    const states = all.map((a) => a.state as AssignmentState);
    const views = all.filter((a) => visible(a.unit_id)).map((a) => {
      const state = a.state as AssignmentState;
      const overdue = isOverdue(t.due_date, state, today);
      const u = perUnit.get(a.unit_id) ?? { unitId: a.unit_id, unitName: a.short_name, total: 0, accepted: 0, reported: 0, returned: 0, pending: 0, overdue: 0, sort: a.sort_order };
      u.total++;
      u[state]++;
      if (overdue) u.overdue++;
      perUnit.set(a.unit_id, u);
      return { id: a.id, unitId: a.unit_id, unitName: a.short_name, role: a.role as AssignmentRole, state, overdue };
    });
    return {
      groupId: t.group_id,
      view: {
        id: t.id, number: t.number, requirement: t.requirement, unitPhrase: t.unit_phrase, deadline: t.deadline, dueDate: t.due_date,
        unresolved: JSON.parse(t.unresolved_json) as string[], state: taskState(states),
        overdue: states.some((s) => isOverdue(t.due_date, s, today)), assignments: views,
      },
    };
  });
  return {
    id: plan.id, year: plan.year, title: plan.title, today, districtWide: wide,
    groups: groups.map((g) => ({ id: g.id, numeral: g.numeral, title: g.title, tasks: taskViews.filter((t) => t.groupId === g.id).map((t) => t.view) })),
    units: [...perUnit.values()].sort((a, b) => a.sort - b.sort || a.unitId - b.unitId).map(({ sort: _sort, ...u }) => u),
  };
}
