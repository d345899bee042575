// A fee list (行政事业性收费目录清单) in Chromium: the unit's editor imports an .xlsx with two bad
// rows and sees both rows named (nothing saved); imports the corrected file; three reviewers
// approve in the back office and 终审 publishes; a second version is imported and published; the
// portal shows the current version, the history and the diff with changed cells marked in text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminPage, type AdminPage } from './admin-page.js';
import { ADMIN_PASSWORD, login as apiLogin, unitIdByShortName, type Client } from '../helpers.js';
import { FEE_ROWS_V1, feeRowsV2, feeRowsWithTwoBad, feeXlsx } from '../../src/modules/lists/fixtures.test-support.js';
import { buildReport } from '../../src/modules/reports/index.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const PASSWORD = 'lists-e2e-pass-2026';
const PEOPLE = [
  { username: 'fee.editor', role: 'editor' },
  { username: 'fee.first', role: 'reviewer_first' },
  { username: 'fee.second', role: 'reviewer_second' },
  { username: 'fee.final', role: 'reviewer_final' },
] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app: LiveApp;
let browser: Browser;
let page: Page;
let admin: Client;
let unit: number;
let v1: number;
let v2: number;

let admin$: AdminPage;
/** Each person signs in afresh (cookies cleared), as they would on their own machine. */
async function signIn(username: string): Promise<void> {
  await page.context().clearCookies();
  await admin$.signIn(username);
}
const actionButton = (text: string) => admin$.actionButton(text);
const act = (button: string, dialogTitle: string) => admin$.act(button, dialogTitle);

async function importFile(name: string, buffer: Buffer, note: string): Promise<void> {
  await page.goto(`${app.url}/admin/lists`);
  await page.getByText('导入 Excel：相山区财政局').waitFor();
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
  await page.getByLabel('变更说明').fill(note);
  await page.getByRole('button', { name: '导入为新版本' }).click();
}

const versionCount = async () => (await admin.request('GET', `/api/v1/lists/versions?kind=admin_fees&unitId=${unit}`)).json().items.length as number;

