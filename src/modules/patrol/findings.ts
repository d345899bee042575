/** What the patrol reports. Pure types and labels; checks produce these. */
export const FINDING_KINDS = {
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
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

/** veto: a single-veto item of the inspection indicators (单项否决); high: fix now; medium/low: fix in course. */
export type Severity = 'veto' | 'high' | 'medium' | 'low';

export interface NewFinding {
  kind: FindingKind;
  severity: Severity;
  /** stable across runs while the problem persists: follow-up and re-check hang on it */
  fingerprint: string;
  unitId: number | null;
  itemId?: number | null;
  columnId?: number | null;
  title: string;
  detail?: string;
  place?: string;
  preview?: string;
}

/** The single-veto thresholds (国办秘函〔2019〕19号) judged from a run's findings. */
export interface VetoVerdict {
  key: string;
  label: string;
  count: number;
  threshold: number;
  pass: boolean;
}

export function vetoVerdicts(findings: NewFinding[]): VetoVerdict[] {
  const count = (k: FindingKind) => findings.filter((f) => f.kind === k).length;
  const items: Array<[string, string, number, number]> = [
    ['homepage', '首页 2 周内有更新', count('homepage_stale'), 1],
    ['stale_columns', '未按要求更新的栏目少于 5 个', count('stale_column'), 5],
    ['empty_columns', '空白栏目少于 5 个', count('empty_column'), 5],
    ['leaks', '无泄露个人信息等严重问题', count('personal_data'), 1],
  ];
  return items.map(([key, label, n, threshold]) => ({ key, label, count: n, threshold, pass: n < threshold }));
}
