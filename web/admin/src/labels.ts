// Chinese display labels and small formatting helpers shared by pages.
import dayjs from 'dayjs';
import type { CalendarSource, DayKind, RoleAssignment, UnitKind } from './api';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '区人民政府',
  office: '区政府办公室',
  department: '区直部门',
  town: '镇/街道',
  zone: '开发区',
  enterprise: '公共企事业单位',
};

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  government: 'red',
  office: 'volcano',
  department: 'blue',
  town: 'green',
  zone: 'purple',
  enterprise: 'cyan',
};

/** Fallback labels; the authoritative list comes from GET /roles. */
export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  supervisor: '区政务公开监管',
  editor: '信息编辑',
  reviewer_first: '初审',
  reviewer_second: '复审',
  reviewer_final: '终审',
  confidentiality: '保密审查',
  foi_officer: '依申请公开经办',
  consult_handler: '政策咨询办理',
};

export function roleLabel(role: string, labels?: Record<string, string>): string {
  return labels?.[role] ?? ROLE_LABELS[role] ?? role;
}

/** e.g. 「信息编辑 · 区教育局」 or 「区政务公开监管 · 全区」. */
export function roleText(r: RoleAssignment, labels?: Record<string, string>): string {
  return `${roleLabel(r.role, labels)} · ${r.unitId === null ? '全区' : (r.unitName ?? String(r.unitId))}`;
}

export const SOURCE_LABELS: Record<CalendarSource, string> = {
  package: '内置',
  entered: '已录入',
  missing: '未录入',
};

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  holiday: '放假',
  workday: '调休上班',
};

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function weekday(date: string): string {
  return WEEKDAYS[dayjs(date).day()] ?? '';
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

export const PERMISSION_LABELS: Record<string, string> = {
  'units.manage': '单位管理',
  'units.editContact': '维护本单位联系方式',
  'district.supervise': '全区监管',
  'users.read': '查看用户',
  'users.manage': '用户与角色管理',
  'audit.read': '查看审计日志',
  'calendar.manage': '维护工作日历',
  'settings.manage': '站点设置',
};
