import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/working-days.js';
import { checkExtension, pauseLimit, replyDueDate, supplementNoticeDeadline, upcomingReminders, workingDaysLeft } from './clock.js';
import { perPageFee, perRequestFee } from './fees.js';

// Dates below were counted by hand from calendar.md (2025: 国办发明电〔2024〕12号; 2026: notice of 2025-11-04).
const cal = new WorkingCalendar();

describe('reply due date (art. 33: 20 working days, receipt day not counted)', () => {
  it('across 春节 2025 with both 调休 Saturdays/Sundays worked (01-26, 02-08)', () => {
    const c = replyDueDate(cal, { receivedOn: '2025-01-20' });
    expect(c).toMatchObject({ state: 'running', startOn: '2025-01-20', firstLimit: '2025-02-21', dueDate: '2025-02-21', pausedDays: 0, provisional: false });
  });

  it('across 国庆 2025 (10-01…10-08; 09-28 and 10-11 worked)', () => {
    expect(replyDueDate(cal, { receivedOn: '2025-09-26' }).dueDate).toBe('2025-10-30');
    expect(supplementNoticeDeadline(cal, '2025-09-26')).toBe('2025-10-13');
  });

  it('across 中秋 and 国庆 2026 (09-20 and 10-10 worked)', () => {
    expect(replyDueDate(cal, { receivedOn: '2026-09-18' }).dueDate).toBe('2026-10-22');
    expect(workingDaysLeft(cal, '2026-10-22', '2026-09-30')).toBe(12);
    expect(workingDaysLeft(cal, '2026-10-22', '2026-10-22')).toBe(0);
    expect(workingDaysLeft(cal, '2026-10-22', '2026-10-23')).toBe(-1);
  });

  it('an online application not yet accepted has no clock', () => {
    expect(replyDueDate(cal, { receivedOn: null })).toMatchObject({ state: 'not_received', dueDate: null });
  });
});

describe('补正 (art. 30)', () => {
  it('notice within 7 working days of receipt, across 劳动节 2025 (04-27 worked)', () => {
    expect(supplementNoticeDeadline(cal, '2025-04-24')).toBe('2025-05-07');
  });

  it('stops the clock while waiting, then 20 days run again from the supplement, across 端午 2025', () => {
    const waiting = replyDueDate(cal, { receivedOn: '2025-04-24', supplement: { noticeOn: '2025-04-28', suppliedOn: null } });
    expect(waiting).toMatchObject({ state: 'awaiting_supplement', dueDate: null });
    const after = replyDueDate(cal, { receivedOn: '2025-04-24', supplement: { noticeOn: '2025-04-28', suppliedOn: '2025-05-09' } });
    expect(after).toMatchObject({ state: 'running', startOn: '2025-05-09', dueDate: '2025-06-09' });
  });
});

