import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isIsoDate, isValidCreditCode, isValidResidentId, residentIdCheckChar } from './checks.js';

describe('unified social credit code (GB 32100)', () => {
  it('accepts the example from checks.md', () => expect(isValidCreditCode('91350100M000100Y43')).toBe(true));
  it('rejects a wrong check character', () => expect(isValidCreditCode('91350100M000100Y44')).toBe(false));
  it('rejects letters outside the alphabet (I, O, S, V, Z)', () => expect(isValidCreditCode('91350100M0001O0Y43')).toBe(false));
  it('rejects wrong length and lower case', () => {
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });
  it('computes the check character that completes a code', () => {
    const first17 = '11340603MB0000001';
    expect(isValidCreditCode(first17 + creditCodeCheckChar(first17))).toBe(true);
  });
});

describe('resident identity number (GB 11643)', () => {
  it('accepts the example from checks.md', () => expect(isValidResidentId('11010519491231002X')).toBe(true));
  it('rejects a wrong check character', () => expect(isValidResidentId('110105194912310021')).toBe(false));
  it('rejects an impossible birth date even with a matching check character', () => {
    const first17 = '11010519490231002'; // 31 February
    expect(isValidResidentId(first17 + residentIdCheckChar(first17))).toBe(false);
  });
});

describe('ISO dates', () => {
  it('knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });
});
