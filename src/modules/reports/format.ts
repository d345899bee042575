import { OUTCOME_GROUPS } from '../foi/outcomes.js';
import type { ApplicationRecord, CaseRecord } from '../foi/report-source.js';

/**
 * 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号): labels verbatim,
 * the tables as pure functions of the platform's records, and every 勾稽 check.
 */
export const SECTION_TITLES = {
  s1: '一、总体情况',
  s2: '二、主动公开政府信息情况',
  s3: '三、收到和处理政府信息公开申请情况',
  s4: '四、政府信息公开行政复议、行政诉讼情况',
  s5: '五、存在的主要问题及改进情况',
  s6: '六、其他需要报告的事项',
} as const;

// ---- 二、主动公开政府信息情况 ----
export interface Section2 {
  /** 第二十条第（一）项 */
  rules: { issued: number; repealed: number; current: number };
  normativeDocuments: { issued: number; repealed: number; current: number };
  /** 第二十条第（五）项 */
  licensing: number;
  /** 第二十条第（六）项 */
  penalty: number;
  coercion: number;
  /** 第二十条第（八）项, 万元 */
  feesWanYuan: number;
}
export const EMPTY_SECTION2: Section2 = { rules: { issued: 0, repealed: 0, current: 0 }, normativeDocuments: { issued: 0, repealed: 0, current: 0 }, licensing: 0, penalty: 0, coercion: 0, feesWanYuan: 0 };
export const S2_LABELS = {
  clause1: '第二十条第（一）项', clause5: '第二十条第（五）项', clause6: '第二十条第（六）项', clause8: '第二十条第（八）项',
  content: '信息内容', issued: '本年制发件数', repealed: '本年废止件数', current: '现行有效件数', decisions: '本年处理决定数量', fees: '本年收费金额（单位：万元）',
  rules: '规章', normative: '行政规范性文件', licensing: '行政许可', penalty: '行政处罚', coercion: '行政强制', charges: '行政事业性收费',
} as const;

