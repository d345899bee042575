import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { cellText, decodeText, detectFileType } from '../privacy/extract.js';
import { badRequest } from '../../platform/errors.js';

/**
 * The neutral row model the work-plan parser reads: rows of cell texts. The text export, a
 * .docx table and an .xlsx sheet all become this, so one parser serves all three.
 * A merged cell appears once (in its first row/column); empty cells are kept as ''.
 */
export type TableRows = string[][];

const clean = (s: string) => s.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ').trim();

/**
 * The text export writes one cell per line, each ending with " |" (an empty cell is a lone
 * "|"). A cell whose text wrapped continues on the following line(s) without the "|":
 * those lines are joined to it. Row boundaries are not in the export: every cell is a row.
 */
export function rowsFromText(text: string): TableRows {
  const rows: TableRows = [];
  let pending = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trimEnd();
    if (line.endsWith('|')) {
      rows.push([clean(pending + line.slice(0, -1))]);
      pending = '';
    } else if (line.trim()) {
      pending += line.trim();
    }
  }
  if (pending.trim()) rows.push([clean(pending)]);
  return rows;
}

const decodeEntities = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Table rows of a .docx (mammoth HTML: <tr><td><p>…</p></td>…), paragraphs inside a cell joined. */
export async function rowsFromDocx(buf: Buffer): Promise<TableRows> {
  const { value: html } = await mammoth.convertToHtml({ buffer: buf });
  const rows: TableRows = [];
  for (const tr of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
    const cells = tr.match(/<t[dh][^>]*>[\s\S]*?<\/t[dh]>/g) ?? [];
    rows.push(cells.map((c) => clean(decodeEntities(c.replace(/<\/p>\s*<p>/g, '').replace(/<br\s*\/?>/g, '').replace(/<[^>]+>/g, '')))));
  }
  return rows;
}

/** Rows of the first sheet that has any content; merged ranges appear once, in their master cell. */
export async function rowsFromXlsx(buf: Buffer): Promise<TableRows> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) return [];
  const rows: TableRows = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getRow(r).getCell(c);
      row.push(cell.isMerged && cell.master.address !== cell.address ? '' : clean(cellText(cell).replace(/\r?\n/g, '')));
    }
    rows.push(row);
  }
  return rows;
}

/** Any of the three formats, recognised by content. */
export async function readTableFile(buf: Buffer): Promise<TableRows> {
  const type = detectFileType(buf);
  if (type === 'docx') return rowsFromDocx(buf);
  if (type === 'xlsx') return rowsFromXlsx(buf);
  if (type === 'text' || type === 'csv') return rowsFromText(decodeText(buf));
  throw badRequest('unsupported_file', '请上传工作要点任务表（.txt、.docx 或 .xlsx）');
}
