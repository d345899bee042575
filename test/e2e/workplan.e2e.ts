// The work plan (工作要点) and privacy pages of the back office, driven in Chromium:
// import with preview → plan with chart → a unit reports → the district office accepts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, unitIdByShortName } from '../helpers.js';
import { createUser } from '../../src/platform/auth/users.js';
import { systemActor } from '../../src/platform/actor.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const SEED = path.resolve('../shared/seed/work-plan-2025.txt');
let app: LiveApp;
let browser: Browser;
let page: Page;

async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

async function loginAs(username: string, password: string): Promise<void> {
  await page.goto(`${app.url}/admin/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  await settled();
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `node scripts/build-admin.mjs` first');
  app = await startLiveApp();
  const sifa = await unitIdByShortName(app.db, '区司法局');
  await createUser(app.db, systemActor(), { username: 'e2e.sifa', displayName: '司法局编辑', unitId: sifa, password: 'sifa-pass-2026', roles: [{ role: 'editor', unitId: sifa }] });
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(20_000);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/workplan-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png` }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`work plan in the back office (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('imports the seed table after a preview showing every unit resolved', async () => {
    await loginAs('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '导入工作要点' }).click();
    await page.getByLabel('年度').fill('2025');
    await page.locator('input[type=file]').setInputFiles(SEED);
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByText('所有责任单位均已识别').waitFor();
    await settled();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(22);
    await expectNoAxeViolations(page, 'import preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('img', { name: /各单位任务进展/ }).waitFor();
    await settled();
    expect(new URL(page.url()).pathname).toBe('/admin/workplan');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(22);
    await expectNoAxeViolations(page, 'plan');
    await logout();
  });

  it('a unit reports on its task; the district office accepts it', async () => {
    await loginAs('e2e.sifa', 'sifa-pass-2026');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '工作要点' }).click();
    await page.getByRole('img', { name: /各单位任务进展/ }).waitFor();
    await settled();
    const row6 = page.locator('.ant-table-tbody tr.ant-table-row').filter({ has: page.locator('td', { hasText: /^6$/ }) });
    await row6.getByRole('button', { name: '报送进展' }).click();
    await page.getByLabel('进展情况').fill('已动态调整不予处罚清单并在网站公开');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByText('已报送，等待区政府办审核').waitFor();
    await settled();
    await expect.poll(() => row6.textContent()).toContain('待审核');
    await logout();

    await loginAs('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '进展审核' }).click();
    await page.getByText('已动态调整不予处罚清单并在网站公开').waitFor();
    await settled();
    await expectNoAxeViolations(page, 'review');
    await page.getByRole('button', { name: '通过' }).click();
    await page.getByText('已通过', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByText('已动态调整不予处罚清单并在网站公开').count()).toBe(0);
  });
});
