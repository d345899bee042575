import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { ParsedPlan } from './parse.js';

/** The same task table as .docx (group titles as full-width rows) and .xlsx (group titles merged down a column). */

export async function planAsDocx(plan: ParsedPlan): Promise<Buffer> {
  const cell = (t: string, columnSpan = 1) => new TableCell({ columnSpan, children: t.split('\n').map((p) => new Paragraph(p)) });
  const rows = [new TableRow({ children: ['序号', '具体工作要求', '责任单位', '完成时限'].map((h) => cell(h)) })];
  for (const g of plan.groups) {
    rows.push(new TableRow({ children: [cell(`${g.numeral}、${g.title}`, 4)] }));
    for (const t of g.tasks) {
      // A long requirement split over two paragraphs inside its cell.
      const half = Math.floor(t.requirement.length / 2);
      rows.push(new TableRow({ children: [cell(String(t.number)), cell(`${t.requirement.slice(0, half)}\n${t.requirement.slice(half)}`), cell(t.unitPhrase), cell(t.deadline)] }));
    }
  }
  const doc = new Document({ sections: [{ children: [new Paragraph('2025年政务公开工作要点任务分解表'), new Table({ rows })] }] });
  return Packer.toBuffer(doc);
}

export async function planAsXlsx(plan: ParsedPlan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解');
  ws.addRow(['2025年政务公开工作要点任务分解表']);
  ws.mergeCells('A1:E1');
  ws.addRow(['序号', '工作任务', '具体工作要求', '责任单位', '完成时限']);
  for (const g of plan.groups) {
    const first = ws.rowCount + 1;
    for (const t of g.tasks) ws.addRow([t.number, `${g.numeral}、${g.title}`, t.requirement, t.unitPhrase, t.deadline]);
    if (g.tasks.length > 1) ws.mergeCells(`B${first}:B${ws.rowCount}`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
