import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { residentIdCheckChar } from '../../platform/checks.js';
import { luhnValid } from './detect.js';

/** Test data for the privacy tests: valid and invalid numbers, and files that carry them. */

export function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

/** Same 17 digits with a check character that is wrong. */
export function wrongCheck(first17: string): string {
  const right = residentIdCheckChar(first17);
  return first17 + (right === '0' ? '1' : '0');
}

export function luhnComplete(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

export function luhnBroken(body: string): string {
  const good = luhnComplete(body);
  return body + ((Number(good.slice(-1)) + 1) % 10);
}

export const VALID = {
  ids: [residentId('34060219900101123'), residentId('11010519491231002'), residentId('34060320011129456')],
  mobiles: ['13812345678', '19955501234', '17712340000'],
  cards: [luhnComplete('622202123456789012'), luhnComplete('411111111111111'), luhnComplete('621700000000000')],
};
export const INVALID = {
  // wrong check character; impossible date (31 Feb) with a "right" check character
  ids: [wrongCheck('34060219900101123'), wrongCheck('34060319850615001'), residentId('11010519490231002')],
  // 12x is not a mobile prefix; 10 digits; 12 digits
  mobiles: ['12812345678', '1381234567', '138123456789'],
  cards: [luhnBroken('622202123456789012'), luhnBroken('411111111111111')],
};

export interface Planted {
  value: string;
  kind: string;
  where: string;
}

/** An .xlsx with three sheets; returns the bytes and where each valid value sits. */
export async function makeXlsx(): Promise<{ buf: Buffer; planted: Planted[] }> {
  const wb = new ExcelJS.Workbook();
  const planted: Planted[] = [];
  const s1 = wb.addWorksheet('发放名单');
  s1.addRow(['序号', '姓名', '身份证号', '联系电话', '银行卡号']);
  s1.addRow([1, '张三', VALID.ids[0], VALID.mobiles[0], VALID.cards[0]]);
  s1.addRow([2, '李四', INVALID.ids[0], INVALID.mobiles[0], INVALID.cards[0]]);
  planted.push(
    { value: VALID.ids[0]!, kind: 'resident_id', where: 'sheet 发放名单 cell C2 offset 0' },
    { value: VALID.mobiles[0]!, kind: 'mobile', where: 'sheet 发放名单 cell D2 offset 0' },
    { value: VALID.cards[0]!, kind: 'bank_card', where: 'sheet 发放名单 cell E2 offset 0' },
  );
  const s2 = wb.addWorksheet('备注');
  s2.getCell('B4').value = `联系人手机${VALID.mobiles[1]}，身份证号${VALID.ids[1]}`;
  s2.getCell('C5').value = Number(VALID.mobiles[2]); // a phone stored as a number
  s2.getCell('A7').value = `错误号码 ${INVALID.ids[1]} ${INVALID.mobiles[1]} ${INVALID.cards[1]}`;
  planted.push(
    { value: VALID.mobiles[1]!, kind: 'mobile', where: 'sheet 备注 cell B4 offset 5' },
    { value: VALID.ids[1]!, kind: 'resident_id', where: `sheet 备注 cell B4 offset ${5 + 11 + 5}` },
    { value: VALID.mobiles[2]!, kind: 'mobile', where: 'sheet 备注 cell C5 offset 0' },
  );
  const s3 = wb.addWorksheet('汇总');
  s3.mergeCells('A1:C1');
  s3.getCell('A1').value = `卡号${VALID.cards[1]}`;
  s3.getCell('A3').value = { richText: [{ text: '身份证：' }, { text: VALID.ids[2]!, font: { bold: true } }] };
  s3.getCell('B3').value = INVALID.ids[2];
  planted.push(
    { value: VALID.cards[1]!, kind: 'bank_card', where: 'sheet 汇总 cell A1 offset 2' },
    { value: VALID.ids[2]!, kind: 'resident_id', where: 'sheet 汇总 cell A3 offset 4' },
  );
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), planted };
}

export async function makeDocx(): Promise<{ buf: Buffer; planted: Planted[] }> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('关于发放补贴的公示'),
          new Paragraph(`申请人王五，身份证号${VALID.ids[0]}，联系电话${VALID.mobiles[0]}。`),
          new Paragraph(`无效号码：${INVALID.ids[0]}、${INVALID.mobiles[0]}、${INVALID.cards[0]}`),
          new Paragraph({ children: [new TextRun('第一行'), new TextRun({ text: `卡号 ${VALID.cards[2]}`, break: 1 })] }),
          new Table({ rows: [new TableRow({ children: [cell('赵六'), cell(VALID.ids[1]!), cell(INVALID.ids[2]!)] })] }),
        ],
      },
    ],
  });
  const planted: Planted[] = [
    { value: VALID.ids[0]!, kind: 'resident_id', where: 'paragraph 2 line 1 offset 10' },
    { value: VALID.mobiles[0]!, kind: 'mobile', where: `paragraph 2 line 1 offset ${10 + 18 + 5}` },
    // mammoth's raw text has no soft line breaks: the run after the break follows on the same line
    { value: VALID.cards[2]!, kind: 'bank_card', where: 'paragraph 4 line 1 offset 6' },
    { value: VALID.ids[1]!, kind: 'resident_id', where: 'paragraph 6 line 1 offset 0' },
  ];
  return { buf: await Packer.toBuffer(doc), planted };
}

export async function makePdf(): Promise<{ buf: Buffer; planted: Planted[] }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page1 = pdf.addPage([595, 842]);
  page1.drawText('Subsidy list', { x: 50, y: 780, size: 14, font });
  page1.drawText(`ID ${VALID.ids[0]} phone ${VALID.mobiles[1]}`, { x: 50, y: 750, size: 11, font });
  page1.drawText(`bad ${INVALID.ids[0]} ${INVALID.mobiles[2]} ${INVALID.cards[1]}`, { x: 50, y: 720, size: 11, font });
  const page2 = pdf.addPage([595, 842]);
  page2.drawText('Page two', { x: 50, y: 780, size: 14, font });
  page2.drawText(`card ${VALID.cards[0]}`, { x: 50, y: 750, size: 11, font });
  page2.drawText(`masked 340602********1234 and ${VALID.ids[2]}`, { x: 50, y: 720, size: 11, font });
  const planted: Planted[] = [
    { value: VALID.ids[0]!, kind: 'resident_id', where: 'page 1 line 2 offset 3' },
    { value: VALID.mobiles[1]!, kind: 'mobile', where: 'page 1 line 2 offset 28' },
    { value: VALID.cards[0]!, kind: 'bank_card', where: 'page 2 line 2 offset 5' },
    { value: '340602********1234', kind: 'resident_id_masked', where: 'page 2 line 3 offset 7' },
    { value: VALID.ids[2]!, kind: 'resident_id', where: 'page 2 line 3 offset 30' },
  ];
  return { buf: Buffer.from(await pdf.save()), planted };
}