describe('pauses (art. 32–34) and extension (art. 33 ¶2)', () => {
  it('a third-party opinion across 元旦 2026 moves the date by the working days it took, then a 20-day extension crosses 春节 2026', () => {
    const base = replyDueDate(cal, { receivedOn: '2025-12-29' });
    expect(base.dueDate).toBe('2026-01-27');
    const pauses = [{ kind: 'third_party' as const, sentOn: '2026-01-07', answeredOn: '2026-01-14' }];
    const paused = replyDueDate(cal, { receivedOn: '2025-12-29', pauses });
    expect(paused).toMatchObject({ state: 'running', pausedDays: 5, firstLimit: '2026-02-03', dueDate: '2026-02-03' });
    expect(checkExtension(paused, '2026-02-02', 20, 0)).toBeNull();
    const extended = replyDueDate(cal, { receivedOn: '2025-12-29', pauses, extension: { approvedOn: '2026-02-02', days: 20 } });
    expect(extended).toMatchObject({ firstLimit: '2026-02-03', dueDate: '2026-03-09' });
  });

  it('refuses an extension after the first limit, beyond 20 days, or while awaiting 补正', () => {
    const c = replyDueDate(cal, { receivedOn: '2025-12-29' });
    expect(checkExtension(c, '2026-01-28', 5, 0)).toContain('届满前');
    expect(checkExtension(c, '2026-01-20', 21, 0)).toContain('20');
    expect(checkExtension(c, '2026-01-20', 10, 15)).toContain('20');
    const waiting = replyDueDate(cal, { receivedOn: '2025-12-29', supplement: { noticeOn: '2025-12-30', suppliedOn: null } });
    expect(checkExtension(waiting, '2025-12-31', 5, 0)).not.toBeNull();
  });

  it('an unanswered other-agency opinion pauses until its own 15-day limit (清明, 劳动节 2026, 05-09 worked)', () => {
    expect(pauseLimit(cal, 'other_agency', '2026-04-02')).toBe('2026-04-24');
    const open = replyDueDate(cal, { receivedOn: '2026-04-01', pauses: [{ kind: 'other_agency', sentOn: '2026-04-02', answeredOn: null }] });
    expect(open).toMatchObject({ state: 'paused', pausedDays: 15, dueDate: '2026-05-25' });
    // An answer after its limit does not stop the clock any longer.
    const late = replyDueDate(cal, { receivedOn: '2026-04-01', pauses: [{ kind: 'other_agency', sentOn: '2026-04-02', answeredOn: '2026-04-28' }] });
    expect(late).toMatchObject({ state: 'running', dueDate: '2026-05-25' });
  });

  it('overlapping pauses count each day once; a fee notice pauses until payment', () => {
    const one = replyDueDate(cal, { receivedOn: '2025-12-29', pauses: [{ kind: 'third_party', sentOn: '2026-01-07', answeredOn: '2026-01-14' }] });
    const two = replyDueDate(cal, {
      receivedOn: '2025-12-29',
      pauses: [
        { kind: 'third_party', sentOn: '2026-01-07', answeredOn: '2026-01-14' },
        { kind: 'other_agency', sentOn: '2026-01-08', answeredOn: '2026-01-12' },
      ],
    });
    expect(two.dueDate).toBe(one.dueDate);
    const fee = replyDueDate(cal, { receivedOn: '2025-03-03', pauses: [{ kind: 'fee', sentOn: '2025-03-05', answeredOn: '2025-03-07' }] });
    expect(replyDueDate(cal, { receivedOn: '2025-03-03' }).dueDate).toBe('2025-03-31');
    expect(fee).toMatchObject({ pausedDays: 2, dueDate: '2025-04-02' });
  });

  it('a pause sent before a supplement restarted the clock no longer counts', () => {
    const c = replyDueDate(cal, {
      receivedOn: '2025-04-24',
      supplement: { noticeOn: '2025-04-28', suppliedOn: '2025-05-09' },
      pauses: [{ kind: 'third_party', sentOn: '2025-04-29', answeredOn: '2025-05-08' }],
    });
    expect(c.dueDate).toBe('2025-06-09');
  });

  it('marks dates provisional when they cross a year with no schedule', () => {
    expect(replyDueDate(cal, { receivedOn: '2099-12-20' }).provisional).toBe(true);
  });

  it('lists reminders due within the horizon', () => {
    const r = upcomingReminders(cal, [{ kind: 'reply', dueOn: '2026-10-22' }, { kind: 'supplement_notice', dueOn: '2026-12-31' }, { kind: 'fee', dueOn: null }], '2026-10-19');
    expect(r).toEqual([{ kind: 'reply', dueOn: '2026-10-22', workingDaysLeft: 3 }]);
  });
});

describe('fees (art. 42; 国办函〔2020〕109号)', () => {
  it('per request in a natural month', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(perRequestFee)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400]);
  });
  it('per page in bands', () => {
    expect(perPageFee(30)).toBe(0);
    expect(perPageFee(31)).toBe(10);
    expect(perPageFee(100)).toBe(700);
    expect(perPageFee(101)).toBe(720);
    expect(perPageFee(200)).toBe(2700);
    expect(perPageFee(201)).toBe(2740);
  });
});
