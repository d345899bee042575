import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize, unitScope } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { canReport, stateAfterReview, type AssignmentState, type ReviewDecision } from './rules.js';
import { wp, type WorkplanTables } from './tables.js';
import { checkEvidence } from './evidence.js';

/**
 * Progress reports (进展报送): a unit reports on its task with text and evidence; the district
 * office reviews (通过 / 退回). Evidence points at published items, columns or lists by id, or
 * at a URL; evidence naming a published item (id or portal path) is checked against the portal
 * and stored with the item's title and URL (evidence.ts).
 */
export const EvidenceSchema = z.object({
  kind: z.enum(['url', 'item', 'column', 'list']),
  ref: z.string().trim().min(1, '请填写链接或编号').max(500),
  title: z.string().trim().max(200).default(''),
}).refine((e) => e.kind !== 'url' || /^https?:\/\/\S+$/.test(e.ref) || /^\/[a-z]/.test(e.ref), { message: '链接须以 http:// 或 https:// 开头，或为本网站信息地址（如 /policies/12）', path: ['ref'] });
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ReportInputSchema = z.object({
  text: z.string().trim().min(5, '进展情况至少 5 个字').max(5000),
  evidence: z.array(EvidenceSchema).max(50).default([]),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const ReportSchema = z.object({
  id: z.number().int(),
  assignmentId: z.number().int(),
  taskId: z.number().int(),
  taskNumber: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  text: z.string(),
  evidence: z.array(z.object({ kind: z.string(), ref: z.string(), title: z.string(), url: z.string().optional().describe('portal URL of a published item') })),
  submittedAt: z.string(),
  reviewState: z.enum(['submitted', 'accepted', 'returned']),
  reviewComment: z.string(),
  reviewedAt: z.string().nullable(),
});
export type Report = z.infer<typeof ReportSchema>;

async function assignmentOf(db: Db, id: number) {
  const a = await wp(db)
    .selectFrom('workplan_assignments as a')
    .innerJoin('workplan_tasks as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.unit_id', 'a.state', 'a.task_id', 't.number'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('任务分工不存在');
  return a;
}

/** A unit's staff report progress on their unit's task. */
export async function reportProgress(db: Db, actor: Actor, assignmentId: number, input: ReportInput): Promise<Report> {
  const a = await assignmentOf(db, assignmentId);
  authorize(actor, 'workplan.report', a.unit_id);
  if (!canReport(a.state as AssignmentState)) throw conflict('report_pending', '上一次报送尚在审核中，请等待审核结果');
  const evidence = await checkEvidence(db, input.evidence);
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<WorkplanTables>();
    // Guard against a concurrent report: only a non-pending-review state moves to 'reported'.
    const moved = await trx.updateTable('workplan_assignments').set({ state: 'reported', updated_at: now }).where('id', '=', assignmentId).where('state', '!=', 'reported').executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('report_pending', '上一次报送尚在审核中，请等待审核结果');
    const r = await trx
      .insertInto('workplan_reports')
      .values({ assignment_id: assignmentId, text: input.text, evidence_json: JSON.stringify(evidence), submitted_by: actor.userId, submitted_at: now, review_state: 'submitted', review_comment: '', reviewed_by: null, reviewed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'workplan.report', entityType: 'workplan_report', entityId: r.id, unitId: a.unit_id, summary: `报送任务 ${a.number} 进展`, after: { ...input, evidence } });
    return r.id;
  });
  return getReport(db, id);
}

/** The district office accepts or returns a report (a comment is required to return). */
export async function reviewReport(db: Db, actor: Actor, reportId: number, input: { decision: ReviewDecision; comment: string }): Promise<Report> {
  authorize(actor, 'workplan.manage');
  const report = await getReport(db, reportId);
  if (report.reviewState !== 'submitted') throw conflict('already_reviewed', '该报送已审核');
  if (input.decision === 'return' && !input.comment.trim()) throw badRequest('comment_required', '退回时请填写退回意见');
  const now = new Date().toISOString();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<WorkplanTables>();
    const done = await trx
      .updateTable('workplan_reports')
      .set({ review_state: input.decision === 'accept' ? 'accepted' : 'returned', review_comment: input.comment.trim(), reviewed_by: actor.userId, reviewed_at: now })
      .where('id', '=', reportId)
      .where('review_state', '=', 'submitted')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('already_reviewed', '该报送已审核');
    await trx.updateTable('workplan_assignments').set({ state: stateAfterReview(input.decision), updated_at: now }).where('id', '=', report.assignmentId).execute();
    await audit({
      action: `workplan.review.${input.decision}`, entityType: 'workplan_report', entityId: reportId, unitId: report.unitId,
      summary: `${input.decision === 'accept' ? '通过' : '退回'}任务 ${report.taskNumber}（${report.unitName}）的进展报送`, after: input,
    });
  });
  return getReport(db, reportId);
}

function reportQuery(db: Db) {
  return wp(db)
    .selectFrom('workplan_reports as r')
    .innerJoin('workplan_assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('workplan_tasks as t', 't.id', 'a.task_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['r.id', 'r.assignment_id', 'a.task_id', 't.number', 't.plan_id', 'a.unit_id', 'u.short_name', 'r.text', 'r.evidence_json', 'r.submitted_at', 'r.review_state', 'r.review_comment', 'r.reviewed_at']);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportQuery>['executeTakeFirstOrThrow']>>;
const toReport = (r: ReportRow): Report => ({
  id: r.id, assignmentId: r.assignment_id, taskId: r.task_id, taskNumber: r.number, unitId: r.unit_id, unitName: r.short_name, text: r.text,
  evidence: JSON.parse(r.evidence_json) as Report['evidence'], submittedAt: r.submitted_at,
  reviewState: r.review_state as Report['reviewState'], reviewComment: r.review_comment, reviewedAt: r.reviewed_at,
});

async function getReport(db: Db, id: number): Promise<Report> {
  const r = await reportQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('报送记录不存在');
  return toReport(r);
}

/** Reports the actor may see: district-wide reviewers all, unit staff their units'. */
export async function listReports(db: Db, actor: Actor, filter: { planId?: number; state?: Report['reviewState']; assignmentId?: number }): Promise<Report[]> {
  let q = reportQuery(db).orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc');
  if (!unitScope(actor, 'workplan.manage').all && !unitScope(actor, 'district.supervise').all) {
    const own = unitScope(actor, 'workplan.report');
    if (!own.all) {
      if (!own.unitIds.length) return [];
      q = q.where('a.unit_id', 'in', own.unitIds);
    }
  }
  if (filter.planId !== undefined) q = q.where('t.plan_id', '=', filter.planId);
  if (filter.state) q = q.where('r.review_state', '=', filter.state);
  if (filter.assignmentId !== undefined) q = q.where('r.assignment_id', '=', filter.assignmentId);
  return (await q.limit(500).execute()).map(toReport);
}
