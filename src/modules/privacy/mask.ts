import ExcelJS from 'exceljs';
import { cellText } from './extract.js';

/**
 * Masked copy of an .xlsx list (e.g. 惠民惠农资金发放名单, 脱敏): the chosen columns are masked
 * with ONE rule per column kind, the same in every sheet and cell, so that no two published
 * copies reveal different parts of the same value (关联汇聚). Everything else — sheets, merged
 * cells, widths, styles, other cells — is kept.
 */
export type MaskRule = 'resident_id' | 'name' | 'phone' | 'bank_card' | 'address' | 'other';

/** The rule for a column, from its header. */
export function ruleForHeader(header: string): MaskRule {
  if (/身份证|证件号|公民身份/.test(header)) return 'resident_id';
  if (/电话|手机|联系方式/.test(header)) return 'phone';
  if (/卡号|账号|帐号|银行/.test(header)) return 'bank_card';
  if (/地址|住址|住所/.test(header)) return 'address';
  if (/姓名|名字|户主|户名|收款人|领取人|申请人|联系人/.test(header)) return 'name';
  return 'other';
}

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** Apply a rule to one value. Deterministic: the same input always gives the same output. */
export function maskValue(rule: MaskRule, value: string): string {
  const v = value.trim();
  if (!v) return value;
  const chars = [...v];
  switch (rule) {
    case 'resident_id': // first 6 + ******** + last 4
      return chars.length >= 11 ? `${chars.slice(0, 6).join('')}${stars(chars.length - 10)}${chars.slice(-4).join('')}` : stars(chars.length);
    case 'name': // first character + *
      return chars[0] + stars(chars.length - 1);
    case 'phone': // 3 + **** + 4
      return chars.length >= 8 ? `${chars.slice(0, 3).join('')}${stars(chars.length - 7)}${chars.slice(-4).join('')}` : stars(chars.length);
    case 'bank_card': // first 4 + * + last 4
      return chars.length >= 9 ? `${chars.slice(0, 4).join('')}${stars(chars.length - 8)}${chars.slice(-4).join('')}` : stars(chars.length);
    case 'address': // keep the first 6 characters (region), mask the rest
      return chars.length > 6 ? `${chars.slice(0, 6).join('')}${stars(chars.length - 6)}` : chars[0] + stars(chars.length - 1);
    default:
      return chars.length <= 2 ? chars[0] + stars(chars.length - 1) : chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
  }
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export interface MaskedColumn {
  sheet: string;
  header: string;
  column: string;
  headerRow: number;
  rule: MaskRule;
}

export interface MaskResult {
  buffer: Buffer;
  maskedCells: number;
  columns: MaskedColumn[];
  /** requested column names found in no sheet */
  missing: string[];
}

/** Look for the requested headers in the first rows of each sheet (the first row that has any of them). */
function findHeaderColumns(ws: ExcelJS.Worksheet, wanted: string[]): MaskedColumn[] {
  const maxRow = Math.min(ws.rowCount, 15);
  for (let r = 1; r <= maxRow; r++) {
    const found: MaskedColumn[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = norm(cellText(cell));
      const name = wanted.find((w) => norm(w) === text);
      if (name) found.push({ sheet: ws.name, header: name, column: ws.getColumn(cell.col).letter, headerRow: r, rule: ruleForHeader(name) });
    });
    if (found.length) return found;
  }
  return [];
}

export async function maskWorkbook(input: Buffer, columns: string[]): Promise<MaskResult> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  const all: MaskedColumn[] = [];
  let maskedCells = 0;
  wb.eachSheet((ws) => {
    const cols = findHeaderColumns(ws, columns);
    all.push(...cols);
    for (const c of cols) {
      for (let r = c.headerRow + 1; r <= ws.rowCount; r++) {
        const cell = ws.getCell(`${c.column}${r}`);
        if (cell.isMerged && cell.master.address !== cell.address) continue;
        const text = cellText(cell);
        if (!text.trim()) continue;
        cell.value = maskValue(c.rule, text);
        maskedCells++;
      }
    }
  });
  const seen = new Set(all.map((c) => c.header));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, maskedCells, columns: all, missing: columns.filter((c) => !seen.has(c)) };
}
