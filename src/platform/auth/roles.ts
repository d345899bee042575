import type { Actor } from '../actor.js';
import { forbidden } from '../errors.js';

/**
 * The one place that decides who may do what (权限). Every route asks `authorize` /
 * `unitScope`; nothing else inspects roles.
 *
 * A grant is (role, unit) or (role, district-wide). A unit grant reaches that unit only —
 * not its sub-units — so that a town's editor never touches the district office's work.
 */
export const ROLES = {
  admin: { label: '系统管理员', scope: 'district' },
  supervisor: { label: '区政务公开监管', scope: 'district' },
  editor: { label: '信息编辑', scope: 'either' },
  reviewer_first: { label: '初审', scope: 'either' },
  reviewer_second: { label: '复审', scope: 'either' },
  reviewer_final: { label: '终审', scope: 'either' },
  confidentiality: { label: '保密审查', scope: 'either' },
  foi_officer: { label: '依申请公开经办', scope: 'either' },
  /** 政府信息公开工作机构负责人: approves extensions (条例第三十三条) */
  foi_head: { label: '信息公开工作机构负责人', scope: 'either' },
  consult_handler: { label: '政策咨询办理', scope: 'either' },
} as const satisfies Record<string, { label: string; scope: 'unit' | 'district' | 'either' }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

/** Action → roles that may perform it. Unit-scoped actions are checked against the grant's unit. */
export const PERMISSIONS = {
  'units.manage': ['admin'],
  /** a unit's own contact details (公开指南 contacts) */
  'units.editContact': ['admin', 'editor'],
  'users.read': ['admin', 'supervisor'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'supervisor'],
  'calendar.manage': ['admin'],
  'settings.manage': ['admin'],
  /** see every unit's work (dashboards, overdue lists) without changing it */
  'district.supervise': ['admin', 'supervisor'],
  'content.draft': ['editor'],
  'content.review.first': ['reviewer_first'],
  'content.review.second': ['reviewer_second'],
  'content.review.final': ['reviewer_final'],
  'content.review.confidentiality': ['confidentiality'],
  /** release an approved item (now or at a set time) */
  'content.publish': ['editor', 'reviewer_final'],
  /** take a published item down, with a reason (撤回) */
  'content.withdraw': ['reviewer_final'],
  /** publish a policy without its interpretation, with a recorded reason */
  'content.waiveInterpretation': ['admin'],
  'columns.manage': ['admin'],
  /** information security patrol (信息安全巡查): start runs; see and follow up findings */
  'patrol.run': ['supervisor'],
  'patrol.view': ['supervisor', 'editor', 'reviewer_final'],
  'patrol.followup': ['supervisor', 'editor'],
  'foi.handle': ['foi_officer'],
  /** 延长答复期限 needs the disclosure office head's approval (条例第三十三条第二款) */
  'foi.approveExtension': ['foi_head'],
  /** compile and publish the annual report (条例第四十九、五十条); district-wide needs a district grant */
  'reports.foi': ['supervisor', 'foi_officer', 'foi_head'],
  'consult.handle': ['consult_handler'],
  /** assign and transfer questions between units, set reply limits (区政府办) */
  'consult.assign': ['admin', 'supervisor'],
  /** release a unit's reply where the unit requires review before it goes out */
  'consult.review': ['reviewer_first', 'reviewer_final'],
  /** 决策事项目录, 意见征集 (moderation, adoption feedback), 列席会议, 政府开放日 */
  'participation.manage': ['admin', 'editor'],
  /** scan files for personal data and make masked copies (个人信息检测、脱敏) */
  'privacy.scan': ['editor', 'reviewer_first', 'reviewer_second', 'reviewer_final', 'confidentiality'],
  /** yearly work plan (工作要点): import, assign units, review progress — the district office */
  'workplan.manage': ['admin', 'supervisor'],
  /** report progress on one's own unit's work-plan tasks */
  'workplan.report': ['editor'],
  /** keep the unit's lists (清单): edit, import .xlsx, start a new version */
  'lists.maintain': ['editor'],
  /** 行政事业性收费 amounts collected in a year (annual report section 二) */
  'fees.record': ['editor', 'foi_officer', 'foi_head'],
  /** enter or import enforcement decisions (行政执法公示·事后) and record credit repair */
  'enforcement.record': ['editor'],
  /** service catalog items, guides (办事指南), 一件事 bundles, case progress (办理进展) */
  'services.maintain': ['editor'],
  /** training sessions (培训交流): create, materials, attendance; every signed-in user may sign in to a session */
  'training.manage': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Units an actor may act on for an action: every unit, a list, or none. Feed it to SQL filters. */
export type UnitScope = { all: true } | { all: false; unitIds: number[] };

export function unitScope(actor: Actor, action: Action): UnitScope {
  if (actor.kind === 'system') return { all: true };
  const roles: readonly string[] = PERMISSIONS[action];
  const unitIds = new Set<number>();
  for (const g of actor.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.unitId === null) return { all: true };
    unitIds.add(g.unitId);
  }
  return { all: false, unitIds: [...unitIds] };
}

/** May the actor perform the action on this unit's data (or, with no unit, anywhere at all)? */
export function can(actor: Actor, action: Action, unitId?: number | null): boolean {
  const scope = unitScope(actor, action);
  if (scope.all) return true;
  if (unitId === undefined || unitId === null) return unitId === undefined ? scope.unitIds.length > 0 : false;
  return scope.unitIds.includes(unitId);
}

export function authorize(actor: Actor, action: Action, unitId?: number | null): void {
  if (!can(actor, action, unitId)) throw forbidden();
}

/** Actions the actor may perform somewhere — for the back-office menu. */
export function permissionsOf(actor: Actor): Action[] {
  return ACTIONS.filter((a) => can(actor, a));
}

export function isValidGrant(role: string, unitId: number | null): role is Role {
  if (!(role in ROLES)) return false;
  const scope = ROLES[role as Role].scope as string;
  if (scope === 'district') return unitId === null;
  if (scope === 'unit') return unitId !== null;
  return true;
}
