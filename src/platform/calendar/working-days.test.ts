import { describe, expect, it } from 'vitest';
import { WorkingCalendar, chinaToday, shiftDays } from './working-days.js';

/** Every date of ../shared/domain/calendar.md, pinned. */
const OFF: Record<number, Array<[string, string]>> = {
  2025: [['01-01', '01-01'], ['01-28', '02-04'], ['04-04', '04-06'], ['05-01', '05-05'], ['05-31', '06-02'], ['10-01', '10-08']],
  2026: [['01-01', '01-03'], ['02-15', '02-23'], ['04-04', '04-06'], ['05-01', '05-05'], ['06-19', '06-21'], ['09-25', '09-27'], ['10-01', '10-07']],
};
const WORKED_WEEKENDS: Record<number, string[]> = {
  2025: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  2026: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
};

function* range(from: string, to: string) {
  for (let d = from; d <= to; d = shiftDays(d, 1)) yield d;
}

describe('official schedule 2025–2026 (calendar.md)', () => {
  const cal = new WorkingCalendar();
  for (const year of [2025, 2026]) {
    it(`${year}: every holiday day is off`, () => {
      for (const [a, b] of OFF[year]!) for (const d of range(`${year}-${a}`, `${year}-${b}`)) expect(cal.isWorkingDay(d), d).toBe(false);
    });
    it(`${year}: every adjusted weekend day (调休) is worked`, () => {
      for (const md of WORKED_WEEKENDS[year]!) {
        const d = `${year}-${md}`;
        expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
        expect(cal.isWorkingDay(d), d).toBe(true);
      }
    });
    it(`${year}: no other weekday is off and no other weekend day is worked`, () => {
      const off = new Set<string>();
      for (const [a, b] of OFF[year]!) for (const d of range(`${year}-${a}`, `${year}-${b}`)) off.add(d);
      const worked = new Set(WORKED_WEEKENDS[year]!.map((md) => `${year}-${md}`));
      for (const d of range(`${year}-01-01`, `${year}-12-31`)) {
        const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
        const expected = worked.has(d) || (!weekend && !off.has(d));
        expect(cal.isWorkingDay(d), d).toBe(expected);
      }
    });
  }
});

describe('counting working days (the day itself is not counted)', () => {
  const cal = new WorkingCalendar();
  it('an ordinary week', () => {
    expect(cal.addWorkingDays('2025-03-03', 1).date).toBe('2025-03-04'); // Mon → Tue
    expect(cal.addWorkingDays('2025-03-07', 1).date).toBe('2025-03-10'); // Fri → Mon
    expect(cal.addWorkingDays('2025-03-03', 0).date).toBe('2025-03-03');
  });
  it('across 国庆 2025 (10-01…10-08 off, 09-28 and 10-11 worked)', () => {
    expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-10-10', 1).date).toBe('2025-10-11');
  });
  it('20 working days from receipt around 春节 2026', () => {
    // 02-13 Fri; 02-14 Sat worked (1); 02-15…23 off; 02-24…27 (2–5); 02-28 Sat worked (6);
    // March: 02,03,04,05,06 (7–11); 09–13 (12–16); 16,17,18,19 (17–20)
    expect(cal.addWorkingDays('2026-02-13', 20).date).toBe('2026-03-19');
    expect(cal.workingDaysBetween('2026-02-13', '2026-03-19').workingDays).toBe(20);
  });
  it('20 working days from a receipt just before 元旦 2026', () => {
    // 2025-12-31 Wed; 2026-01-01…03 off; 01-04 Sun worked (1); 01-05…09 (2–6); 12–16 (7–11); 19–23 (12–16); 26–29 (17–20)
    expect(cal.addWorkingDays('2025-12-31', 20).date).toBe('2026-01-29');
  });
  it('between is the inverse of add and is signed', () => {
    for (const [from, n] of [['2025-04-30', 7], ['2025-05-30', 15], ['2026-09-18', 20]] as const) {
      const { date } = cal.addWorkingDays(from, n);
      expect(cal.workingDaysBetween(from, date).workingDays).toBe(n);
      expect(cal.workingDaysBetween(date, from).workingDays).toBe(-n);
    }
  });
});

describe('years the package does not know', () => {
  it('2027 is missing and marks results provisional (weekdays only)', () => {
    const cal = new WorkingCalendar();
    expect(cal.yearSource(2027)).toBe('missing');
    const r = cal.addWorkingDays('2026-12-30', 3);
    expect(r.provisional).toBe(true);
    expect(r.date).toBe('2027-01-04'); // 12-31 Thu, 01-01 Fri (no data: counted), 01-04 Mon
  });
  it('an administrator-entered 2027 schedule is used and the year is known', () => {
    const cal = new WorkingCalendar(
      [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
      [2027],
    );
    expect(cal.yearSource(2027)).toBe('entered');
    const r = cal.addWorkingDays('2026-12-30', 3);
    expect(r).toEqual({ date: '2027-01-05', provisional: false });
  });
  it('an entered correction overrides the package', () => {
    const cal = new WorkingCalendar([{ date: '2025-03-03', kind: 'holiday', name: '临时调整' }]);
    expect(cal.isWorkingDay('2025-03-03')).toBe(false);
    expect(cal.special('2025-03-03')?.origin).toBe('entered');
  });
});

it('today in China is UTC+8', () => {
  expect(chinaToday(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
  expect(chinaToday(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31');
});
