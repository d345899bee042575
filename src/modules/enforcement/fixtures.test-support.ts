import ExcelJS from 'exceljs';
import { DECISION_COLUMNS } from './columns.js';

/** Valid check digits (GB 32100, GB 11643), made with platform/checks.ts. */
export const AUTHORITY_CODE = '11340603MB1234567P';
export const COMPANY_CODE = '91340603MA2T0000A4';
export const SHOP_CODE = '92340603MA2T0000B4';
export const PERSON_ID = '34060319850312001X';

export function penaltyFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    partyName: '相山区某某食品有限公司', partyKind: '法人及非法人组织', partyCreditCode: COMPANY_CODE, legalRep: '李四', docNumber: '相市监罚〔2026〕1号',
    violationType: '销售过期食品', facts: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条', category: '警告；罚款', content: '警告，罚款人民币五千元',
    fineWan: '0.5', decisionDate: '2026-11-02', severity: '一般', authority: '相山区市场监督管理局', authorityCreditCode: AUTHORITY_CODE, dataSource: '相山区市场监督管理局',
    ...over,
  };
}

/** Penalties as an .xlsx in the import layout (headers = the column labels). */
export async function penaltyXlsx(rows: Array<Record<string, string>>): Promise<Buffer> {
  const cols = DECISION_COLUMNS.penalty;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow(cols.map((c) => c.label));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
