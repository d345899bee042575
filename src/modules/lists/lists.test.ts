import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { splitCsvLine } from '../privacy/extract.js';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { FEE_ROWS_V1, feeRowsV2, feeRowsWithTwoBad, feeXlsx, multipart } from './fixtures.test-support.js';

/**
 * A fee list (行政事业性收费目录清单) from .xlsx to the portal: a file with two bad rows is
 * refused naming both and nothing is saved; the corrected file becomes a draft version, goes
 * through 初审 → 复审 → 终审 by three reviewers other than its editor, is published; a second
 * version is published and the portal shows what changed; exports read back to the same rows.
 */
let t: TestApp;
let admin: Client;
const c: Record<string, Client> = {};
let unit: number;
let otherUnit: number;
let hospital: number;

async function upload(client: Client, url: string, filename: string, data: Buffer, fields: Record<string, string>) {
  const m = multipart(filename, data, fields);
  return t.server.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: client.cookie, 'x-csrf-token': client.csrfToken } });
}

async function countVersions(): Promise<number> {
  const r = await t.db.kysely.withTables<{ list_versions: { item_id: number } }>().selectFrom('list_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function review(id: number) {
  for (const who of ['first', 'second', 'final']) {
    const res = await c[who]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' });
    expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
  }
  const pub = await c.final!.request('POST', `/api/v1/items/${id}/publish`, {});
  expect(pub.statusCode, pub.body).toBe(200);
  return pub.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区财政局');
  otherUnit = await unitIdByShortName(t.db, '渠沟镇');
  hospital = await unitIdByShortName(t.db, '区人民医院');
  const people: Array<[string, string, number]> = [
    ['editor', 'editor', unit], ['first', 'reviewer_first', unit], ['second', 'reviewer_second', unit], ['final', 'reviewer_final', unit], ['conf', 'confidentiality', unit],
    ['outsider', 'editor', otherUnit], ['hospital', 'editor', hospital],
  ];
  for (const [name, role, unitId] of people) {
    const res = await admin.request('POST', '/api/v1/users', { username: `l_${name}`, displayName: name, unitId, password: 'lists-pass-123', roles: [{ role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `l_${name}`, 'lists-pass-123');
  }
});
afterAll(async () => t?.close());

describe('fee list from .xlsx to the portal', () => {
  let v1: number;
  let v2: number;

  it('refuses a file with two bad rows, naming both rows and columns, and saves nothing', async () => {
    const before = await countVersions();
    const res = await upload(c.editor!, '/api/v1/lists/import', '收费清单.xlsx', await feeXlsx(feeRowsWithTwoBad()), { kind: 'admin_fees', unitId: String(unit) });
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('invalid_file');
    expect(err.details.problems.map((p: { row: number; column: string }) => `${p.column}${p.row}`).sort()).toEqual(['B6', 'C4', 'D6']);
    expect(err.message).toContain('第 4 行');
    expect(err.message).toContain('第 6 行');
    expect(err.message).toContain('未保存');
    expect(await countVersions()).toBe(before);
  });

  it('lets no one import for another unit', async () => {
    const res = await upload(c.outsider!, '/api/v1/lists/import', '收费清单.xlsx', await feeXlsx(FEE_ROWS_V1), { kind: 'admin_fees', unitId: String(unit) });
    expect(res.statusCode).toBe(403);
  });

  it('imports the corrected file as a draft version', async () => {
    const res = await upload(c.editor!, '/api/v1/lists/import', '收费清单.xlsx', await feeXlsx(FEE_ROWS_V1), { kind: 'admin_fees', unitId: String(unit), changeNote: '2025 年首次公布' });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    v1 = v.id;
    expect(v.status).toBe('draft');
    expect(v.version).toMatchObject({ kind: 'admin_fees', rowCount: 4, versionNo: null, source: 'xlsx', sourceName: '收费清单.xlsx' });
    expect((await t.server.inject({ url: `/lists/admin_fees/${unit}/` })).statusCode).toBe(404);
  });

  it('is reviewed by three other people and published as version 1', async () => {
    expect((await c.editor!.request('POST', `/api/v1/items/${v1}/submit`)).statusCode).toBe(200);
    // the editor cannot review their own draft
    expect((await c.editor!.request('POST', `/api/v1/items/${v1}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const item = await review(v1);
    expect(item.status).toBe('published');
    expect(item.decisions.map((d: { stage: string }) => d.stage)).toEqual(['submit', 'first', 'second', 'final']);
    const page = await t.server.inject({ url: `/lists/admin_fees/${unit}/` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('不动产登记费');
    expect(page.body).toContain('第 1 版');
  });

  it('edits a second version in the back office format, refusing a bad row by row and column', async () => {
    const cur = (await c.editor!.request('GET', `/api/v1/lists/versions/${v1}`)).json();
    const bad = await c.editor!.request('POST', '/api/v1/lists/versions', { kind: 'admin_fees', unitId: unit, rows: [...cur.rows, { department: '区住建局', seq: 'x', item: '', fundManagement: '缴入国库', basis: '《城市道路管理条例》' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems.map((p: { row: number; header: string }) => `${p.row}:${p.header}`).sort()).toEqual(['5:项目序号', '5:项目名称'].sort());
  });

  it('imports, reviews and publishes a second version; the portal shows the diff with changed cells marked in text', async () => {
    const res = await upload(c.editor!, '/api/v1/lists/import', '收费清单2.xlsx', await feeXlsx(feeRowsV2()), { kind: 'admin_fees', unitId: String(unit), changeNote: '取消土地复垦费，调整不动产登记费' });
    expect(res.statusCode, res.body).toBe(201);
    v2 = res.json().id;
    expect(res.json().version.basedOnItemId).toBe(v1);
    expect((await c.editor!.request('POST', `/api/v1/items/${v2}/submit`)).statusCode).toBe(200);
    await review(v2);
    const hist = (await t.server.inject({ url: `/api/v1/lists/published/admin_fees/${unit}` })).json();
    expect(hist.current.versionNo).toBe(2);
    expect(hist.history.map((h: { versionNo: number }) => h.versionNo)).toEqual([2, 1]);

    const diff = (await t.server.inject({ url: `/api/v1/lists/diff?from=${v1}&to=${v2}` })).json();
    expect(diff.added.map((r: { item: string }) => r.item)).toEqual(['城市道路占用挖掘修复费']);
    expect(diff.removed.map((r: { item: string }) => r.item)).toEqual(['土地复垦费']);
    expect(diff.changed[0].cells).toEqual(['standard']);

    const page = await t.server.inject({ url: `/lists/admin_fees/${unit}/diff?from=${v1}&to=${v2}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('［新增］');
    expect(page.body).toContain('［删除］');
    expect(page.body).toMatch(/class="chg"><span class="tag">［已修改］<\/span><del><span>原：<\/span><span>住宅类80元\/件<\/span><\/del>/);
    expect(page.body).toContain('住宅类60元/件');
    const history = await t.server.inject({ url: `/lists/admin_fees/${unit}/history` });
    expect(history.body).toContain('第 2 版');
    expect(history.body).toContain(`/lists/admin_fees/${unit}/diff?from=${v1}&to=${v2}`);
    // the current page shows version 2 and filters by 部门
    const cur = await t.server.inject({ url: `/lists/admin_fees/${unit}/?f_department=${encodeURIComponent('区住建局')}` });
    const table = cur.body.slice(cur.body.indexOf('<tbody>'));
    expect(table).toContain('城市道路占用挖掘修复费');
    expect(table).not.toContain('特种设备检验检测费');
  });

  it('does not show drafts to the public, not even in a diff', async () => {
    const res = await upload(c.editor!, '/api/v1/lists/import', '收费清单3.xlsx', await feeXlsx(FEE_ROWS_V1), { kind: 'admin_fees', unitId: String(unit) });
    const draft = res.json().id;
    expect((await t.server.inject({ url: `/api/v1/lists/diff?from=${v2}&to=${draft}` })).statusCode).toBe(404);
    expect((await t.server.inject({ url: `/lists/versions/${draft}` })).statusCode).toBe(404);
    expect((await c.editor!.request('GET', `/api/v1/lists/diff?from=${v2}&to=${draft}`)).statusCode).toBe(200);
    expect((await c.outsider!.request('GET', `/api/v1/lists/versions/${draft}`)).statusCode).toBe(404);
  });

  it('exports .xlsx with the same rows (read back with exceljs)', async () => {
    const res = await t.server.inject({ url: `/lists/admin_fees/${unit}/export.xlsx?version=${v1}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    expect(cells(2).slice(0, 8)).toEqual(['部门', '项目序号', '项目名称', '资金管理方式', '政策依据', '收费标准', '计算单位', '收费对象']);
    const body = [3, 4, 5, 6].map((r) => cells(r).slice(0, 8));
    expect(body).toEqual(FEE_ROWS_V1.map((r) => r.map(String)));
    expect(ws.rowCount).toBe(6);

  });

  it('the exported .xlsx opens in LibreOffice with the same rows (libreoffice --headless --convert-to csv)', async () => {
    const soffice = ['libreoffice', 'soffice'].map((b) => { try { return execFileSync('which', [b]).toString().trim(); } catch { return ''; } }).find(Boolean);
    // `npm test` installs libreoffice-calc-nogui; without it this check cannot be made, so it fails.
    expect(soffice, 'LibreOffice is not installed (apt-get install libreoffice-calc-nogui)').toBeTruthy();
    const res = await t.server.inject({ url: `/lists/admin_fees/${unit}/export.xlsx?version=${v1}` });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-lo-'));
    fs.writeFileSync(path.join(dir, 'fees.xlsx'), res.rawPayload);
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, path.join(dir, 'fees.xlsx')], { timeout: 120_000 }); // 76 = UTF-8
    const lines = fs.readFileSync(path.join(dir, 'fees.csv'), 'utf8').trim().split(/\r?\n/);
    expect(splitCsvLine(lines[1]!).slice(0, 8)).toEqual(['部门', '项目序号', '项目名称', '资金管理方式', '政策依据', '收费标准', '计算单位', '收费对象']);
    const body = lines.slice(2).map((l) => splitCsvLine(l).slice(0, 8));
    expect(body).toEqual(FEE_ROWS_V1.map((r) => r.map(String)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('citations, update duty and public enterprises', () => {
  it('links a cited document to the policy library once it is published there', async () => {
    const res = await c.editor!.request('POST', '/api/v1/policies', { unitId: unit, title: '不动产登记收费标准', bodyHtml: '<p>住宅类不动产登记收费标准。</p>', issuerUnitIds: [unit], policyKind: '其他政策文件' });
    expect(res.statusCode, res.body).toBe(201);
    const policyId = res.json().id;
    expect((await c.editor!.request('POST', `/api/v1/items/${policyId}/submit`)).statusCode).toBe(200);
    for (const who of ['first', 'second', 'conf', 'final']) expect((await c[who]!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await c.final!.request('POST', `/api/v1/items/${policyId}/publish`, {})).statusCode).toBe(200);
    const page = await t.server.inject({ url: `/lists/admin_fees/${unit}/` });
    expect(page.body).toContain(`<a href="/policies/${policyId}">《不动产登记收费标准》</a>`);
    // a title not in the library stays plain text
    expect(page.body).toContain('<span>《城市道路管理条例》</span>');
  });

  it('flags a list whose current version is older than its update duty', async () => {
    const now = (await c.editor!.request('GET', '/api/v1/lists/stale')).json().items;
    expect(now).toEqual([]);
    const later = (await c.editor!.request('GET', '/api/v1/lists/stale?today=2099-01-01')).json().items;
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ kind: 'admin_fees', unitId: unit, versionNo: 2 });
    expect((await c.outsider!.request('GET', '/api/v1/lists/stale?today=2099-01-01')).json().items).toEqual([]);
  });

  it('public enterprises keep their own disclosure catalog; other units cannot use that kind', async () => {
    const rows = [{ seq: 1, category: '服务信息', item: '门诊时间', content: '门诊时间及节假日安排', basis: '《医疗机构管理条例》', deadline: '变化后 10 个工作日内', channel: '医院网站、门诊大厅' }];
    const ok = await c.hospital!.request('POST', '/api/v1/lists/versions', { kind: 'enterprise_catalog', unitId: hospital, rows });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().version.kind).toBe('enterprise_catalog');
    const refused = await c.editor!.request('POST', '/api/v1/lists/versions', { kind: 'enterprise_catalog', unitId: unit, rows });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('kind_not_for_unit');
  });
});

