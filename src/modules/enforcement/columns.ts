import { isValidResidentId } from '../../platform/checks.js';
import type { ColumnDef } from '../lists/index.js';
import { containsIdNumber, PARTY_KINDS, SEVERITIES, type DecisionKind } from './rules.js';

/**
 * The record fields of each decision kind (lists-enforcement.md), as typed columns: the same
 * definitions check a back-office form and every row of an .xlsx import, and lay out the export.
 */
const party: ColumnDef[] = [
  { key: 'partyName', label: '行政相对人名称', type: 'text', required: true, max: 200 },
  { key: 'partyKind', label: '行政相对人类别', type: 'enum', options: Object.values(PARTY_KINDS), required: true },
  { key: 'partyCreditCode', label: '统一社会信用代码', type: 'credit_code', aliases: ['行政相对人代码_1(统一社会信用代码)'] },
  { key: 'partyIdNumber', label: '证件号码', type: 'text', max: 18, aliases: ['身份证号码', '法定代表人证件号码'] },
  { key: 'legalRep', label: '法定代表人', type: 'text', max: 100 },
];
const tail: ColumnDef[] = [
  { key: 'dataSource', label: '数据来源单位', type: 'text', max: 200 },
  { key: 'note', label: '备注', type: 'text' },
];

export const PENALTY_CATEGORIES = ['警告', '通报批评', '罚款', '没收违法所得', '没收非法财物', '暂扣许可证件', '降低资质等级', '吊销许可证件', '限制开展生产经营活动', '责令停产停业', '责令关闭', '限制从业', '行政拘留', '其他'] as const;

export const DECISION_COLUMNS: Record<DecisionKind, ColumnDef[]> = {
  penalty: [
    ...party,
    { key: 'docNumber', label: '决定书文号', type: 'text', required: true, max: 100, aliases: ['行政处罚决定书文号'] },
    { key: 'violationType', label: '违法行为类型', type: 'text', required: true, max: 500 },
    { key: 'facts', label: '违法事实', type: 'text', required: true, max: 5000 },
    { key: 'basis', label: '处罚依据', type: 'text', required: true, max: 2000 },
    { key: 'category', label: '处罚类别', type: 'text', required: true, max: 200 },
    { key: 'content', label: '处罚内容', type: 'text', required: true, max: 2000 },
    { key: 'fineWan', label: '罚款金额（万元）', type: 'decimal', aliases: ['罚款金额(万元)', '罚款金额'] },
    { key: 'confiscatedWan', label: '没收金额（万元）', type: 'decimal', aliases: ['没收违法所得、没收非法财物的金额（万元）', '没收金额(万元)'] },
    { key: 'licenceRevoked', label: '暂扣或吊销证照名称及编号', type: 'text', max: 500 },
    { key: 'decisionDate', label: '处罚决定日期', type: 'date', required: true },
    { key: 'validUntil', label: '处罚有效期', type: 'date' },
    { key: 'severity', label: '失信程度', type: 'enum', options: Object.values(SEVERITIES), required: true },
    { key: 'authority', label: '处罚机关', type: 'text', required: true, max: 200 },
    { key: 'authorityCreditCode', label: '处罚机关统一社会信用代码', type: 'credit_code', required: true },
    ...tail,
  ],
  licensing: [
    ...party,
    { key: 'docName', label: '决定文书名称', type: 'text', required: true, max: 200, aliases: ['行政许可决定文书名称'] },
    { key: 'docNumber', label: '决定文书号', type: 'text', required: true, max: 100, aliases: ['决定文书文号', '行政许可决定文书号'] },
    { key: 'licenceCategory', label: '许可类别', type: 'enum', options: ['普通', '特许', '认可', '核准', '登记', '其他'], required: true },
    { key: 'certificateName', label: '许可证书名称', type: 'text', max: 200 },
    { key: 'licenceNo', label: '许可编号', type: 'text', max: 100 },
    { key: 'content', label: '许可内容', type: 'text', required: true, max: 2000 },
    { key: 'decisionDate', label: '许可决定日期', type: 'date', required: true },
    { key: 'validFrom', label: '有效期自', type: 'date', required: true },
    { key: 'validTo', label: '有效期至', type: 'date', required: true },
    { key: 'authority', label: '许可机关', type: 'text', required: true, max: 200 },
    { key: 'authorityCreditCode', label: '许可机关统一社会信用代码', type: 'credit_code', required: true },
    { key: 'status', label: '当前状态', type: 'enum', options: ['有效', '无效'], required: true },
    ...tail,
  ],
  coercion: [
    ...party,
    { key: 'docNumber', label: '决定书文号', type: 'text', required: true, max: 100 },
    { key: 'coercionType', label: '强制类别', type: 'enum', options: ['行政强制措施', '行政强制执行'], required: true },
    { key: 'measure', label: '强制方式', type: 'text', required: true, max: 200 },
    { key: 'facts', label: '事实', type: 'text', required: true, max: 5000 },
    { key: 'basis', label: '依据', type: 'text', required: true, max: 2000 },
    { key: 'content', label: '强制内容', type: 'text', required: true, max: 2000 },
    { key: 'decisionDate', label: '决定日期', type: 'date', required: true },
    { key: 'authority', label: '实施机关', type: 'text', required: true, max: 200 },
    { key: 'authorityCreditCode', label: '实施机关统一社会信用代码', type: 'credit_code', required: true },
    ...tail,
  ],
};

