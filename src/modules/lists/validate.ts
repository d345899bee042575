import { isIsoDate, isValidCreditCode } from '../../platform/checks.js';
import type { ColumnDef, ListKindDef } from './definitions.js';

/** One list row: column key → normalised text. */
export type ListRow = Record<string, string>;

/** A problem in one cell: the row as the user numbers it (the .xlsx row, or 1-based in a form) and the column. */
export interface CellProblem {
  row: number;
  /** .xlsx column letter (C), or '' when the rows came from a form */
  column: string;
  header: string;
  value: string;
  message: string;
}

/** An input row before validation: cell values by column key, with where each came from. */
export interface RawRow {
  /** row number as the user sees it */
  line: number;
  cells: Record<string, unknown>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Text of a raw cell value (exceljs values included: dates, rich text, formulas, hyperlinks). */
export function rawText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return rawText(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return '';
  }
  return String(v);
}

/** YYYY-MM-DD from the ways dates are written in units' spreadsheets (2025-03-01, 2025/3/1, 2025年3月1日, 2025.3.1). */
export function normaliseDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isIsoDate(iso) ? iso : null;
}

/** Validate and normalise one cell. Returns the stored text, or the reason it is refused. */
export function checkCell(col: ColumnDef, raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  const text = rawText(raw).replace(/\r\n?/g, '\n').trim();
  if (!text) return col.required ? { ok: false, message: `「${col.label}」为必填项` } : { ok: true, value: '' };
  switch (col.type) {
    case 'integer': {
      const t = text.replace(/\.0+$/, '');
      if (!/^\d{1,9}$/.test(t)) return { ok: false, message: `「${col.label}」应为非负整数` };
      return { ok: true, value: String(Number(t)) };
    }
    case 'decimal': {
      const t = text.replace(/,/g, '');
      if (!/^\d{1,12}(\.\d{1,6})?$/.test(t)) return { ok: false, message: `「${col.label}」应为非负数（最多 6 位小数）` };
      return { ok: true, value: String(Number(t)) };
    }
    case 'date': {
      const d = raw instanceof Date ? rawText(raw) : normaliseDate(text);
      if (!d || !isIsoDate(d)) return { ok: false, message: `「${col.label}」不是有效日期（如 2025-03-01）` };
      return { ok: true, value: d };
    }
    case 'enum':
      if (!col.options?.includes(text)) return { ok: false, message: `「${col.label}」只能是：${col.options?.join('、')}` };
      return { ok: true, value: text };
    case 'credit_code': {
      const t = text.toUpperCase();
      if (t.length !== 18) return { ok: false, message: `「${col.label}」应为 18 位` };
      if (!isValidCreditCode(t)) return { ok: false, message: `「${col.label}」校验位不正确` };
      return { ok: true, value: t };
    }
    case 'url':
      if (!/^https?:\/\/[^\s<>"]+$/.test(text)) return { ok: false, message: `「${col.label}」应为以 http:// 或 https:// 开头的网址` };
      return { ok: true, value: text };
    default: {
      const max = col.max ?? 2000;
      if ([...text].length > max) return { ok: false, message: `「${col.label}」不能超过 ${max} 字` };
      return { ok: true, value: text };
    }
  }
}

export function rowKeyOf(def: ListKindDef, row: ListRow): string {
  return def.rowKey.map((k) => (row[k] ?? '').normalize('NFKC').replace(/\s+/g, '')).join('\u0001');
}

/**
 * Validate every row; all problems are reported (not only the first). A row key that repeats
 * within the list is a problem too: rows are identified by it across versions.
 * `letters` maps column keys to .xlsx column letters when the rows came from a file.
 */
export function validateRows(def: ListKindDef, rows: RawRow[], letters: Record<string, string> = {}): { rows: ListRow[]; problems: CellProblem[] } {
  const out: ListRow[] = [];
  const problems: CellProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const row: ListRow = {};
    let rowOk = true;
    for (const col of def.columns) {
      const res = checkCell(col, r.cells[col.key]);
      if (res.ok) row[col.key] = res.value;
      else {
        rowOk = false;
        problems.push({ row: r.line, column: letters[col.key] ?? '', header: col.label, value: rawText(r.cells[col.key]).slice(0, 100), message: res.message });
      }
    }
    if (rowOk) {
      const key = rowKeyOf(def, row);
      const first = seen.get(key);
      if (first !== undefined) {
        const col = def.columns.find((c) => c.key === def.rowKey[0])!;
        problems.push({
          row: r.line, column: letters[col.key] ?? '', header: col.label, value: row[col.key] ?? '',
          message: `与第 ${first} 行重复（${def.rowKey.map((k) => def.columns.find((c) => c.key === k)!.label).join('＋')}须唯一）`,
        });
      } else seen.set(key, r.line);
    }
    out.push(row);
  }
  return { rows: out, problems };
}
