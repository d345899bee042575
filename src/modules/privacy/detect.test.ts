import { describe, expect, it } from 'vitest';
import { classifyCandidate, findPersonalData, luhnValid } from './detect.js';
import { detectFileType, pdfSegments } from './extract.js';
import { scanBuffer, scanText } from './scan.js';
import { INVALID, VALID, makeDocx, makePdf, makeXlsx, type Planted } from './fixtures.test-support.js';

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe('detectors over text', () => {
  it('finds a valid ID next to Chinese text and masks it in the preview', () => {
    const f = findPersonalData(`身份证号${VALID.ids[0]}。`);
    expect(f).toEqual([{ kind: 'resident_id', offset: 4, length: 18, preview: `${VALID.ids[0]!.slice(0, 6)}********${VALID.ids[0]!.slice(14)}` }]);
  });

  it('accepts a lower-case x as check character', () => {
    expect(kinds('11010519491231002x')).toEqual(['resident_id']);
  });

  it('an 18-digit number with a wrong check character or impossible date is not an ID — nor a card', () => {
    for (const bad of INVALID.ids) expect(kinds(`号码${bad}`), bad).toEqual([]);
  });

  it('finds masked IDs in both common forms', () => {
    expect(kinds('340602********1234 和 3406021990****1234 和 3406021990****123X')).toEqual(['resident_id_masked', 'resident_id_masked', 'resident_id_masked']);
    expect(findPersonalData('（3406021990****1234）')[0]).toMatchObject({ offset: 1, preview: '3406021990****1234' });
  });

  it('finds mainland mobiles only with a valid prefix and exactly 11 digits', () => {
    for (const m of VALID.mobiles) expect(kinds(`电话${m}`), m).toEqual(['mobile']);
    for (const m of INVALID.mobiles) expect(kinds(`电话${m}`), m).toEqual([]);
    expect(findPersonalData('13812345678')[0]!.preview).toBe('138****5678');
  });

  it('finds bank cards by Luhn, also in groups of four', () => {
    for (const c of VALID.cards) expect(kinds(`卡号${c}`), c).toEqual(['bank_card']);
    for (const c of INVALID.cards) expect(kinds(`卡号${c}`), c).toEqual([]);
    expect(kinds('卡号 4111 1111 1111 1111 止')).toEqual(['bank_card']);
    expect(luhnValid('4111111111111111')).toBe(true);
  });

  it('does not report a valid ID or mobile also as a card, nor numbers inside longer digit runs', () => {
    const luhnId = VALID.ids.find((id) => luhnValid(id));
    if (luhnId) expect(kinds(luhnId)).toEqual(['resident_id']);
    expect(classifyCandidate('13812345678')!.kind).toBe('mobile');
    expect(kinds(`9${VALID.ids[0]}`)).toEqual([]);
    expect(kinds(`${VALID.mobiles[0]}12`)).toEqual([]);
    expect(kinds('文号2024010112345678901234')).toEqual([]);
  });

  it('scanText gives line and offset', () => {
    expect(scanText(`第一行\n联系 ${VALID.mobiles[0]}`)).toMatchObject([{ kind: 'mobile', place: { line: 2 }, offset: 3, where: 'line 2 offset 3' }]);
  });
});

function expectExactly(found: Array<{ kind: string; where: string }>, planted: Planted[]) {
  const got = found.map((f) => `${f.kind} @ ${f.where}`).sort();
  expect(got).toEqual(planted.map((p) => `${p.kind} @ ${p.where}`).sort());
}

describe('files, recognised by content', () => {
  it('.xlsx: every sheet and cell, with sheet and cell address; none of the invalid numbers', async () => {
    const { buf, planted } = await makeXlsx();
    expect(detectFileType(buf)).toBe('xlsx');
    const scan = await scanBuffer(buf);
    expectExactly(scan.findings, planted);
  });

  it('.docx: paragraphs and table cells', async () => {
    const { buf, planted } = await makeDocx();
    expect(detectFileType(buf)).toBe('docx');
    expectExactly((await scanBuffer(buf)).findings, planted);
  });

  it('.pdf: text per page and line', async () => {
    const { buf, planted } = await makePdf();
    expect(detectFileType(buf)).toBe('pdf');
    expectExactly((await scanBuffer(buf)).findings, planted);
  });

  it('CSV and text, UTF-8 or GB 18030, regardless of name', async () => {
    const csv = Buffer.from(`姓名,身份证号,电话\n张三,${VALID.ids[0]},${VALID.mobiles[0]}\n李四,${INVALID.ids[0]},${INVALID.mobiles[0]}\n`);
    expect(detectFileType(csv)).toBe('csv');
    expect((await scanBuffer(csv)).findings.map((f) => `${f.kind} ${f.where}`)).toEqual(['resident_id row 2 column 2 offset 0', 'mobile row 2 column 3 offset 0']);
    const gb = Buffer.from(new Uint8Array([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, ...Buffer.from(VALID.ids[1]!)])); // 身份证 in GBK
    expect(detectFileType(gb)).toBe('text');
    expect((await scanBuffer(gb)).findings).toMatchObject([{ kind: 'resident_id', where: 'line 1 offset 3' }]);
  });

  it('binary files that are not supported give no findings', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await scanBuffer(ole)).toEqual({ type: 'unsupported', findings: [] });
  });

  it('PDF text is NFKC-normalised (CJK radicals become unified ideographs)', async () => {
    // U+2F08 ⼈ (KANGXI RADICAL MAN) → U+4EBA 人; the normalisation is what pdfSegments applies.
    expect('\u2F08'.normalize('NFKC')).toBe('人');
    const { buf } = await makePdf();
    expect((await pdfSegments(buf)).every((s) => s.text === s.text.normalize('NFKC'))).toBe(true);
  });
});
