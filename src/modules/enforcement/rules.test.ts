import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/working-days.js';
import { decisionProblems } from './columns.js';
import { AUTHORITY_CODE, COMPANY_CODE, PERSON_ID } from './fixtures.test-support.js';
import { addMonths, containsIdNumber, earliestRepair, isLate, isOnPublicView, publicationDeadline, publicPartyName, publicText, publicityEnd } from './rules.js';

const cal = new WorkingCalendar();

describe('publication deadline (7 working days for licences and penalties, 20 for others)', () => {
  it('counts working days from the day after the decision, across 国庆 2026 and its 调休 Saturday', () => {
    expect(publicationDeadline(cal, 'licensing', '2026-09-30').date).toBe('2026-10-15');
    expect(publicationDeadline(cal, 'penalty', '2026-09-30').date).toBe('2026-10-15');
    expect(publicationDeadline(cal, 'coercion', '2026-09-30').date).toBe('2026-11-03');
    expect(publicationDeadline(cal, 'penalty', '2026-11-02').date).toBe('2026-11-11');
  });
  it('flags publication after the deadline only', () => {
    expect(isLate('2026-11-11', '2026-11-11')).toBe(false);
    expect(isLate('2026-11-11', '2026-11-12')).toBe(true);
  });
});

describe('publicity period of penalties', () => {
  it('adds months with the month end clamped', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });
  it('ordinary: 1 year at most; serious: 3 years; licences never end by themselves', () => {
    expect(publicityEnd('penalty', '2025-01-31', 'ordinary', '2025-06-01')).toBe('2026-01-31');
    expect(publicityEnd('penalty', '2025-01-31', 'serious', '2025-06-01')).toBe('2028-01-31');
    expect(publicityEnd('licensing', '2025-01-31', null, '2025-06-01')).toBeNull();
  });
  it('minor: one year under Order 58, three months from 2026-04-01 (Order 36 of 2025)', () => {
    expect(publicityEnd('penalty', '2025-12-01', 'minor', '2026-03-31')).toBe('2026-12-01');
    expect(publicityEnd('penalty', '2025-12-01', 'minor', '2026-04-01')).toBe('2026-03-01');
    const d = { status: 'published', decisionKind: 'penalty' as const, decisionDate: '2025-12-01', severity: 'minor' as const, creditRepairedOn: null };
    expect(isOnPublicView(d, '2026-03-31')).toBe(true);
    expect(isOnPublicView(d, '2026-04-01')).toBe(false);
    // an ordinary penalty of the same day is not affected by the change
    expect(isOnPublicView({ ...d, severity: 'ordinary' }, '2026-04-01')).toBe(true);
    expect(isOnPublicView({ ...d, severity: 'ordinary' }, '2026-11-30')).toBe(true);
    expect(isOnPublicView({ ...d, severity: 'ordinary' }, '2026-12-01')).toBe(false);
  });
  it('credit repair is possible after the minimum period; a repaired record is not shown', () => {
    expect(earliestRepair('2026-01-05', 'serious', '2026-06-01')).toBe('2027-01-05');
    expect(earliestRepair('2026-05-04', 'ordinary', '2026-06-01')).toBe('2026-08-04');
    expect(isOnPublicView({ status: 'published', decisionKind: 'penalty', decisionDate: '2026-05-04', severity: 'ordinary', creditRepairedOn: '2026-08-04' }, '2026-08-05')).toBe(false);
  });
});

describe('personal data', () => {
  it('masks natural persons’ names everywhere, keeps organisations', () => {
    expect(publicPartyName('natural', '张三丰')).toBe('张**');
    expect(publicPartyName('legal', '相山区某某有限公司')).toBe('相山区某某有限公司');
    expect(publicText('张三丰在店内销售过期食品', { kind: 'natural', name: '张三丰' })).toBe('张**在店内销售过期食品');
  });
  it('finds identity numbers in text, also masked ones', () => {
    expect(containsIdNumber(`当事人身份证号${PERSON_ID}`)).toBe(true);
    expect(containsIdNumber('身份证号340603********001X')).toBe(true);
    expect(containsIdNumber('罚款 2000 元')).toBe(false);
  });
});

describe('record checks across fields', () => {
  const penalty = {
    partyName: '相山区某某食品有限公司', partyKind: '法人及非法人组织', partyCreditCode: COMPANY_CODE, legalRep: '李四', docNumber: '相市监罚〔2026〕1号',
    violationType: '销售过期食品', facts: '销售超过保质期的食品', basis: '《食品安全法》第一百二十四条', category: '罚款', content: '罚款五千元', fineWan: '0.5',
    decisionDate: '2026-11-02', severity: '一般', authority: '相山区市场监督管理局', authorityCreditCode: AUTHORITY_CODE,
  };
  it('accepts a complete record', () => expect(decisionProblems('penalty', penalty, '2026-11-27')).toEqual([]));
  it('names each problem by its column', () => {
    const keys = (r: Record<string, string>) => decisionProblems('penalty', r, '2026-11-27').map((p) => p.key).sort();
    expect(keys({ ...penalty, partyCreditCode: '', legalRep: '' })).toEqual(['legalRep', 'partyCreditCode']);
    expect(keys({ ...penalty, fineWan: '' })).toEqual(['fineWan']);
    expect(keys({ ...penalty, decisionDate: '2026-12-01' })).toEqual(['decisionDate']);
    expect(keys({ ...penalty, partyKind: '自然人', partyCreditCode: '', partyIdNumber: '340603198503120011' })).toEqual(['partyIdNumber']);
    expect(keys({ ...penalty, facts: `当事人（身份证号${PERSON_ID}）销售过期食品` })).toEqual(['facts']);
  });
});
