import ExcelJS from 'exceljs';
import { S2_LABELS, S3_COLUMNS, S3_HEADER, S3_ROWS, S4_GROUPS, S4_LITIGATION, S4_RESULTS, SECTION_TITLES } from './format.js';
import type { FoiAnnualReport } from './foi-annual.js';

/**
 * The report as .xlsx in the official table layout (国办公开办函〔2021〕30号): one sheet, the six
 * sections in order, merged header cells as in the format, thin borders, text sections wrapped.
 */
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const center = { vertical: 'middle' as const, horizontal: 'center' as const, wrapText: true };

export async function reportXlsx(r: FoiAnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet(`${r.year}年度报告`, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 16 }, { width: 22 }, { width: 44 }, ...Array.from({ length: 7 }, () => ({ width: 11 }))];
  let row = 1;
  const cell = (r0: number, c: number, v: string | number, opts: { bold?: boolean; align?: 'left' | 'center' } = {}) => {
    const x = ws.getCell(r0, c);
    x.value = v;
    x.border = border;
    x.alignment = opts.align === 'left' ? { vertical: 'middle', horizontal: 'left', wrapText: true } : center;
    if (opts.bold) x.font = { bold: true };
    return x;
  };
  const box = (r1: number, c1: number, r2: number, c2: number, v: string | number, opts: { bold?: boolean; align?: 'left' | 'center' } = {}) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
    for (let i = r1; i <= r2; i++) for (let j = c1; j <= c2; j++) ws.getCell(i, j).border = border;
    return cell(r1, c1, v, opts);
  };
  const title = (text: string) => {
    ws.mergeCells(row, 1, row, 10);
    const x = ws.getCell(row, 1);
    x.value = text;
    x.font = { bold: true, size: 13 };
    row += 1;
  };
  const text = (t: string) => {
    ws.mergeCells(row, 1, row, 10);
    const x = ws.getCell(row, 1);
    x.value = t || '（无）';
    x.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = Math.min(400, 18 * Math.max(1, Math.ceil((t || ' ').length / 60) + (t.match(/\n/g)?.length ?? 0)));
    row += 2;
  };

  ws.mergeCells(row, 1, row, 10);
  Object.assign(ws.getCell(row, 1), { value: `${r.unitName}${r.year}年政府信息公开工作年度报告`, font: { bold: true, size: 16 }, alignment: center });
  row += 2;

  title(SECTION_TITLES.s1);
  text(r.section1);

  title(SECTION_TITLES.s2);
  const s2 = r.section2;
  // 第二十条第（一）项: 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
  box(row, 1, row, 10, S2_LABELS.clause1, { bold: true });
  row++;
  box(row, 1, row, 3, S2_LABELS.content, { bold: true });
  box(row, 4, row, 5, S2_LABELS.issued, { bold: true });
  box(row, 6, row, 7, S2_LABELS.repealed, { bold: true });
  box(row, 8, row, 10, S2_LABELS.current, { bold: true });
  row++;
  for (const [label, v] of [[S2_LABELS.rules, s2.rules], [S2_LABELS.normative, s2.normativeDocuments]] as const) {
    box(row, 1, row, 3, label);
    box(row, 4, row, 5, v.issued);
    box(row, 6, row, 7, v.repealed);
    box(row, 8, row, 10, v.current);
    row++;
  }
  const single = (clause: string, header: string, rows: Array<[string, number]>) => {
    box(row, 1, row, 10, clause, { bold: true });
    row++;
    box(row, 1, row, 3, S2_LABELS.content, { bold: true });
    box(row, 4, row, 10, header, { bold: true });
    row++;
    for (const [label, v] of rows) {
      box(row, 1, row, 3, label);
      box(row, 4, row, 10, v);
      row++;
    }
  };
  single(S2_LABELS.clause5, S2_LABELS.decisions, [[S2_LABELS.licensing, s2.licensing]]);
  single(S2_LABELS.clause6, S2_LABELS.decisions, [[S2_LABELS.penalty, s2.penalty], [S2_LABELS.coercion, s2.coercion]]);
  single(S2_LABELS.clause8, S2_LABELS.fees, [[S2_LABELS.charges, s2.feesWanYuan]]);
  row++;

  title(SECTION_TITLES.s3);
  // Header: note (A–C, 3 rows) | 申请人情况 (D–J); 自然人 | 法人或其他组织 (5) | 总计; the five sub-types.
  const h = row;
  box(h, 1, h + 2, 3, S3_HEADER.note);
  box(h, 4, h, 10, S3_HEADER.applicant, { bold: true });
  box(h + 1, 4, h + 2, 4, S3_COLUMNS[0].label, { bold: true });
  box(h + 1, 5, h + 1, 9, S3_HEADER.legal, { bold: true });
  S3_COLUMNS.slice(1, 6).forEach((c, i) => box(h + 2, 5 + i, h + 2, 5 + i, c.label, { bold: true }));
  box(h + 1, 10, h + 2, 10, S3_COLUMNS[6].label, { bold: true });
  row = h + 3;
  const values = (key: string) => S3_COLUMNS.forEach((c, i) => box(row, 4 + i, row, 4 + i, r.section3[key]![c.key]));
  const resultRows = S3_ROWS.filter((x) => x.key !== 'new' && x.key !== 'carried_in' && x.key !== 'results' && x.key !== 'carried_out');
  for (const def of S3_ROWS) {
    if (def.key === 'results') {
      // 三、本年度办理结果 spans every result row in column A.
      box(row, 1, row + resultRows.length - 1, 1, def.label, { bold: true });
      continue;
    }
    if (def.level === 1) box(row, 1, row, 3, def.label, { bold: true, align: 'left' });
    else if (def.level === 2) box(row, 2, row, 3, def.label, { align: 'left' });
    else {
      box(row, 2, row, 2, '');
      box(row, 3, row, 3, def.label, { align: 'left' });
    }
    values(def.key);
    row++;
  }
  row++;

  title(SECTION_TITLES.s4);
  const h4 = row;
  box(h4, 1, h4, 5, S4_GROUPS[0].label, { bold: true });
  box(h4, 6, h4, 15, S4_LITIGATION, { bold: true });
  box(h4 + 1, 6, h4 + 1, 10, S4_GROUPS[1].label, { bold: true });
  box(h4 + 1, 11, h4 + 1, 15, S4_GROUPS[2].label, { bold: true });
  S4_GROUPS.forEach((g, gi) =>
    S4_RESULTS.forEach((res, ri) => {
      // 行政复议's result labels span two header rows; the litigation ones sit under their group.
      box(gi === 0 ? h4 + 1 : h4 + 2, 1 + gi * 5 + ri, h4 + 2, 1 + gi * 5 + ri, res.label, { bold: true });
      box(h4 + 3, 1 + gi * 5 + ri, h4 + 3, 1 + gi * 5 + ri, r.section4[g.key][res.key]);
    }),
  );
  for (let c = 11; c <= 15; c++) ws.getColumn(c).width = 11;
  row = h4 + 5;

  title(SECTION_TITLES.s5);
  text(r.section5);
  title(SECTION_TITLES.s6);
  text(r.section6);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
