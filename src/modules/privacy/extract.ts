import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText } from 'unpdf';

/**
 * Text extraction from attachments (附件), by content (magic bytes), never by file name:
 * .xlsx (every sheet and cell), .docx (paragraphs), .pdf (text per page), CSV and plain text
 * (UTF-8, or GB 18030 when the bytes are not UTF-8 — common for CSV saved by Excel).
 */
export type FileType = 'xlsx' | 'docx' | 'pdf' | 'csv' | 'text' | 'unsupported';

export type Place =
  | { sheet: string; cell: string }
  | { page: number; line: number }
  | { paragraph: number; line: number }
  | { row: number; column: number }
  | { line: number };

export interface Segment {
  place: Place;
  text: string;
}

const has = (buf: Buffer, s: string) => buf.includes(Buffer.from(s, 'latin1'));

export function detectFileType(buf: Buffer): FileType {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    // OOXML packages: the part names are stored uncompressed in the ZIP headers.
    if (has(buf, 'xl/workbook.xml')) return 'xlsx';
    if (has(buf, 'word/document.xml')) return 'docx';
    return 'unsupported';
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return 'unsupported'; // binary (.xls/.doc OLE2, images, archives …)
  return looksLikeCsv(decodeText(head)) ? 'csv' : 'text';
}

/** UTF-8 (with or without BOM), else GB 18030. */
export function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length < 2) return false;
  const commas = lines.map((l) => splitCsvLine(l).length - 1);
  return commas[0]! >= 1 && commas.filter((c) => c === commas[0]).length >= Math.ceil(lines.length * 0.8);
}

/** One CSV record (RFC 4180 quoting within the line; good enough for scanning). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const lines = (text: string) => text.split(/\r\n|\r|\n/);

export async function xlsxSegments(buf: Buffer): Promise<Segment[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Segment[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged range's value lives in its top-left (master) cell only.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const text = cellText(cell);
        if (text) out.push({ place: { sheet: ws.name, cell: cell.address }, text });
      });
    });
  });
  return out;
}

export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string') return v;
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

export async function docxSegments(buf: Buffer): Promise<Segment[]> {
  const { value } = await mammoth.extractRawText({ buffer: buf });
  const out: Segment[] = [];
  // mammoth ends every paragraph with "\n\n"; a soft line break inside one is a single "\n".
  value.split('\n\n').forEach((para, p) => {
    lines(para).forEach((text, l) => {
      if (text.trim()) out.push({ place: { paragraph: p + 1, line: l + 1 }, text });
    });
  });
  return out;
}

/** pdf.js may return CJK radicals (U+2E80–U+2FDF) for some fonts: NFKC maps them to the unified ideographs. */
export async function pdfSegments(buf: Buffer): Promise<Segment[]> {
  const { text } = await extractText(new Uint8Array(buf), { mergePages: false });
  const out: Segment[] = [];
  text.forEach((pageText, p) => {
    lines(pageText.normalize('NFKC')).forEach((t, l) => {
      if (t.trim()) out.push({ place: { page: p + 1, line: l + 1 }, text: t });
    });
  });
  return out;
}

export function csvSegments(buf: Buffer): Segment[] {
  const out: Segment[] = [];
  lines(decodeText(buf)).forEach((line, r) => {
    splitCsvLine(line).forEach((text, c) => {
      if (text.trim()) out.push({ place: { row: r + 1, column: c + 1 }, text });
    });
  });
  return out;
}

export function textSegments(buf: Buffer): Segment[] {
  const out: Segment[] = [];
  lines(decodeText(buf)).forEach((text, l) => {
    if (text.trim()) out.push({ place: { line: l + 1 }, text });
  });
  return out;
}

export async function extractSegments(buf: Buffer): Promise<{ type: FileType; segments: Segment[] }> {
  const type = detectFileType(buf);
  switch (type) {
    case 'xlsx':
      return { type, segments: await xlsxSegments(buf) };
    case 'docx':
      return { type, segments: await docxSegments(buf) };
    case 'pdf':
      return { type, segments: await pdfSegments(buf) };
    case 'csv':
      return { type, segments: csvSegments(buf) };
    case 'text':
      return { type, segments: textSegments(buf) };
    default:
      return { type, segments: [] };
  }
}

/** The same place for people (back office, patrol report). */
export function describePlaceZh(place: Place, offset: number): string {
  const at = `第 ${offset + 1} 个字符起`;
  if ('sheet' in place) return `工作表「${place.sheet}」单元格 ${place.cell} ${at}`;
  if ('page' in place) return `第 ${place.page} 页第 ${place.line} 行 ${at}`;
  if ('paragraph' in place) return `第 ${place.paragraph} 段第 ${place.line} 行 ${at}`;
  if ('row' in place) return `第 ${place.row} 行第 ${place.column} 列 ${at}`;
  return `第 ${place.line} 行 ${at}`;
}

export function describePlace(place: Place): string {
  if ('sheet' in place) return `sheet ${place.sheet} cell ${place.cell}`;
  if ('page' in place) return `page ${place.page} line ${place.line}`;
  if ('paragraph' in place) return `paragraph ${place.paragraph} line ${place.line}`;
  if ('row' in place) return `row ${place.row} column ${place.column}`;
  return `line ${place.line}`;
}