/** Fields never shown in public (证件号码). */
export const PRIVATE_FIELDS = new Set(['partyIdNumber']);

/** Checks across fields of one record; each problem names its column. */
export function decisionProblems(kind: DecisionKind, r: Record<string, string>, today: string): Array<{ key: string; message: string }> {
  const out: Array<{ key: string; message: string }> = [];
  const pk = r.partyKind;
  if (pk === PARTY_KINDS.legal) {
    if (!r.partyCreditCode) out.push({ key: 'partyCreditCode', message: '法人及非法人组织须填写统一社会信用代码' });
    if (!r.legalRep) out.push({ key: 'legalRep', message: '法人及非法人组织须填写法定代表人' });
  }
  if (pk === PARTY_KINDS.natural) {
    if (r.partyCreditCode) out.push({ key: 'partyCreditCode', message: '自然人没有统一社会信用代码，请留空' });
    if (r.partyIdNumber && !isValidResidentId(r.partyIdNumber.toUpperCase())) out.push({ key: 'partyIdNumber', message: '身份证号码不正确（出生日期或校验位错误）' });
  } else if (r.partyIdNumber && !isValidResidentId(r.partyIdNumber.toUpperCase())) {
    out.push({ key: 'partyIdNumber', message: '法定代表人身份证号码不正确（出生日期或校验位错误）' });
  }
  if (r.decisionDate && r.decisionDate > today) out.push({ key: 'decisionDate', message: '决定日期不能晚于今天' });
  if (kind === 'licensing' && r.validFrom && r.validTo && r.validTo < r.validFrom) out.push({ key: 'validTo', message: '有效期至早于有效期自' });
  if (kind === 'penalty') {
    if (/罚款/.test(r.category ?? '') && !(Number(r.fineWan) > 0)) out.push({ key: 'fineWan', message: '处罚类别含罚款时须填写罚款金额（万元）' });
    if (r.validUntil && r.decisionDate && r.validUntil < r.decisionDate) out.push({ key: 'validUntil', message: '处罚有效期早于处罚决定日期' });
  }
  for (const [key, value] of Object.entries(r)) {
    if (!PRIVATE_FIELDS.has(key) && value && containsIdNumber(value)) out.push({ key, message: '公示内容中不得出现身份证号码，请删除' });
  }
  return out;
}
