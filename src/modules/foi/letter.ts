import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';

/**
 * 答复书 as a Word document (.docx): what the applicant downloads on the portal and staff print.
 * Layout of an official letter (GB/T 9704 in spirit): the unit as issuer, the title, the
 * application number, the letter text (salutation, outcome, the article it rests on, remedies),
 * then the unit and the date of the reply, right-aligned.
 */
export interface LetterFields {
  unitName: string;
  number: string;
  applicant: string;
  /** the reply text as written by the officer (from the outcome template) */
  text: string;
  /** YYYY-MM-DD */
  repliedOn: string;
}

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
// Sizes in half-points: 三号 16 pt for the text, 二号 22 pt for the title.
const TEXT_SIZE = 32;

export const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function replyLetterDocx(f: LetterFields): Promise<Buffer> {
  const paras = f.text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  // The template ends with the unit's name; it is set once, in the signature block.
  if (paras.length && paras[paras.length - 1] === f.unitName.trim()) paras.pop();
  const run = (text: string, extra: { bold?: boolean; size?: number; font?: typeof FONT } = {}) => new TextRun({ text, font: extra.font ?? FONT, size: extra.size ?? TEXT_SIZE, bold: extra.bold });
  const salutation = paras[0]?.endsWith('：') ? paras.shift()! : `${f.applicant}：`;
  const doc = new Document({
    title: `${f.number} 政府信息公开申请答复书`,
    creator: f.unitName,
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(f.unitName, { size: 44, font: HEADING_FONT })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run('政府信息公开申请答复书', { size: 44, font: HEADING_FONT })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`申请编号：${f.number}`)] }),
        new Paragraph({ children: [run(salutation)] }),
        ...paras.map((p) => new Paragraph({ indent: { firstLine: TEXT_SIZE * 20 } /* two characters */, spacing: { line: 560, lineRule: LineRuleType.EXACT }, children: [run(p)] })),
        new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [run(f.unitName)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDate(f.repliedOn))] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
