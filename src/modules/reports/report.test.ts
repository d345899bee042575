import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { legalPerson, naturalPerson, userWith } from '../foi/test-support.js';
import { OUTCOMES } from '../foi/outcomes.js';
import { registerProactiveDisclosureSource } from './foi-annual.js';

/**
 * A year of applications (2025) for one unit, with carry-over from 2024 and into 2026, every
 * outcome, both applicant kinds and all five legal-person sub-types; every cell and every
 * 勾稽 relation of the generated report is checked against what each application should count as.
 */
const COLS = ['natural', 'business', 'research', 'public_welfare', 'legal_service', 'other'] as const;
type Col = (typeof COLS)[number];
// Labels copied verbatim from annual-report.md (国办公开办函〔2021〕30号).
const S3_LABELS = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项', '（四）无法提供', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确', '（五）不予处理', '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他', '（七）总计', '四、结转下年度继续办理'];
const OTHER_LABELS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
  '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '规章', '行政规范性文件', '本年制发件数', '本年废止件数', '现行有效件数', '行政许可', '本年处理决定数量', '行政处罚', '行政强制', '行政事业性收费', '本年收费金额（单位：万元）',
  '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', '申请人情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结'];
const GROUP: Record<string, string> = { withheld: 'withheld', unable: 'unable', not: 'not_processed', other: 'other_handling' };
const groupOf = (o: string) => (o === 'granted' || o === 'partial' ? null : GROUP[o.split('_')[0]!]!);

interface Fixture {
  col: Col;
  unit: 'A' | 'B';
  receivedOn: string;
  outcome?: string;
  decidedOn?: string;
  repliedOn?: string;
  flow?: 'no_supplement' | 'unpaid' | 'unclear';
  /** the rows of the 2025 report this application must count in */
  rows2025: string[];
  rows2026: string[];
}
const resultRows = (o: string) => ['result_total', o, ...(groupOf(o) ? [groupOf(o)!] : [])];

const FIXTURES: Fixture[] = [
  // carried in from 2024
  { col: 'natural', unit: 'A', receivedOn: '2024-12-20', outcome: 'granted', repliedOn: '2025-01-10', rows2025: ['carried_in', ...resultRows('granted')], rows2026: [] },
  { col: 'business', unit: 'A', receivedOn: '2024-12-23', outcome: 'partial', repliedOn: '2025-01-15', rows2025: ['carried_in', ...resultRows('partial')], rows2026: [] },
  { col: 'research', unit: 'A', receivedOn: '2024-12-24', rows2025: ['carried_in', 'carried_out'], rows2026: ['carried_in', 'carried_out'] },
  { col: 'other', unit: 'A', receivedOn: '2024-11-01', outcome: 'granted', repliedOn: '2024-11-20', rows2025: [], rows2026: [] },
  // every outcome, received and answered in 2025, applicant columns in turn
  ...OUTCOMES.map((o, i): Fixture => ({
    col: COLS[i % 6]!, unit: 'A', receivedOn: '2025-03-03', outcome: o,
    flow: o === 'other_no_supplement' ? 'no_supplement' : o === 'other_unpaid' ? 'unpaid' : o === 'unable_unclear' ? 'unclear' : undefined,
    decidedOn: o === 'other_unpaid' ? '2025-04-03' : '2025-03-20', repliedOn: o === 'other_unpaid' ? '2025-04-03' : '2025-03-21',
    rows2025: ['new', ...resultRows(o)], rows2026: [],
  })),
  // carried out into 2026
  { col: 'legal_service', unit: 'A', receivedOn: '2025-12-22', outcome: 'granted', repliedOn: '2026-01-08', rows2025: ['new', 'carried_out'], rows2026: ['carried_in', ...resultRows('granted')] },
  { col: 'public_welfare', unit: 'A', receivedOn: '2025-12-29', rows2025: ['new', 'carried_out'], rows2026: ['carried_in', 'carried_out'] },
  { col: 'natural', unit: 'A', receivedOn: '2025-12-30', outcome: 'withheld_process', decidedOn: '2025-12-31', rows2025: ['new', 'carried_out'], rows2026: ['carried_in', 'carried_out'] },
  // another unit: only in the district's report
  { col: 'other', unit: 'B', receivedOn: '2025-06-03', outcome: 'unable_not_held', repliedOn: '2025-06-10', rows2025: [], rows2026: [] },
];

