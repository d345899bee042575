import type { Db } from '../db/index.js';
import { withAudit } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { badRequest, notFound } from '../errors.js';
import { isIsoDate } from '../checks.js';
import { WorkingCalendar, PACKAGE_YEARS, type DayKind } from './working-days.js';

/** Loads the calendar with every administrator-entered day. Few rows: read per use, so every instance agrees. */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([
    db.kysely.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute(),
    db.kysely.selectFrom('calendar_years').select('year').execute(),
  ]);
  return new WorkingCalendar(
    days.map((d) => ({ date: d.date, kind: d.kind as DayKind, name: d.name })),
    years.map((y) => y.year),
  );
}

export interface DayInput {
  date: string;
  kind: DayKind;
  name: string;
}

function checkDay(d: DayInput, year?: number): void {
  if (!isIsoDate(d.date)) throw badRequest('invalid_date', `日期 ${d.date} 不是有效的日期（格式 YYYY-MM-DD）`);
  if (year !== undefined && Number(d.date.slice(0, 4)) !== year) throw badRequest('date_outside_year', `日期 ${d.date} 不在 ${year} 年内`);
}

/** Enter a whole year's schedule (放假和调休安排) as published by the State Council. */
export async function enterYear(db: Db, actor: Actor, year: number, days: DayInput[]): Promise<void> {
  const seen = new Set<string>();
  for (const d of days) {
    checkDay(d, year);
    if (seen.has(d.date)) throw badRequest('duplicate_date', `日期 ${d.date} 重复录入`);
    seen.add(d.date);
  }
  if (!days.some((d) => d.kind === 'holiday')) throw badRequest('no_holidays', '全年安排至少应包含一个放假日期');
  await withAudit(db, actor, async (trx, audit) => {
    const existing = await trx.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
    if (existing) throw badRequest('year_exists', `${year} 年的安排已录入，请逐日更正`);
    const now = new Date().toISOString();
    await trx.insertInto('calendar_years').values({ year, note: '', created_by: actor.userId, created_at: now }).execute();
    await trx.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
    if (days.length) {
      await trx
        .insertInto('calendar_days')
        .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, created_by: actor.userId, created_at: now })))
        .execute();
    }
    await audit({
      action: 'calendar.year.enter',
      entityType: 'calendar_year',
      entityId: year,
      summary: `录入 ${year} 年节假日安排（${days.filter((d) => d.kind === 'holiday').length} 天放假，${days.filter((d) => d.kind === 'workday').length} 天调休上班）`,
      after: days,
    });
  });
}

/** Correct a single day (also in years the package covers). */
export async function setDay(db: Db, actor: Actor, day: DayInput): Promise<void> {
  checkDay(day);
  await withAudit(db, actor, async (trx, audit) => {
    const before = await trx.selectFrom('calendar_days').selectAll().where('date', '=', day.date).executeTakeFirst();
    const now = new Date().toISOString();
    if (before) await trx.updateTable('calendar_days').set({ kind: day.kind, name: day.name, created_by: actor.userId, created_at: now }).where('date', '=', day.date).execute();
    else await trx.insertInto('calendar_days').values({ ...day, created_by: actor.userId, created_at: now }).execute();
    await audit({
      action: 'calendar.day.set',
      entityType: 'calendar_day',
      entityId: day.date,
      summary: `设定 ${day.date} 为${day.kind === 'holiday' ? '放假' : '上班'}（${day.name}）`,
      before: before ? { kind: before.kind, name: before.name } : null,
      after: { kind: day.kind, name: day.name },
    });
  });
}

export async function deleteDay(db: Db, actor: Actor, date: string): Promise<void> {
  if (!isIsoDate(date)) throw badRequest('invalid_date', `日期 ${date} 不是有效的日期`);
  await withAudit(db, actor, async (trx, audit) => {
    const before = await trx.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
    if (!before) throw notFound(`${date} 没有录入的安排`);
    await trx.deleteFrom('calendar_days').where('date', '=', date).execute();
    await audit({ action: 'calendar.day.delete', entityType: 'calendar_day', entityId: date, summary: `删除 ${date} 的录入安排`, before: { kind: before.kind, name: before.name } });
  });
}

export function knownYears(cal: WorkingCalendar, enteredYears: number[], around: number): number[] {
  const years = new Set<number>([...[...PACKAGE_YEARS].filter((y) => y >= around - 3), ...enteredYears, around, around + 1]);
  return [...years].sort((a, b) => a - b).filter((y) => cal.yearSource(y) !== 'missing' || y >= around);
}