beforeAll(async () => {
  app = await startLiveApp();
  admin = await apiLogin(app.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(app.db, '区财政局');
  for (const p of PEOPLE) {
    const res = await admin.request('POST', '/api/v1/users', { username: p.username, displayName: p.username, unitId: unit, password: PASSWORD, roles: [{ role: p.role, unitId: unit }] });
    expect(res.statusCode, res.body).toBe(201);
  }
  ({ browser, page } = await launchBrowser());
  admin$ = adminPage(page, app.url, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`fee list import → review → publish → diff (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('refuses a file with two bad rows, naming both, and saves nothing', async () => {
    await signIn('fee.editor');
    await importFile('收费清单.xlsx', await feeXlsx(feeRowsWithTwoBad()), '首次公布');
    const errors = page.getByRole('region', { name: '导入错误' });
    await errors.waitFor();
    expect(await errors.textContent()).toContain('共 3 处问题，未保存任何数据');
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('4C项目名称'))).toBe(true);
    expect(rows.some((r) => r.startsWith('6D资金管理方式'))).toBe(true);
    expect(rows.some((r) => r.startsWith('6B项目序号'))).toBe(true);
    expect(await versionCount()).toBe(0);
  });

  it('imports the corrected file as a draft and submits it for review', async () => {
    await importFile('收费清单.xlsx', await feeXlsx(FEE_ROWS_V1), '首次公布');
    await page.waitForURL(/\/admin\/lists\/\d+$/);
    v1 = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('cell', { name: '不动产登记费' }).first().waitFor();
    await actionButton('提交审核').click();
    await expect.poll(async () => (await admin.request('GET', `/api/v1/items/${v1}`)).json().status).toBe('in_review');
  });

  it('is approved by 初审, 复审 and 终审 in the back office and published', async () => {
    for (const who of ['fee.first', 'fee.second', 'fee.final']) {
      await signIn(who);
      await page.goto(`${app.url}/admin/lists/${v1}`);
      await act('通过', '审核通过');
    }
    await act('发布', '发布');
    await expect.poll(async () => (await admin.request('GET', `/api/v1/items/${v1}`)).json().status).toBe('published');
    await page.goto(`${app.url}/lists/admin_fees/${unit}/`);
    await page.getByRole('heading', { name: '相山区财政局行政事业性收费目录清单', level: 1 }).waitFor();
    expect(await page.locator('.list-meta').textContent()).toContain('第 1 版');
    await page.getByRole('cell', { name: '土地复垦费' }).waitFor();
    await expectNoAxeViolations(page, 'portal: current list');
  });

  it('a second version goes through the pipeline; the portal shows what changed between the two', async () => {
    await signIn('fee.editor');
    await importFile('收费清单-调整.xlsx', await feeXlsx(feeRowsV2()), '取消土地复垦费');
    await page.waitForURL(/\/admin\/lists\/\d+$/);
    v2 = Number(new URL(page.url()).pathname.split('/').pop());
    // the back office shows the change against version 1 before review
    await page.getByText('［已修改］').first().waitFor();
    await actionButton('提交审核').click();
    await expect.poll(async () => (await admin.request('GET', `/api/v1/items/${v2}`)).json().status).toBe('in_review');
    for (const who of ['fee.first', 'fee.second', 'fee.final']) {
      await signIn(who);
      await page.goto(`${app.url}/admin/lists/${v2}`);
      await act('通过', '审核通过');
    }
    await act('发布', '发布');
    await expect.poll(async () => (await admin.request('GET', `/api/v1/items/${v2}`)).json().status).toBe('published');

    await page.goto(`${app.url}/lists/admin_fees/${unit}/`);
    expect(await page.locator('.list-meta').textContent()).toContain('第 2 版');
    await page.getByRole('link', { name: '历史版本与变化' }).click();
    await page.getByRole('heading', { name: '相山区财政局行政事业性收费目录清单：历史版本', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'portal: list history');
    await page.getByRole('link', { name: '第 1 版 → 第 2 版' }).click();
    await page.getByRole('table', { name: /版本变化明细/ }).waitFor();
    const added = page.getByRole('row').filter({ hasText: '［新增］' });
    expect(await added.textContent()).toContain('城市道路占用挖掘修复费');
    const removed = page.getByRole('row').filter({ hasText: '［删除］' });
    expect(await removed.textContent()).toContain('土地复垦费');
    const changed = page.locator('td.chg');
    expect(await changed.count()).toBe(1);
    expect(await changed.textContent()).toBe('［已修改］原：住宅类80元/件 → 现：住宅类60元/件');
    // marked by text and by strike-through/underline, not by colour alone
    expect(await changed.locator('del').count()).toBe(1);
    expect(await changed.locator('ins').count()).toBe(1);
    await expectNoAxeViolations(page, 'portal: diff between versions');
    // the history's compare form works without JavaScript-dependent widgets
    await page.goto(`${app.url}/lists/admin_fees/${unit}/history`);
    await page.getByLabel('比较：旧版本').selectOption(String(v2));
    await page.getByLabel('新版本').selectOption(String(v1));
    await page.getByRole('button', { name: '查看变化' }).click();
    expect(await page.getByRole('row').filter({ hasText: '［新增］' }).textContent()).toContain('土地复垦费');
  });

  it('the diff stays readable in high contrast, and the lists, enforcement and services pages pass axe', async () => {
    await page.goto(`${app.url}/prefs?contrast=high&back=${encodeURIComponent(`/lists/admin_fees/${unit}/diff`)}`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.locator('td.chg').waitFor();
    await expectNoAxeViolations(page, 'portal: diff in high contrast');
    await page.goto(`${app.url}/prefs?contrast=normal&back=/`);
    for (const p of ['/lists/', '/lists/admin_fees/', '/enforcement/', '/services/', '/services/progress?caseNo=NOPE123456']) {
      await page.goto(app.url + p);
      await expectNoAxeViolations(page, `portal ${p}`);
    }
  });
});

describe('行政事业性收费 amounts for the annual report', () => {
  it('the unit’s editor records the year’s amount in the back office; the annual report states it', async () => {
    await signIn('fee.editor');
    await page.goto(`${app.url}/admin/fee-collections`);
    await page.getByLabel('年度').fill('2025');
    await page.getByText('登记 2025 年收费金额').waitFor();
    await page.getByLabel('金额（万元）').fill('12.34');
    await page.getByLabel('说明').fill('不动产登记费等');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已登记相山区财政局 2025 年收费金额 12.34 万元').waitFor();
    const row = page.getByRole('row').filter({ hasText: '不动产登记费等' });
    await row.waitFor();
    expect(await row.textContent()).toContain('12.34');
    await page.getByText('2025 年已登记（合计 12.34 万元）').waitFor();
    await expectNoAxeViolations(page, 'back office: fee amounts');
    expect((await buildReport(app.db, 2025, unit)).section2.feesWanYuan).toBe(12.34);
  });
});