let t: TestApp;
let unitA: number;
let unitB: number;
let officerA: Client;
let officerB: Client;
let supervisor: Client;

async function file(f: Fixture): Promise<void> {
  const client = f.unit === 'A' ? officerA : officerB;
  const unitId = f.unit === 'A' ? unitA : unitB;
  const body = f.col === 'natural' ? naturalPerson(unitId) : legalPerson(unitId, f.col);
  const r = await client.request('POST', '/api/v1/foi/applications', { ...body, channel: 'in_person', receivedOn: f.receivedOn });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as number;
  const step = async (p: string, b: unknown) => {
    const res = await client.request('POST', `/api/v1/foi/applications/${id}/${p}`, b);
    expect(res.statusCode, `${p}: ${res.body}`).toBe(200);
  };
  if (f.flow === 'no_supplement' || f.flow === 'unclear') await step('supplement-request', { noticeOn: '2025-03-05', supplyBy: '2025-03-14', items: '请明确所需信息' });
  if (f.flow === 'unclear') await step('supplement-received', { suppliedOn: '2025-03-07' });
  if (f.flow === 'unpaid') await step('fee-notice', { scheme: 'per_page', quantity: 50, noticeOn: '2025-03-05' });
  if (f.outcome) await step('decide', { outcome: f.outcome, decidedOn: f.decidedOn ?? f.repliedOn, note: '' });
  if (f.repliedOn) await step('reply', { text: `答复：${f.outcome}，依据条例作出答复。`, repliedOn: f.repliedOn });
}

function expected(year: 2025 | 2026, unit: 'A' | null) {
  const t: Record<string, Record<string, number>> = {};
  for (const f of FIXTURES) {
    if (unit && f.unit !== unit) continue;
    const rows = unit === null && f.unit === 'B' ? (year === 2025 ? ['new', ...resultRows(f.outcome!)] : []) : year === 2025 ? f.rows2025 : f.rows2026;
    for (const r of rows) {
      t[r] ??= {};
      t[r]![f.col] = (t[r]![f.col] ?? 0) + 1;
      t[r]!.total = (t[r]!.total ?? 0) + 1;
    }
  }
  return t;
}

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  unitB = await unitIdByShortName(t.db, '渠沟镇');
  officerA = await userWith(t, 'rep_a', unitA, [{ role: 'foi_officer', unitId: unitA }]);
  officerB = await userWith(t, 'rep_b', unitB, [{ role: 'foi_officer', unitId: unitB }]);
  supervisor = await userWith(t, 'rep_sup', unitA, [{ role: 'supervisor', unitId: null }]);
  for (const f of FIXTURES) await file(f);
  const cases: Array<[string, string, string, string | null]> = [
    ['review', '2025-04-01', 'upheld', '2025-05-20'],
    ['review', '2025-06-01', 'corrected', '2025-07-01'],
    ['review', '2025-11-01', 'upheld', '2026-01-10'], // closed next year: 尚未审结 at the end of 2025
    ['review', '2025-12-01', 'pending', null],
    ['litigation_direct', '2025-05-01', 'other', '2025-09-01'],
    ['litigation_direct', '2025-05-02', 'corrected', '2025-10-01'],
    ['litigation_after_review', '2025-08-01', 'upheld', '2025-12-01'],
    ['litigation_after_review', '2024-08-01', 'upheld', '2024-12-01'], // filed in 2024: not in 2025
  ];
  for (const [kind, filedOn, result, closedOn] of cases) {
    const r = await officerA.request('POST', '/api/v1/foi/cases', { unitId: unitA, kind, filedOn, result, closedOn });
    expect(r.statusCode, r.body).toBe(201);
  }
}, 120_000);
afterAll(async () => t.close());

const COLUMNS = [...COLS, 'total'];

