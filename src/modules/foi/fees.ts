/**
 * 信息处理费 (art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》). Free unless the
 * requests clearly exceed a reasonable amount; then the agency applies ONE scheme per
 * application. Amounts in yuan.
 */
export type FeeScheme = 'per_request' | 'per_page';

/**
 * 按件计收: the fee of the applicant's n-th request in one natural month (n ≥ 1).
 * ≤ 10: free; 11–30: 100 each; from 31, each further block of 10 adds 100 per request
 * (31–40: 200, 41–50: 300 …).
 */
export function perRequestFee(nthInMonth: number): number {
  if (!Number.isInteger(nthInMonth) || nthInMonth < 1) throw new RangeError('nthInMonth must be a positive integer');
  if (nthInMonth <= 10) return 0;
  if (nthInMonth <= 30) return 100;
  return 100 + 100 * Math.ceil((nthInMonth - 30) / 10);
}

/**
 * 按量计收: by pages of one application, in bands (每一档只对落入该档的部分计费):
 * ≤ 30 pages free; pages 31–100: 10/page; 101–200: 20/page; 201 and more: 40/page.
 */
export function perPageFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError('pages must be a non-negative integer');
  const band = (from: number, to: number, rate: number) => Math.max(0, Math.min(pages, to) - from + 1) * rate;
  return band(31, 100, 10) + band(101, 200, 20) + band(201, Number.MAX_SAFE_INTEGER, 40);
}

export function feeFor(scheme: FeeScheme, quantity: number): number {
  return scheme === 'per_request' ? perRequestFee(quantity) : perPageFee(quantity);
}
