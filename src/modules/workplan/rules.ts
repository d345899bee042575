/**
 * Work-plan rules as plain functions: due dates from the table's 完成时限 text, the progress
 * states of a unit's assignment, and what counts as overdue.
 */

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * 完成时限 → a due date: "2025年6月30日", "2025年6月底前", "6月底前" (in the plan's year),
 * "年底前"; ongoing work (持续推进, 长期坚持, 常态化) is due for the year's report on 12-31.
 * null when the text gives no date.
 */
export function dueDateOf(deadline: string, year: number): string | null {
  const t = deadline.normalize('NFKC').replace(/\s+/g, '');
  let m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(?:(\d{4})年)?(\d{1,2})月(?:底|末|前|份)?/.exec(t);
  if (m) {
    const y = m[1] ? Number(m[1]) : year;
    const mo = Number(m[2]);
    if (mo >= 1 && mo <= 12) return iso(y, mo, lastDayOfMonth(y, mo));
  }
  if (/年底|年末|全年|持续|长期|常态/.test(t)) return iso(year, 12, 31);
  return null;
}

export type AssignmentState = 'pending' | 'reported' | 'accepted' | 'returned';
export const ASSIGNMENT_STATES: Record<AssignmentState, string> = {
  pending: '未报送',
  reported: '已报送待审核',
  accepted: '已通过',
  returned: '已退回',
};

/** A unit may report while nothing is waiting for review (a returned or accepted task may be reported again). */
export function canReport(state: AssignmentState): boolean {
  return state !== 'reported';
}

export type ReviewDecision = 'accept' | 'return';
export function stateAfterReview(decision: ReviewDecision): AssignmentState {
  return decision === 'accept' ? 'accepted' : 'returned';
}

/** Overdue: past its due date and not accepted. */
export function isOverdue(dueDate: string | null, state: AssignmentState, today: string): boolean {
  return dueDate !== null && today > dueDate && state !== 'accepted';
}

/** Today in China (Asia/Shanghai, UTC+8, no DST). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A task's state from its units' states: done when all accepted. */
export function taskState(states: AssignmentState[]): 'done' | 'in_review' | 'in_progress' | 'not_started' {
  if (states.length && states.every((s) => s === 'accepted')) return 'done';
  if (states.some((s) => s === 'reported')) return 'in_review';
  if (states.some((s) => s !== 'pending')) return 'in_progress';
  return 'not_started';
}