describe('annual report section 三 from a year of applications', () => {
  it('every cell of the unit report for 2025 and 2026 matches what each application counts as, and every 勾稽 check passes', async () => {
    for (const year of [2025, 2026] as const) {
      const r = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=${year}&unit=${unitA}`)).json();
      const exp = expected(year, 'A');
      for (const [row, cells] of Object.entries(r.section3 as Record<string, Record<string, number>>)) {
        for (const c of COLUMNS) expect(cells[c], `${year} ${row} ${c}`).toBe(exp[row]?.[c] ?? 0);
      }
      expect(Object.keys(r.section3)).toHaveLength(S3_LABELS.length - 1); // every row but 三's heading
      expect(r.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
      expect(r.allChecksPass).toBe(true);
    }
  });

  it('pins the headline figures and the carry-over between years', async () => {
    const r25 = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
    const r26 = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2026&unit=${unitA}`)).json();
    expect(r25.section3.new.total).toBe(24);
    expect(r25.section3.carried_in).toMatchObject({ natural: 1, business: 1, research: 1, total: 3 });
    expect(r25.section3.result_total.total).toBe(23);
    expect(r25.section3.carried_out).toMatchObject({ research: 1, legal_service: 1, public_welfare: 1, natural: 1, total: 4 });
    expect(r25.section3.withheld.total).toBe(8);
    expect(r25.section3.unable.total).toBe(3);
    expect(r25.section3.not_processed.total).toBe(5);
    expect(r25.section3.other_handling.total).toBe(3);
    expect(r25.section3.granted.total).toBe(2);
    expect(r26.section3.carried_in).toEqual(r25.section3.carried_out);
    expect(r26.checks.filter((c: { id: string }) => c.id.startsWith('carry.'))).toHaveLength(7);
    for (const c of COLUMNS) {
      const s = r25.section3;
      expect(s.new[c] + s.carried_in[c], c).toBe(s.result_total[c] + s.carried_out[c]);
    }
  });

  it('the district report adds every unit; a unit officer may not compile it or another unit’s', async () => {
    const d = await supervisor.request('GET', '/api/v1/reports/foi-annual?year=2025&unit=district');
    expect(d.statusCode, d.body).toBe(200);
    const exp = expected(2025, null);
    for (const [row, cells] of Object.entries(d.json().section3 as Record<string, Record<string, number>>)) {
      for (const c of COLUMNS) expect(cells[c], `${row} ${c}`).toBe(exp[row]?.[c] ?? 0);
    }
    expect(d.json().allChecksPass).toBe(true);
    // Not published: others get 404 rather than live figures.
    expect((await officerA.request('GET', '/api/v1/reports/foi-annual?year=2025&unit=district')).statusCode).toBe(404);
    expect((await officerB.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).statusCode).toBe(404);
    expect((await officerB.request('PUT', '/api/v1/reports/foi-annual/texts', { year: 2025, unit: unitA, section1: 'x', section5: '', section6: '' })).statusCode).toBe(403);
  });
});

describe('sections 二 and 四', () => {
  it('section 四 counts cases filed in the year by result, pending when not closed by 31 December', async () => {
    const r = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
    expect(r.section4).toEqual({
      review: { upheld: 1, corrected: 1, other: 0, pending: 2, total: 4 },
      litigation_direct: { upheld: 0, corrected: 1, other: 1, pending: 0, total: 2 },
      litigation_after_review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    });
  });

  it('section 二 is zero without sources and adds up registered sources', async () => {
    const r0 = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
    expect(r0.section2).toEqual({ rules: { issued: 0, repealed: 0, current: 0 }, normativeDocuments: { issued: 0, repealed: 0, current: 0 }, licensing: 0, penalty: 0, coercion: 0, feesWanYuan: 0 });
    const off1 = registerProactiveDisclosureSource(async (_db, q) => (q.unitId === unitA && q.year === 2025 ? { normativeDocuments: { issued: 3, repealed: 1, current: 12 }, licensing: 40 } : {}));
    const off2 = registerProactiveDisclosureSource(async () => ({ penalty: 5, coercion: 2, feesWanYuan: 1.25, licensing: 2 }));
    try {
      const r = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
      expect(r.section2).toEqual({ rules: { issued: 0, repealed: 0, current: 0 }, normativeDocuments: { issued: 3, repealed: 1, current: 12 }, licensing: 42, penalty: 5, coercion: 2, feesWanYuan: 1.25 });
    } finally {
      off1();
      off2();
    }
  });
});

