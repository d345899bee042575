// Client for the information security patrol API (src/modules/patrol/routes.tsx).
import { apiRequest } from '../../api';

export interface VetoVerdict {
  key: string;
  label: string;
  count: number;
  threshold: number;
  pass: boolean;
}
export interface RunSummary {
  items?: number;
  findings?: number;
  byKind?: Record<string, number>;
  veto?: VetoVerdict[];
}
export interface Run {
  id: number;
  trigger: string;
  status: 'running' | 'done' | 'failed' | string;
  progress: number;
  stage: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  summary: RunSummary;
}
export type FollowupStatus = 'open' | 'assigned' | 'fixing' | 'accepted' | 'resolved';
export interface Finding {
  id: number;
  runId: number;
  kind: string;
  kindLabel: string;
  severity: string;
  fingerprint: string;
  unitId: number | null;
  itemId: number | null;
  columnId: number | null;
  title: string;
  detail: string;
  place: string;
  preview: string;
  followup: { status: FollowupStatus; assigneeId: number | null; note: string; updatedAt: string } | null;
}
export interface Stats {
  runId: number | null;
  byUnit: Array<{ unitId: number | null; counts: Record<string, number> }>;
}

/** Labels of finding kinds (same as src/modules/patrol/findings.ts). */
export const KIND_LABELS: Record<string, string> = {
  personal_data: '泄露个人信息',
  aggregation_risk: '关联汇聚风险',
  stale_column: '栏目未按要求更新',
  empty_column: '空白栏目',
  homepage_stale: '首页两周无更新',
  broken_link: '内部链接失效',
  missing_attachment: '附件文件缺失',
  duplicate: '重复发布',
  expired_policy_valid: '已过有效期仍标注有效',
  missing_interpretation: '政策文件缺少解读',
  overdue: '办理超期',
};
export const STATUS_LABELS: Record<FollowupStatus, string> = {
  open: '待处理',
  assigned: '已分派',
  fixing: '整改中',
  accepted: '确认无需整改',
  resolved: '已整改（复查通过）',
};
export const SEVERITY_LABELS: Record<string, string> = { veto: '单项否决', high: '严重', medium: '一般', low: '轻微' };
export const TRIGGER_LABELS: Record<string, string> = { manual: '手动', schedule: '定时' };
export const RUN_STATUS_LABELS: Record<string, string> = { running: '进行中', done: '已完成', failed: '失败' };

export const patrolApi = {
  runs: () => apiRequest<{ items: Run[] }>('GET', '/patrol/runs'),
  run: (id: number) => apiRequest<Run>('GET', `/patrol/runs/${id}`),
  start: () => apiRequest<{ runId: number }>('POST', '/patrol/runs'),
  findings: (q: { runId?: number; kind?: string; unitId?: number; status?: string }) =>
    apiRequest<{ runId: number | null; items: Finding[] }>('GET', '/patrol/findings', { query: q }),
  stats: (runId?: number) => apiRequest<Stats>('GET', '/patrol/stats', { query: { runId } }),
  followup: (fingerprint: string, body: { status: Exclude<FollowupStatus, 'resolved'>; assigneeId?: number | null; note?: string }) =>
    apiRequest<void>('PUT', `/patrol/findings/${fingerprint}/followup`, { body }),
  reportUrl: (runId: number) => `/api/v1/patrol/runs/${runId}/report`,
};
