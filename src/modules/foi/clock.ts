import type { WorkingCalendar } from '../../platform/calendar/working-days.js';

/**
 * Statutory clocks of an application (《政府信息公开条例》, ../shared/domain/foi.md). Pure:
 * everything is computed from the application's dated events and the working-day calendar.
 *
 * Counting (practice, calendar.md): "within N working days of day D" ends on the N-th working
 * day after D; D itself is not counted.
 */

/** 答复期限: 20 working days from receipt (art. 33 ¶1). */
export const REPLY_DAYS = 20;
/** 延长答复期限: at most 20 more working days, approved by the disclosure office head (art. 33 ¶2). */
export const MAX_EXTENSION_DAYS = 20;
/** 补正告知: within 7 working days of receipt, once (art. 30). */
export const SUPPLEMENT_NOTICE_DAYS = 7;
/** 征求第三方意见 / 征求其他机关意见: answer within 15 working days (art. 32, 34). */
export const OPINION_DAYS = 15;
/** 收费通知: pay within 20 working days of the notice (国办函〔2020〕109号). */
export const FEE_PAY_DAYS = 20;

export type PauseKind = 'third_party' | 'other_agency' | 'fee';

export interface ClockPause {
  kind: PauseKind;
  /** the day the request (or fee notice) went out */
  sentOn: string;
  /** the day the answer (or payment) came back; null while open */
  answeredOn: string | null;
  /** the pause's own limit; defaults to 15 working days after sentOn (art. 32, 34) */
  limitOn?: string;
}

export interface ClockEvents {
  /** 收到申请之日 (art. 31); null for an online application the office has not yet accepted */
  receivedOn: string | null;
  /** 补正 (art. 30): the notice, and the day the supplemented application arrived */
  supplement?: { noticeOn: string; suppliedOn: string | null } | null;
  pauses?: ClockPause[];
  /** 延长答复期限 (art. 33 ¶2): approved extension in working days */
  extension?: { approvedOn: string; days: number } | null;
}

export type ClockState = 'not_received' | 'awaiting_supplement' | 'paused' | 'running';

export interface ReplyClock {
  state: ClockState;
  /** the day the 20-day clock runs from: receipt, or receipt of the supplement (art. 30) */
  startOn: string | null;
  /** 答复期限 without extension ("the first limit", before which an extension must be approved) */
  firstLimit: string | null;
  /** current due date: first limit + approved extension, moved later by pauses */
  dueDate: string | null;
  /** working days that did not count (pause convention, art. 33 ¶3) */
  pausedDays: number;
  /** an unknown year's schedule was crossed: dates may move when it is entered */
  provisional: boolean;
}

export function pauseLimit(cal: WorkingCalendar, kind: PauseKind, sentOn: string): string {
  return cal.addWorkingDays(sentOn, kind === 'fee' ? FEE_PAY_DAYS : OPINION_DAYS).date;
}

/** Last day to send the 补正 notice (art. 30: within 7 working days of receipt). */
export function supplementNoticeDeadline(cal: WorkingCalendar, receivedOn: string): string {
  return cal.addWorkingDays(receivedOn, SUPPLEMENT_NOTICE_DAYS).date;
}

/**
 * Working days excluded by pauses (gongkai's convention for art. 33 ¶3): a pause stops the
 * clock after the day the request goes out; the working days up to and including the day the
 * answer comes back — or the day its own limit runs out, whichever is earlier — do not count.
 * Overlapping pauses count each day once. Only pauses after `startOn` matter.
 */
function pausedWorkingDays(cal: WorkingCalendar, startOn: string, pauses: ClockPause[]): Set<string> {
  const days = new Set<string>();
  for (const p of pauses) {
    if (p.sentOn < startOn) continue;
    const limit = p.limitOn ?? pauseLimit(cal, p.kind, p.sentOn);
    const end = p.answeredOn && p.answeredOn < limit ? p.answeredOn : limit;
    for (let d = next(p.sentOn); d <= end; d = next(d)) if (cal.isWorkingDay(d)) days.add(d);
  }
  return days;
}

const next = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

/** The date on which `n` counted working days after `from` are reached, skipping paused days. */
function countForward(cal: WorkingCalendar, from: string, n: number, paused: Set<string>): { date: string; provisional: boolean } {
  let d = from;
  let provisional = false;
  for (let left = n; left > 0; ) {
    d = next(d);
    if (cal.yearSource(Number(d.slice(0, 4))) === 'missing') provisional = true;
    if (cal.isWorkingDay(d) && !paused.has(d)) left--;
  }
  return { date: d, provisional };
}

/**
 * 答复期限 of an application (art. 30, 32–34): 20 working days after receipt; after a
 * supplement, 20 working days after the supplement is received; extended by an approved
 * extension; moved later by third-party / other-agency / fee pauses.
 */
export function replyDueDate(cal: WorkingCalendar, ev: ClockEvents): ReplyClock {
  const none = { startOn: null, firstLimit: null, dueDate: null, pausedDays: 0, provisional: false };
  if (!ev.receivedOn) return { state: 'not_received', ...none };
  if (ev.supplement && !ev.supplement.suppliedOn) return { state: 'awaiting_supplement', ...none, startOn: null };
  const startOn = ev.supplement?.suppliedOn ?? ev.receivedOn;
  const pauses = ev.pauses ?? [];
  const paused = pausedWorkingDays(cal, startOn, pauses);
  const first = countForward(cal, startOn, REPLY_DAYS, paused);
  const ext = ev.extension?.days ?? 0;
  const due = ext ? countForward(cal, startOn, REPLY_DAYS + ext, paused) : first;
  const open = pauses.some((p) => p.sentOn >= startOn && p.answeredOn === null);
  return {
    state: open ? 'paused' : 'running',
    startOn,
    firstLimit: first.date,
    dueDate: due.date,
    pausedDays: paused.size,
    provisional: first.provisional || due.provisional,
  };
}

/**
 * Working days left until `dueDate`, seen on `today`: 0 on the due date itself, negative
 * when overdue (the number of working days past it).
 */
export function workingDaysLeft(cal: WorkingCalendar, dueDate: string, today: string): number {
  return cal.workingDaysBetween(today, dueDate).workingDays;
}

/** An extension must be approved (and the applicant told) before the first limit runs out (art. 33 ¶2). */
export function checkExtension(clock: ReplyClock, approvedOn: string, days: number, already: number): string | null {
  if (!Number.isInteger(days) || days < 1) return '延长天数应为正整数';
  if (already + days > MAX_EXTENSION_DAYS) return `延长答复期限最长不得超过 ${MAX_EXTENSION_DAYS} 个工作日（条例第三十三条）`;
  if (!clock.firstLimit) return '申请尚在补正或未受理，不能延期';
  if (approvedOn > clock.firstLimit) return `延期须在原答复期限（${clock.firstLimit}）届满前批准并告知申请人（条例第三十三条）`;
  return null;
}

export interface Reminder {
  kind: 'reply' | 'supplement_notice' | 'pause' | 'fee';
  dueOn: string;
  workingDaysLeft: number;
}

/** Limits coming up within `horizon` working days (提醒). */
export function upcomingReminders(cal: WorkingCalendar, limits: Array<{ kind: Reminder['kind']; dueOn: string | null }>, today: string, horizon = 3): Reminder[] {
  const out: Reminder[] = [];
  for (const l of limits) {
    if (!l.dueOn) continue;
    const left = workingDaysLeft(cal, l.dueOn, today);
    if (left <= horizon) out.push({ kind: l.kind, dueOn: l.dueOn, workingDaysLeft: left });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
