// Chinese labels and rules of thumb of the publishing pipeline, shared by its pages.
import type { Me } from '../../api';
import type { Item } from './api';

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  superseded: '已被替代',
  expired: '已过期',
};

/** Tag colours chosen among those with AA-contrast text in the theme. */
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'blue',
  approved: 'cyan',
  scheduled: 'purple',
  published: 'green',
  withdrawn: 'red',
  superseded: 'orange',
  expired: 'gold',
};

export const KIND_LABELS: Record<string, string> = {
  policy: '政策文件',
  interpretation: '政策解读',
  notice: '通知公告',
};

export const STAGE_LABELS: Record<string, string> = {
  submit: '提交审核',
  first: '初审',
  second: '复审',
  confidentiality: '保密审查',
  final: '终审',
};

export const DECISION_LABELS: Record<string, string> = {
  submit: '提交',
  approve: '通过',
  return: '退回',
};

/** The role that decides each stage (src/platform/auth/roles.ts). */
export const STAGE_ROLE: Record<string, string> = {
  first: 'reviewer_first',
  second: 'reviewer_second',
  confidentiality: 'confidentiality',
  final: 'reviewer_final',
};

export const REVIEW_PERMISSIONS = [
  'content.review.first',
  'content.review.second',
  'content.review.confidentiality',
  'content.review.final',
];

export const CONTENT_PERMISSIONS = [
  'content.draft',
  ...REVIEW_PERMISSIONS,
  'content.publish',
  'content.withdraw',
  'district.supervise',
];

export const POLICY_KINDS = ['行政规范性文件', '其他政策文件', '规章'] as const;
export const INTERPRETATION_FORMS = ['文字', '图解', '视频', '动漫', '在线访谈', '专家解读', '新闻发布会'] as const;

export const ATTACHMENT_ROLE_LABELS: Record<string, string> = {
  attachment: '附件',
  captions: '字幕',
  image: '图片',
  video: '视频',
};

/** Does `me` hold `role` for this unit (a district-wide grant reaches every unit)? */
export function hasRoleOn(me: Me, role: string, unitId: number): boolean {
  return me.roles.some((r) => r.role === role && (r.unitId === null || String(r.unitId) === String(unitId)));
}

/** Units where `me` holds one of the roles; `null` = every unit (district-wide grant). */
export function unitsWithRole(me: Me, roles: string[]): Set<string> | null {
  const ids = new Set<string>();
  for (const r of me.roles) {
    if (!roles.includes(r.role)) continue;
    if (r.unitId === null) return null;
    ids.add(String(r.unitId));
  }
  return ids;
}

/** Roles whose holders may do the action (mirror of PERMISSIONS in roles.ts, for per-unit hints). */
export const ACTION_ROLES: Record<string, string[]> = {
  'content.draft': ['editor'],
  'content.publish': ['editor', 'reviewer_final'],
  'content.withdraw': ['reviewer_final'],
};

export function canOnUnit(me: Me, action: keyof typeof ACTION_ROLES, unitId: number): boolean {
  return (ACTION_ROLES[action] ?? []).some((role) => hasRoleOn(me, role, unitId));
}

/** An interpretation reviewed and published with its policy: every action goes through the lead. */
export function isBundledMember(item: Pick<Item, 'id' | 'bundleId'>): boolean {
  return item.bundleId !== null && item.bundleId !== item.id;
}

/** Is the item waiting for a decision that `me` could give (role for the current stage on its unit, not my own draft)? */
export function awaitsMe(me: Me, item: Item): boolean {
  if (item.status !== 'in_review' || !item.stage || isBundledMember(item)) return false;
  if (item.createdBy !== null && String(item.createdBy) === String(me.id)) return false;
  const role = STAGE_ROLE[item.stage];
  return role !== undefined && hasRoleOn(me, role, item.unitId);
}

/** The portal address of a published item. */
export function portalUrl(item: Pick<Item, 'id' | 'kind'>): string {
  if (item.kind === 'policy') return `/policies/${item.id}`;
  if (item.kind === 'interpretation') return `/interpretations/${item.id}`;
  return `/items/${item.id}`;
}

/** Id from a path like /content/12 or /content/12/edit. */
export function idFromRoute(route: string, index = 2): number {
  return Number(route.split('/')[index]);
}
