/**
 * Pure rules of the policy library (../shared/domain/publishing.md).
 */

/** 发文字号 (GB/T 9704-2012 §7.2.5): 机关代字 + 〔four-digit year〕 + serial without leading zeros + 号. */
export function isValidDocNumber(s: string): boolean {
  return /^[\u4e00-\u9fa5]{1,12}〔(19|20)\d{2}〕[1-9]\d{0,4}号$/.test(s);
}

export function docNumberProblem(s: string): string | null {
  if (isValidDocNumber(s)) return null;
  if (/\[|\]|\(|\)|（|）/.test(s)) return '年份应使用六角括号〔〕，不能使用 [ ] 或（ ）';
  if (/〔\d{2}〕/.test(s)) return '年份应写全四位，如〔2025〕';
  if (/第/.test(s)) return '发文字号中不加「第」字';
  if (/〕0\d/.test(s)) return '序号不编虚位，不能有前导零（如 3号 而非 03号）';
  return '发文字号格式应为「机关代字〔年份〕序号号」，如 相政办〔2025〕3号';
}

export const POLICY_KINDS = ['行政规范性文件', '其他政策文件', '规章'] as const;
export const VALIDITY = ['有效', '已修改', '废止', '失效'] as const;
export const INTERPRETATION_FORMS = ['文字', '图解', '视频', '动漫', '在线访谈', '专家解读', '新闻发布会'] as const;

export const EVENT_LABELS: Record<string, string> = {
  drafted: '起草',
  comment_opened: '公开征求意见',
  legality_reviewed: '合法性审核',
  registered: '统一登记编号',
  released: '正式发布',
  interpreted: '发布解读',
  evaluated: '执行效果评估',
  revised: '修订',
  repealed: '废止',
  expired: '失效',
};

/** Normative documents default to five years of validity (practice in many provinces). */
export function defaultValidUntil(policyKind: string, effectiveDate: string | null): string | null {
  if (policyKind !== '行政规范性文件' || !effectiveDate) return null;
  const [y, m, d] = effectiveDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + 5, m - 1, d - 1));
  return end.toISOString().slice(0, 10);
}

/** Was a policy in force on `date`? */
export function inForceOn(
  p: { effectiveDate: string | null; publishedOn: string | null; validUntil: string | null; endedOn: string | null },
  date: string,
): boolean {
  const start = p.effectiveDate ?? p.publishedOn;
  if (!start || start > date) return false;
  if (p.validUntil && p.validUntil < date) return false;
  if (p.endedOn && p.endedOn <= date) return false;
  return true;
}

/** Whole days between two ISO timestamps/dates (China dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86400_000);
}
