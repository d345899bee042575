import { describe, expect, it } from 'vitest';
import { combineSightings, findAggregationRisks, idSightings } from './aggregate.js';
import { isValidResidentId } from '../../platform/checks.js';
import { residentId } from './fixtures.test-support.js';

const ID = residentId('34060219900101123'); // 34060219900101123 + check
const mask = (keep: (i: number) => boolean, id = ID) => [...id].map((c, i) => (keep(i) ? c : '*')).join('');
const first6last4 = mask((i) => i < 6 || i >= 14); // 340602********1233
const first10last4 = mask((i) => i < 10 || i >= 14); // 3406021990****1233
const first14 = mask((i) => i < 14); // 34060219900101****

describe('aggregation risk (关联汇聚)', () => {
  it('a year in one item and the full birth date beside the mask in another', () => {
    const pairs = findAggregationRisks([
      { id: 'notice-1', text: `补贴公示：张三 ${first10last4} 已发放` },
      { id: 'list-7', text: `序号 姓名 身份证号 出生日期\n1 张三 ${first6last4} 1990-01-01\n2 李四 ${mask((i) => i < 6 || i >= 14, residentId('34060219851203456'))} 1985-12-03` },
    ]);
    expect(pairs).toHaveLength(1);
    const p = pairs[0]!;
    expect([p.a.itemId, p.b.itemId].sort()).toEqual(['list-7', 'notice-1']);
    expect(p.combined).toBe(ID);
    expect(p.fullNumber).toBe(true);
    expect(p.revealed).toEqual(['birth_date', 'full_number']);
    expect(p.b.birthDate ?? p.a.birthDate).toBe('19900101');
  });

  it('two masks that together show all 18 characters', () => {
    const [p, ...rest] = findAggregationRisks([
      { id: 'a', text: `申请人身份证号：${first14}` },
      { id: 'b', text: `身份证号${first6last4}，联系电话138****5678` },
    ]);
    expect(rest).toEqual([]);
    // each field is shown by one of them; only together do they give the whole number
    expect(p).toMatchObject({ combined: ID, fullNumber: true, revealed: ['full_number'], shared: 6 });
  });

  it('a pair that leaves one digit hidden is still complete through the check character', () => {
    const almost = mask((i) => i !== 16 && (i < 6 || i >= 14)); // 340602********12*3 (seq digit hidden)
    const p = combineSightings(idSightings({ id: 'x', text: first14.slice(0, 14) + '****' })[0]!, idSightings({ id: 'y', text: almost })[0]!);
    expect(p).not.toBeNull();
    expect(p!.combined).toBe(`${ID.slice(0, 16)}*${ID[17]}`);
    expect(p!.fullNumber).toBe(true);
  });

  it('the same mask everywhere, different people, or different digits are no risk', () => {
    expect(findAggregationRisks([{ id: 'a', text: first6last4 }, { id: 'b', text: `又见 ${first6last4}` }])).toEqual([]);
    const other = residentId('34060219900101456');
    expect(findAggregationRisks([{ id: 'a', text: first10last4 }, { id: 'b', text: mask((i) => i < 10 || i >= 14, other) }])).toEqual([]);
    // region only in common and the union is not a valid number: not linked
    const born85 = ['34060219851203456', '34060219851203457', '34060219851203458'].map(residentId).find((o) => !isValidResidentId(ID.slice(0, 14) + o.slice(14)))!;
    expect(findAggregationRisks([{ id: 'a', text: first14 }, { id: 'b', text: mask((i) => i < 6 || i >= 14, born85) }])).toEqual([]);
    // …but when the union is a valid number it may well be one person: reported
    const sameDay = residentId('34060219900101456');
    expect(findAggregationRisks([{ id: 'a', text: first14 }, { id: 'b', text: mask((i) => i < 6 || i >= 14, sameDay) }])[0]).toMatchObject({ combined: sameDay, fullNumber: true });
    // two masks in the same item are that item's own business (the scan reports them)
    expect(findAggregationRisks([{ id: 'a', text: `${first14}\n${first6last4}` }])).toEqual([]);
  });

  it('a birth date elsewhere in an item completes its only mask; an ambiguous date does not', () => {
    expect(idSightings({ id: 'a', text: `当事人：张三\n身份证号：${first6last4}\n出生日期：1990年1月1日` })[0]!.known).toBe(ID);
    const two = idSightings({ id: 'b', text: `${first6last4} 出生 19900101、19911111` })[0]!;
    expect(two).toMatchObject({ known: first6last4, birthDate: null });
    // a date that contradicts shown digits is not used
    expect(idSightings({ id: 'c', text: `${first10last4} 1985-12-03` })[0]).toMatchObject({ known: first10last4, birthDate: null });
  });
});
