// Typed client for the work plan API (src/modules/workplan).
import { call } from './http';

export type AssignmentState = 'pending' | 'reported' | 'accepted' | 'returned';
export type TaskState = 'done' | 'in_review' | 'in_progress' | 'not_started';
export type AssignmentRole = 'lead' | 'named' | 'expanded';

export interface PreviewTask {
  number: number;
  requirement: string;
  unitPhrase: string;
  deadline: string;
  dueDate: string | null;
  units: Array<{ unitId: number; name: string; role: AssignmentRole }>;
  unresolved: string[];
}
export interface PlanPreview {
  year: number;
  groups: Array<{ numeral: string; title: string; tasks: PreviewTask[] }>;
  problems: string[];
  unresolved: string[];
  summary: { groups: number; tasks: number };
}

export interface AssignmentView {
  id: number;
  unitId: number;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
  overdue: boolean;
}
export interface TaskView {
  id: number;
  number: number;
  requirement: string;
  unitPhrase: string;
  deadline: string;
  dueDate: string | null;
  unresolved: string[];
  state: TaskState;
  overdue: boolean;
  assignments: AssignmentView[];
}
export interface UnitProgress {
  unitId: number;
  unitName: string;
  total: number;
  accepted: number;
  reported: number;
  returned: number;
  pending: number;
  overdue: number;
}
export interface PlanView {
  id: number;
  year: number;
  title: string;
  today: string;
  districtWide: boolean;
  groups: Array<{ id: number; numeral: string; title: string; tasks: TaskView[] }>;
  units: UnitProgress[];
}
export interface PlanSummary {
  id: number;
  year: number;
  title: string;
  createdAt: string;
}
export interface Evidence {
  kind: 'url' | 'item' | 'column' | 'list';
  ref: string;
  title: string;
  /** portal URL when the evidence is a published item (checked by the server) */
  url?: string;
}
export interface Report {
  id: number;
  assignmentId: number;
  taskId: number;
  taskNumber: number;
  unitId: number;
  unitName: string;
  text: string;
  evidence: Evidence[];
  submittedAt: string;
  reviewState: 'submitted' | 'accepted' | 'returned';
  reviewComment: string;
  reviewedAt: string | null;
}

function tableForm(file: File, year: number, title?: string): FormData {
  const form = new FormData();
  form.set('year', String(year));
  if (title) form.set('title', title);
  form.set('file', file);
  return form;
}

export const workplanApi = {
  preview: (file: File, year: number) => call<PlanPreview>('POST', '/workplan/import/preview', { body: tableForm(file, year) }),
  importPlan: (file: File, year: number, title?: string) =>
    call<{ planId: number; preview: PlanPreview }>('POST', '/workplan/plans', { body: tableForm(file, year, title) }),
  plans: () => call<{ items: PlanSummary[] }>('GET', '/workplan/plans'),
  plan: (id: number) => call<PlanView>('GET', `/workplan/plans/${id}`),
  setTaskUnits: (taskId: number, unitIds: number[]) => call<void>('PUT', `/workplan/tasks/${taskId}/units`, { body: { unitIds } }),
  report: (assignmentId: number, text: string, evidence: Array<Omit<Evidence, 'title'> & { title?: string }>) =>
    call<Report>('POST', `/workplan/assignments/${assignmentId}/reports`, { body: { text, evidence } }),
  reports: (query: { planId?: number; state?: Report['reviewState']; assignmentId?: number }) => call<{ items: Report[] }>('GET', '/workplan/reports', { query }),
  review: (reportId: number, decision: 'accept' | 'return', comment: string) =>
    call<Report>('POST', `/workplan/reports/${reportId}/review`, { body: { decision, comment } }),
};

export const STATE_LABELS: Record<AssignmentState, string> = { pending: '未报送', reported: '待审核', accepted: '已通过', returned: '已退回' };
export const STATE_COLORS: Record<AssignmentState, string> = { pending: 'default', reported: 'processing', accepted: 'success', returned: 'warning' };
export const TASK_STATE_LABELS: Record<TaskState, string> = { done: '已完成', in_review: '审核中', in_progress: '推进中', not_started: '未开始' };
export const ROLE_LABELS: Record<AssignmentRole, string> = { lead: '牵头', named: '责任', expanded: '责任（按类别）' };
