// The information security patrol dashboard in Chromium: start a run, watch its progress reach
// 100%, see a finding, accept it with a reason; axe on the dashboard; the printable report opens.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { unitIdByShortName } from '../helpers.js';
import { createUser } from '../../src/platform/auth/users.js';
import { systemActor } from '../../src/platform/actor.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

let app: LiveApp;
let browser: Browser;
let page: Page;

async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `node scripts/build-admin.mjs` first');
  app = await startLiveApp();
  const office = await unitIdByShortName(app.db, '区政府办');
  await createUser(app.db, systemActor(), { username: 'e2e.patrol', displayName: '巡查监管', unitId: office, password: 'patrol-pass-2026', roles: [{ role: 'supervisor', unitId: null }] });
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(20_000);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/patrol-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`patrol dashboard (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('starts a run, shows progress to 100%, the verdicts and findings; a finding is accepted with a reason', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel('用户名', { exact: true }).fill('e2e.patrol');
    await page.getByLabel('密码', { exact: true }).fill('patrol-pass-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '信息安全巡查' }).click();
    await page.getByRole('heading', { name: '信息安全巡查' }).waitFor();
    await page.getByText('尚无已完成的巡查。').waitFor();
    await settled();
    await expectNoAxeViolations(page, 'dashboard before any run');

    await page.getByRole('button', { name: '立即巡查' }).click();
    const status = page.getByRole('status').filter({ hasText: '巡查' });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/已完成，完成，进度 100%/);
    // The verdicts: pass/fail in words, not only colour.
    await page.getByRole('heading', { name: '单项否决指标' }).waitFor();
    await page.getByText('首页 2 周内有更新').waitFor();
    await expect.poll(() => page.getByText(/^(通过|不通过（单项否决）)$/).count()).toBe(4);
    await page.getByText('不通过（单项否决）').first().waitFor(); // a fresh district has no publication: homepage fails
    await page.getByRole('img', { name: /各单位巡查问题数/ }).waitFor();
    await page.getByRole('img', { name: /按问题类型统计的巡查问题数：.*空白栏目 \d+/ }).waitFor();
    await settled();
    await expectNoAxeViolations(page, 'dashboard with a run');

    // Filter to empty columns and accept the first one with a reason.
    await page.getByLabel('按问题类型筛选').click();
    await page.locator('.ant-select-item-option', { hasText: '空白栏目' }).click();
    await settled();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '没有任何信息' });
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '首页信息已超过两周未更新' }).count()).toBe(0);
    const first = rows.first();
    const title = (await first.locator('td').nth(3).locator('span').first().textContent())!;
    await first.getByRole('button', { name: /^确认无需整改/ }).click();
    const dialog = page.getByRole('dialog', { name: '确认无需整改' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('确认无需整改时请说明理由（至少 4 个字）').waitFor();
    await dialog.getByLabel('无需整改的理由').fill('该栏目年内停用，已报请撤销');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: title });
    await expect.poll(() => row.textContent()).toContain('说明：该栏目年内停用，已报请撤销');
    expect(await row.textContent()).toContain('确认无需整改');

    // The status filter shows it among the accepted ones.
    await page.getByLabel('按处理状态筛选').click();
    await page.locator('.ant-select-item-option', { hasText: '确认无需整改' }).click();
    await settled();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '没有任何信息' }).count()).toBe(1);

    // History and the printable report (same origin, session cookie): opens in a new tab.
    const link = page.getByRole('link', { name: '打印巡查报告（新窗口）' });
    expect(await link.getAttribute('target')).toBe('_blank');
    const [report] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await report.waitForLoadState();
    await report.getByRole('heading', { name: /信息安全巡查报告/ }).waitFor();
    expect(await report.content()).toContain('该栏目年内停用');
    await report.close();
    expect(await page.getByRole('link', { name: /^第 \d+ 次报告$/ }).count()).toBe(1);
  });
});