// ---- 三、收到和处理政府信息公开申请情况 ----
export const S3_COLUMNS = [
  { key: 'natural', label: '自然人' },
  { key: 'business', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'public_welfare', label: '社会公益组织' },
  { key: 'legal_service', label: '法律服务机构' },
  { key: 'other', label: '其他' },
  { key: 'total', label: '总计' },
] as const;
export type S3Column = (typeof S3_COLUMNS)[number]['key'];
export const S3_HEADER = { applicant: '申请人情况', legal: '法人或其他组织', note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' } as const;

/** level: 1 = 一/二/三/四, 2 = （一）…（七）, 3 = numbered rows. `group` rows are sums of their numbered rows. */
export interface S3RowDef {
  key: string;
  label: string;
  level: 1 | 2 | 3;
  group?: string;
  hasValues: boolean;
}
export const S3_ROWS: S3RowDef[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', level: 1, hasValues: true },
  { key: 'carried_in', label: '二、上年结转政府信息公开申请数量', level: 1, hasValues: true },
  { key: 'results', label: '三、本年度办理结果', level: 1, hasValues: false },
  ...OUTCOME_GROUPS.flatMap((g): S3RowDef[] => [
    { key: g.key, label: g.label, level: 2, hasValues: true },
    ...(g.rows ?? []).map(([k, l]) => ({ key: k as string, label: l as string, level: 3 as const, group: g.key, hasValues: true })),
  ]),
  { key: 'result_total', label: '（七）总计', level: 2, hasValues: true },
  { key: 'carried_out', label: '四、结转下年度继续办理', level: 1, hasValues: true },
];
export type S3Table = Record<string, Record<S3Column, number>>;

const zeroRow = (): Record<S3Column, number> => ({ natural: 0, business: 0, research: 0, public_welfare: 0, legal_service: 0, other: 0, total: 0 });
const columnOf = (r: ApplicationRecord): Exclude<S3Column, 'total'> => (r.applicantKind === 'natural' ? 'natural' : ((r.legalSubtype ?? 'other') as Exclude<S3Column, 'total'>));

/**
 * Section 三 from the applications: 一 received in the year; 二 received before it and not
 * answered before it (carry-over); 三 answered in the year, by outcome; 四 received by the
 * end of the year and not answered by then.
 */
export function buildSection3(records: ApplicationRecord[], year: number): S3Table {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t: S3Table = Object.fromEntries(S3_ROWS.filter((r) => r.hasValues).map((r) => [r.key, zeroRow()]));
  const groupOf = new Map(S3_ROWS.filter((r) => r.group).map((r) => [r.key, r.group!]));
  const add = (row: string, col: Exclude<S3Column, 'total'>) => {
    t[row]![col]++;
    t[row]!.total++;
  };
  for (const r of records) {
    if (r.receivedOn > end) continue;
    const col = columnOf(r);
    if (r.receivedOn >= start) add('new', col);
    else if (!r.repliedOn || r.repliedOn >= start) add('carried_in', col);
    if (r.repliedOn && r.repliedOn >= start && r.repliedOn <= end && r.outcome) {
      add(r.outcome, col);
      const g = groupOf.get(r.outcome);
      if (g) add(g, col);
      add('result_total', col);
    } else if (!r.repliedOn || r.repliedOn > end) add('carried_out', col);
  }
  return t;
}

// ---- 四、政府信息公开行政复议、行政诉讼情况 ----
export const S4_RESULTS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;
export const S4_GROUPS = [
  { key: 'review', label: '行政复议' },
  { key: 'litigation_direct', label: '未经复议直接起诉' },
  { key: 'litigation_after_review', label: '复议后起诉' },
] as const;
export const S4_LITIGATION = '行政诉讼';
export type S4Counts = Record<(typeof S4_RESULTS)[number]['key'], number>;
export type Section4 = Record<(typeof S4_GROUPS)[number]['key'], S4Counts>;

/** Cases filed in the year; a case not closed by 31 December is 尚未审结. */
export function buildSection4(cases: CaseRecord[], year: number): Section4 {
  const end = `${year}-12-31`;
  const z = (): S4Counts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  const s: Section4 = { review: z(), litigation_direct: z(), litigation_after_review: z() };
  for (const c of cases) {
    if (!c.filedOn.startsWith(`${year}-`)) continue;
    const closed = c.result !== 'pending' && c.closedOn !== null && c.closedOn <= end;
    s[c.kind][closed ? c.result : 'pending']++;
    s[c.kind].total++;
  }
  return s;
}

// ---- 勾稽 checks ----
export interface Check {
  id: string;
  description: string;
  ok: boolean;
  detail: string;
}

export function checkReport(s3: S3Table, s4: Section4, previousCarriedOut: Record<S3Column, number> | null): Check[] {
  const out: Check[] = [];
  const cols = S3_COLUMNS.map((c) => c.key);
  const v = (row: string, col: S3Column) => s3[row]![col];
  for (const c of S3_COLUMNS) {
    const left = v('new', c.key) + v('carried_in', c.key);
    const right = v('result_total', c.key) + v('carried_out', c.key);
    out.push({ id: `balance.${c.key}`, description: `「${c.label}」列：一 + 二 = 三（七） + 四`, ok: left === right, detail: `${left} = ${right}` });
    const groups = S3_ROWS.filter((r) => r.level === 2 && r.key !== 'result_total');
    const sum = groups.reduce((a, g) => a + v(g.key, c.key), 0);
    out.push({ id: `total.${c.key}`, description: `「${c.label}」列：（七） = （一）至（六）之和`, ok: sum === v('result_total', c.key), detail: `${v('result_total', c.key)} = ${sum}` });
    for (const g of groups.filter((g) => S3_ROWS.some((r) => r.group === g.key))) {
      const parts = S3_ROWS.filter((r) => r.group === g.key).reduce((a, r) => a + v(r.key, c.key), 0);
      out.push({ id: `group.${g.key}.${c.key}`, description: `「${c.label}」列：${g.label.slice(0, 3)} = 其各项之和`, ok: parts === v(g.key, c.key), detail: `${v(g.key, c.key)} = ${parts}` });
    }
  }
  for (const r of S3_ROWS.filter((r) => r.hasValues)) {
    const sum = cols.filter((c) => c !== 'total').reduce((a, c) => a + v(r.key, c), 0);
    out.push({ id: `row.${r.key}`, description: `「${r.label}」行：总计 = 自然人 + 五类法人或其他组织`, ok: sum === v(r.key, 'total'), detail: `${v(r.key, 'total')} = ${sum}` });
  }
  if (previousCarriedOut) {
    for (const c of S3_COLUMNS) {
      out.push({ id: `carry.${c.key}`, description: `「${c.label}」列：本年「二、上年结转」 = 上年「四、结转下年度继续办理」`, ok: previousCarriedOut[c.key] === v('carried_in', c.key), detail: `${v('carried_in', c.key)} = ${previousCarriedOut[c.key]}` });
    }
  }
  for (const g of S4_GROUPS) {
    const x = s4[g.key];
    const sum = x.upheld + x.corrected + x.other + x.pending;
    out.push({ id: `s4.${g.key}`, description: `四、${g.label}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`, ok: sum === x.total, detail: `${x.total} = ${sum}` });
  }
  return out;
}
