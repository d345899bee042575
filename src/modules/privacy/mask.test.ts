import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { ROOT } from '../../platform/app.js';
import { createUser } from '../../platform/auth/users.js';
import { systemActor } from '../../platform/actor.js';
import { maskValue, maskWorkbook, ruleForHeader } from './mask.js';
import { scanBuffer } from './scan.js';
import { VALID } from './fixtures.test-support.js';
import { multipartBody } from './multipart.test-support.js';

/** A 惠民惠农资金发放 list: title merged over the table, two batches on two sheets, an explanation sheet. */
async function subsidyList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, people] of [['第一批', [['张三', VALID.ids[0]!, VALID.mobiles[0]!, 1200.5], ['欧阳娜娜', VALID.ids[1]!, VALID.mobiles[1]!, 800]]], ['第二批', [['张三', VALID.ids[0]!, VALID.mobiles[0]!, 300]]]] as const) {
    const ws = wb.addWorksheet(sheet);
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = `2025年耕地地力保护补贴发放名单（${sheet}）`;
    ws.getCell('A1').font = { bold: true, size: 16 };
    ws.addRow(['序号', '姓名', '身份证号', '联系电话', '发放金额（元）', '所在村']);
    ws.getRow(2).font = { bold: true };
    people.forEach((p, i) => ws.addRow([i + 1, p[0], p[1], p[2], p[3], '渠沟村']));
    ws.mergeCells(`A${ws.rowCount + 1}:D${ws.rowCount + 1}`);
    ws.getCell(`A${ws.rowCount}`).value = '合计';
    ws.getCell(`E${ws.rowCount}`).value = { formula: `SUM(E3:E${ws.rowCount - 1})`, result: people.reduce((n, p) => n + p[3], 0) };
    ws.getColumn('C').width = 24;
    ws.getColumn('B').width = 10;
    ws.getColumn('F').width = 14;
  }
  wb.addWorksheet('说明').getCell('A1').value = '本名单依据……公示期 7 天。';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};
const merges = (ws: ExcelJS.Worksheet) => [...((ws.model as { merges?: string[] }).merges ?? [])].sort();

describe('masking rules', () => {
  it('one rule per column kind, applied the same way to every value', () => {
    expect(ruleForHeader('身份证号')).toBe('resident_id');
    expect(ruleForHeader('姓名')).toBe('name');
    expect(ruleForHeader('联系电话')).toBe('phone');
    expect(ruleForHeader('银行卡号')).toBe('bank_card');
    expect(maskValue('resident_id', '34060219900101123X')).toBe('340602********123X');
    expect(maskValue('name', '张三')).toBe('张*');
    expect(maskValue('name', '欧阳娜娜')).toBe('欧***');
    expect(maskValue('phone', '13812345678')).toBe('138****5678');
    expect(maskValue('bank_card', '6222021234567890128')).toBe('6222***********0128');
  });
});