describe('publishing the report and the .xlsx', () => {
  it('publishes a frozen report to the portal and the public JSON', async () => {
    expect((await officerA.request('POST', '/api/v1/reports/foi-annual/publish', { year: 2025, unit: unitA })).json().error.code).toBe('overview_required');
    const texts = await officerA.request('PUT', '/api/v1/reports/foi-annual/texts', { year: 2025, unit: unitA, section1: '2025年，本局认真贯彻《条例》。', section5: '存在问题：<script>x</script>', section6: '无' });
    expect(texts.statusCode, texts.body).toBe(200);
    const pub = await officerA.request('POST', '/api/v1/reports/foi-annual/publish', { year: 2025, unit: unitA });
    expect(pub.statusCode, pub.body).toBe(200);
    const anon = await t.server.inject({ method: 'GET', url: `/api/v1/reports/foi-annual?year=2025&unit=${unitA}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json().section3).toEqual(pub.json().section3);
    const list = await t.server.inject({ method: 'GET', url: '/xxgk/annual-reports' });
    expect(list.body).toContain('相山区教育局2025年政府信息公开工作年度报告');
    const page = await t.server.inject({ method: 'GET', url: `/xxgk/annual-reports/2025/${unitA}` });
    expect(page.statusCode).toBe(200);
    for (const l of [...S3_LABELS, ...OTHER_LABELS]) expect(page.body, l).toContain(l);
    expect(page.body).toContain('存在问题：&lt;script>');
    expect(page.body).not.toContain('<script>x');
    expect((await t.server.inject({ method: 'GET', url: '/xxgk/annual-reports/2024/district' })).statusCode).toBe(404);
  });

  it('the .xlsx opens with exceljs, has every label exactly and the numbers in the official layout', async () => {
    const res = await officerA.request('GET', `/api/v1/reports/foi-annual.xlsx?year=2025&unit=${unitA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const json = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const texts = new Set<string>();
    const rowOf = new Map<string, number>();
    ws.eachRow((row, r) => row.eachCell((c, col) => {
      if (typeof c.value === 'string') {
        texts.add(c.value);
        if (col <= 3 && !c.isMerged || (c.isMerged && c.master.address === c.address)) rowOf.set(`${col}:${c.value}`, r);
      }
    }));
    for (const l of [...S3_LABELS, ...OTHER_LABELS]) expect(texts.has(l), l).toBe(true);
    // Each result row's seven numbers sit in columns D–J of the row carrying its label.
    const keyOf: Record<string, string> = { '（一）予以公开': 'granted', '1.属于国家秘密': 'withheld_state_secret', '（七）总计': 'result_total', '四、结转下年度继续办理': 'carried_out', '一、本年新收政府信息公开申请数量': 'new', '二、上年结转政府信息公开申请数量': 'carried_in' };
    for (const [label, key] of Object.entries(keyOf)) {
      const r = [...rowOf.entries()].find(([k]) => k.endsWith(`:${label}`))?.[1];
      expect(r, label).toBeDefined();
      const nums = [4, 5, 6, 7, 8, 9, 10].map((c) => ws.getCell(r!, c).value);
      expect(nums, label).toEqual(COLUMNS.map((c) => json.section3[key][c]));
    }
    // 三、本年度办理结果 is one merged cell spanning every result row.
    const three = [...rowOf.entries()].find(([k]) => k === '1:三、本年度办理结果')![1];
    expect(ws.getCell(three + 25, 1).isMerged).toBe(true);
    expect(ws.getCell(three + 25, 1).master.address).toBe(ws.getCell(three, 1).address);
  });

  it('the .xlsx opens in LibreOffice: every label and the 总计 row come through (libreoffice --headless --convert-to csv)', async () => {
    const soffice = ['libreoffice', 'soffice'].map((b) => { try { return execFileSync('which', [b]).toString().trim(); } catch { return ''; } }).find(Boolean);
    // `npm test` installs libreoffice-calc-nogui; without it this check cannot be made, so it fails.
    expect(soffice, 'LibreOffice is not installed (apt-get install libreoffice-calc-nogui)').toBeTruthy();
    const res = await officerA.request('GET', `/api/v1/reports/foi-annual.xlsx?year=2025&unit=${unitA}`);
    const json = (await officerA.request('GET', `/api/v1/reports/foi-annual?year=2025&unit=${unitA}`)).json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-lo-'));
    fs.writeFileSync(path.join(dir, 'report.xlsx'), res.rawPayload);
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, path.join(dir, 'report.xlsx')], { timeout: 120_000 });
    const csv = fs.readFileSync(path.join(dir, 'report.csv'), 'utf8');
    for (const l of S3_LABELS) expect(csv, l).toContain(l);
    const totalLine = csv.split(/\r?\n/).find((line) => line.includes('（七）总计'))!;
    // columns D–J, as in the official layout
    expect(totalLine.split(',').slice(3, 10).map(Number)).toEqual(COLUMNS.map((c) => json.section3.result_total[c]));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
