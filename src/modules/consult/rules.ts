import type { WorkingCalendar } from '../../platform/calendar/working-days.js';

/**
 * 政策咨询 rules as plain functions: the closed loop 收集 → 办理 → 答复 → 评价, reply limits in
 * working days, what each rating does, and what a published Q&A may show.
 */
export const DEFAULT_REPLY_DAYS = 5;
export const MAX_REPLY_DAYS = 30;

export const CHANNELS = {
  portal: '网站留言',
  phone: '电话',
  in_person: '现场（政务公开专区）',
  new_media: '政务新媒体',
  letter: '信件',
  hotline: '12345 热线转办',
} as const;
export type Channel = keyof typeof CHANNELS;
export const STAFF_CHANNELS = Object.keys(CHANNELS).filter((c) => c !== 'portal') as Channel[];

export const STATUSES = {
  unassigned: '待分办',
  processing: '办理中',
  in_review: '答复审核中',
  replied: '已答复',
  reopened: '不满意，重新办理',
  closed: '已办结',
} as const;
export type Status = keyof typeof STATUSES;
/** Statuses whose reply clock runs (the case is with a unit and not yet answered). */
export const OPEN_STATUSES: Status[] = ['unassigned', 'processing', 'in_review', 'reopened'];

export const RATINGS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export type Rating = keyof typeof RATINGS;

export const TOPICS = ['就业创业', '社会保障', '教育', '医疗卫生', '住房', '城乡建设', '交通出行', '企业服务', '农业农村', '民政', '生态环境', '其他'] as const;

/** Reply deadline: `days` working days after the day received (the day itself not counted). */
export function replyDueDate(cal: WorkingCalendar, receivedOn: string, days: number): string {
  return cal.addWorkingDays(receivedOn, days).date;
}

/** Working days a reply took (received → released). */
export function workingDaysTaken(cal: WorkingCalendar, receivedOn: string, repliedOn: string): number {
  return Math.max(0, cal.workingDaysBetween(receivedOn, repliedOn).workingDays);
}

/** Working days left until the deadline (negative = overdue by that many). */
export function workingDaysLeft(cal: WorkingCalendar, today: string, dueOn: string): number {
  return cal.workingDaysBetween(today, dueOn).workingDays;
}

export function isOverdue(status: Status, dueOn: string, today: string): boolean {
  return OPEN_STATUSES.includes(status) && today > dueOn;
}

/**
 * What a rating does. 不满意 sends the case back to its unit for a second reply — once; after the
 * second reply any rating closes it.
 */
export function afterRating(rating: Rating, alreadyReopened: boolean): { status: Status; reopen: boolean } {
  if (rating === 'unsatisfied' && !alreadyReopened) return { status: 'reopened', reopen: true };
  return { status: 'closed', reopen: false };
}

/** The reply is answered in time when released on or before its deadline. */
export const answeredInTime = (repliedOn: string | null, dueOn: string): boolean => repliedOn !== null && repliedOn <= dueOn;
