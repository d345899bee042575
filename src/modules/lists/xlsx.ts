import ExcelJS from 'exceljs';
import { badRequest } from '../../platform/errors.js';
import type { ColumnDef, ListKindDef } from './definitions.js';
import { rawText, validateRows, type CellProblem, type ListRow, type RawRow } from './validate.js';

/**
 * .xlsx in the layout units keep their lists in: an optional title row, one header row with the
 * column names, then one row per item. Import finds the header row (within the first 10 rows)
 * by the column names, so column order and extra columns do not matter; export writes the same
 * layout, so an exported file imports again unchanged.
 */
const norm = (s: string) => s.normalize('NFKC').replace(/[\s*＊]/g, '');

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function headerMatches(col: ColumnDef, text: string): boolean {
  const t = norm(text);
  return t === norm(col.label) || (col.aliases ?? []).some((a) => norm(a) === t);
}

export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('invalid_xlsx', '文件不是有效的 Excel (.xlsx) 文件');
  }
  if (!wb.worksheets.length) throw badRequest('invalid_xlsx', 'Excel 文件中没有工作表');
  return wb;
}

export interface TableRead {
  raw: RawRow[];
  letters: Record<string, string>;
  problems: CellProblem[];
  headerRow: number;
}

/** Read a sheet as rows keyed by the definition's columns (no value checks yet). */
export function readSheet(columns: readonly ColumnDef[], ws: ExcelJS.Worksheet): TableRead {
  let best = { row: 0, map: new Map<string, number>() };
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const map = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => {
      const col = columns.find((x) => headerMatches(x, rawText(cell.value)));
      if (col && !map.has(col.key)) map.set(col.key, c);
    });
    if (map.size > best.map.size) best = { row: r, map };
  }
  const problems: CellProblem[] = [];
  if (best.map.size === 0) {
    problems.push({ row: 1, column: '', header: '', value: '', message: `未找到表头：第一行（或标题下一行）应为列名，如 ${columns.map((c) => c.label).join('、')}` });
    return { raw: [], letters: {}, problems, headerRow: 0 };
  }
  for (const col of columns) {
    if (col.required && !best.map.has(col.key)) problems.push({ row: best.row, column: '', header: col.label, value: '', message: `缺少必填列「${col.label}」` });
  }
  const letters: Record<string, string> = {};
  for (const [k, c] of best.map) letters[k] = columnLetter(c);
  const raw: RawRow[] = [];
  for (let r = best.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, unknown> = {};
    let any = false;
    for (const [k, c] of best.map) {
      const v = row.getCell(c).value;
      cells[k] = v;
      if (rawText(v).trim()) any = true;
    }
    if (any) raw.push({ line: r, cells });
  }
  return { raw, letters, problems, headerRow: best.row };
}

/** Pick the sheet named like the list, else the first one. */
export function listSheet(wb: ExcelJS.Workbook, label: string): ExcelJS.Worksheet {
  return wb.worksheets.find((w) => norm(w.name) === norm(label)) ?? wb.worksheets[0]!;
}

/**
 * Import: every row is checked and every problem reported with its row and column; the caller
 * saves nothing unless `problems` is empty.
 */
export async function readListXlsx(def: ListKindDef, buf: Buffer): Promise<{ rows: ListRow[]; problems: CellProblem[] }> {
  const wb = await loadWorkbook(buf);
  const t = readSheet(def.columns, listSheet(wb, def.label));
  if (t.problems.length) return { rows: [], problems: t.problems };
  if (!t.raw.length) return { rows: [], problems: [{ row: t.headerRow + 1, column: '', header: '', value: '', message: '表头下没有数据行' }] };
  return validateRows(def, t.raw, t.letters);
}

/** Export in the import layout: title row, header row, one row per item. */
export async function listToXlsx(columns: readonly ColumnDef[], rows: ListRow[], title: string, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  const header = ws.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  for (const r of rows) {
    ws.addRow(columns.map((c) => {
      const v = r[c.key] ?? '';
      return (c.type === 'integer' || c.type === 'decimal') && v !== '' ? Number(v) : v;
    }));
  }
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.type === 'text' && (c.max ?? 2000) > 100 ? 40 : 16;
    ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