describe('maskWorkbook', () => {
  it('masks the chosen columns everywhere and keeps the layout and every other cell', async () => {
    const input = await subsidyList();
    const result = await maskWorkbook(input, ['身份证号', '姓名', '联系电话']);
    expect(result.missing).toEqual([]);
    expect(result.maskedCells).toBe(9); // 3 people × 3 columns
    const [before, after] = [await load(input), await load(result.buffer)];
    expect(after.worksheets.map((w) => w.name)).toEqual(['第一批', '第二批', '说明']);
    for (const ws of before.worksheets) {
      const out = after.getWorksheet(ws.name)!;
      expect(merges(out), ws.name).toEqual(merges(ws));
      for (const col of ['A', 'B', 'C', 'D', 'E', 'F']) expect(out.getColumn(col).width, `${ws.name}!${col}`).toBe(ws.getColumn(col).width);
      expect(out.getCell('A1').font?.bold).toBe(ws.getCell('A1').font?.bold);
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        row.eachCell({ includeEmpty: true }, (cell) => {
          const masked = r > 2 && ['B', 'C', 'D'].includes(cell.address.replace(/\d+/g, '')) && ws.name !== '说明' && cell.value !== null && !cell.isMerged;
          if (!masked) expect(out.getCell(cell.address).value, `${ws.name}!${cell.address}`).toEqual(cell.value);
        });
      });
    }
    // the same person is masked identically on both sheets
    const s1 = after.getWorksheet('第一批')!;
    const s2 = after.getWorksheet('第二批')!;
    expect(s1.getCell('C3').value).toBe(`${VALID.ids[0]!.slice(0, 6)}********${VALID.ids[0]!.slice(14)}`);
    expect([s1.getCell('B3').value, s1.getCell('C3').value, s1.getCell('D3').value]).toEqual([s2.getCell('B3').value, s2.getCell('C3').value, s2.getCell('D3').value]);
    expect(s1.getCell('B4').value).toBe('欧***');
    expect(s1.getCell('D4').value).toBe(`${VALID.mobiles[1]!.slice(0, 3)}****${VALID.mobiles[1]!.slice(7)}`);
    // the copy no longer carries a full ID or phone
    const kinds = (await scanBuffer(result.buffer)).findings.map((f) => f.kind);
    expect(kinds.every((k) => k === 'resident_id_masked')).toBe(true);
    expect(kinds).toHaveLength(3);
  });

  it('reports requested columns it cannot find', async () => {
    expect((await maskWorkbook(await subsidyList(), ['身份证号', '银行卡号'])).missing).toEqual(['银行卡号']);
  });

  it('CLI: npx gongkai mask IN OUT --columns …', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-mask-'));
    try {
      fs.writeFileSync(path.join(dir, 'in.xlsx'), await subsidyList());
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'mask', 'in.xlsx', 'out.xlsx', '--columns', '身份证号,姓名'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ output: 'out.xlsx', maskedCells: 6, missing: [] });
      const out = await load(fs.readFileSync(path.join(dir, 'out.xlsx')));
      expect(out.getWorksheet('第二批')!.getCell('B3').value).toBe('张*');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('privacy API', () => {
  let t: TestApp;
  let editor: Client;
  let nobody: Client;
  beforeAll(async () => {
    t = await createTestApp();
    const unit = await unitIdByShortName(t.db, '区民政局');
    await createUser(t.db, systemActor(), { username: 'mz', displayName: '民政编辑', unitId: unit, password: 'mz-pass-123456', roles: [{ role: 'editor', unitId: unit }] });
    await createUser(t.db, systemActor(), { username: 'plain', displayName: '无角色', unitId: unit, password: 'plain-pass-1234', roles: [] });
    editor = await login(t.server, 'mz', 'mz-pass-123456');
    nobody = await login(t.server, 'plain', 'plain-pass-1234');
    await login(t.server, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('returns a masked copy of an uploaded .xlsx to an editor, refuses others', async () => {
    const { payload, headers } = multipartBody({ name: '发放名单.xlsx', data: await subsidyList() }, { columns: '身份证号,姓名' });
    const res = await editor.request('POST', '/api/v1/privacy/mask', payload, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-masked-cells']).toBe('6');
    const out = await load(res.rawPayload);
    expect(out.getWorksheet('第一批')!.getCell('B3').value).toBe('张*');
    expect((await nobody.request('POST', '/api/v1/privacy/mask', payload, headers)).statusCode).toBe(403);
    const missing = multipartBody({ name: 'x.xlsx', data: await subsidyList() }, { columns: '银行卡号' });
    expect((await editor.request('POST', '/api/v1/privacy/mask', missing.payload, missing.headers)).json().error.code).toBe('columns_not_found');
    const notXlsx = multipartBody({ name: 'x.xlsx', data: Buffer.from('姓名,身份证号\n') }, { columns: '姓名' });
    expect((await editor.request('POST', '/api/v1/privacy/mask', notXlsx.payload, notXlsx.headers)).json().error.code).toBe('xlsx_required');
  });

  it('scans an uploaded file', async () => {
    const { payload, headers } = multipartBody({ name: 'a.xlsx', data: await subsidyList() });
    const res = await editor.request('POST', '/api/v1/privacy/scan', payload, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().findings.filter((f: { kind: string }) => f.kind === 'resident_id')).toHaveLength(3);
    expect(res.json().findings[0].where).toBe('sheet 第一批 cell C3 offset 0');
  });
});
