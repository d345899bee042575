import { createRequire } from 'node:module';

/**
 * Working-day arithmetic (工作日) for statutory clocks. Pure: a `WorkingCalendar` is built
 * from the chinese-days package data plus the days an administrator entered, and the three
 * functions below answer from it without touching the database.
 *
 * Counting rule (../shared/domain/calendar.md): "within N working days of day D" ends on the
 * N-th working day after D; D itself is not counted.
 */

export type DayKind = 'holiday' | 'workday';

export interface SpecialDay {
  date: string;
  kind: DayKind;
  name: string;
  origin: 'package' | 'entered';
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const pkg = require('chinese-days/dist/chinese-days.json') as PackageData;

/** Chinese name from chinese-days' "English,中文,n" value. */
const nameOf = (v: string) => v.split(',')[1] ?? v;

const PACKAGE_DAYS = new Map<string, SpecialDay>();
for (const [date, v] of Object.entries(pkg.holidays)) PACKAGE_DAYS.set(date, { date, kind: 'holiday', name: nameOf(v), origin: 'package' });
for (const [date, v] of Object.entries(pkg.workdays)) PACKAGE_DAYS.set(date, { date, kind: 'workday', name: `${nameOf(v)}调休上班`, origin: 'package' });
export const PACKAGE_YEARS: ReadonlySet<number> = new Set([...PACKAGE_DAYS.keys()].map((d) => Number(d.slice(0, 4))));

export class WorkingCalendar {
  private readonly entered: Map<string, SpecialDay>;
  private readonly enteredYears: Set<number>;

  constructor(enteredDays: Array<{ date: string; kind: DayKind; name: string }> = [], enteredYears: number[] = []) {
    this.entered = new Map(enteredDays.map((d) => [d.date, { ...d, origin: 'entered' as const }]));
    this.enteredYears = new Set(enteredYears);
  }

  /** Whether the year's official schedule is known (from the package or entered by an administrator). */
  yearSource(year: number): 'package' | 'entered' | 'missing' {
    if (this.enteredYears.has(year)) return 'entered';
    if (PACKAGE_YEARS.has(year)) return 'package';
    return 'missing';
  }

  special(date: string): SpecialDay | undefined {
    return this.entered.get(date) ?? PACKAGE_DAYS.get(date);
  }

  specialDaysOf(year: number): SpecialDay[] {
    const prefix = `${year}-`;
    const out = new Map<string, SpecialDay>();
    for (const [d, v] of PACKAGE_DAYS) if (d.startsWith(prefix)) out.set(d, v);
    for (const [d, v] of this.entered) if (d.startsWith(prefix)) out.set(d, v);
    return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  enteredCount(year: number): number {
    let n = 0;
    for (const d of this.entered.keys()) if (d.startsWith(`${year}-`)) n++;
    return n;
  }

  isWorkingDay(date: string): boolean {
    const s = this.special(date);
    if (s) return s.kind === 'workday';
    const dow = parseDay(date).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The date N working days after `from` (N ≥ 0), and whether an unknown year was crossed. */
  addWorkingDays(from: string, n: number): { date: string; provisional: boolean } {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
    let d = from;
    let provisional = this.yearSource(yearOf(from)) === 'missing' && n > 0;
    for (let left = n; left > 0; ) {
      d = shiftDays(d, 1);
      if (this.yearSource(yearOf(d)) === 'missing') provisional = true;
      if (this.isWorkingDay(d)) left--;
    }
    return { date: d, provisional };
  }

  /** Working days in (from, to]: the count that `addWorkingDays(from, n)` reaches `to` with. Negative when to < from. */
  workingDaysBetween(from: string, to: string): { workingDays: number; provisional: boolean } {
    if (to < from) {
      const r = this.workingDaysBetween(to, from);
      return { workingDays: -r.workingDays, provisional: r.provisional };
    }
    let n = 0;
    let provisional = false;
    for (let d = shiftDays(from, 1); d <= to; d = shiftDays(d, 1)) {
      if (this.yearSource(yearOf(d)) === 'missing') provisional = true;
      if (this.isWorkingDay(d)) n++;
    }
    return { workingDays: n, provisional };
  }
}

const yearOf = (d: string) => Number(d.slice(0, 4));

function parseDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function shiftDays(date: string, days: number): string {
  const d = parseDay(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in China (Asia/Shanghai, UTC+8, no DST), as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
