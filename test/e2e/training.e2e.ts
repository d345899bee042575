// 培训交流 in Chromium: the district office registers a session, a unit editor signs in; the case
// library page; axe on both.
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

async function loginAs(username: string, password: string): Promise<void> {
  await page.goto(`${app.url}/admin/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  await settled();
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `node scripts/build-admin.mjs` first');
  app = await startLiveApp();
  const office = await unitIdByShortName(app.db, '区政府办');
  const town = await unitIdByShortName(app.db, '渠沟镇');
  await createUser(app.db, systemActor(), { username: 'e2e.sup', displayName: '区政务公开办', unitId: office, password: 'training-pass-2026', roles: [{ role: 'supervisor', unitId: null }] });
  await createUser(app.db, systemActor(), { username: 'e2e.town', displayName: '渠沟镇编辑', unitId: town, password: 'training-pass-2026', roles: [{ role: 'editor', unitId: town }] });
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(20_000);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/training-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`training in the back office (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('the district office registers a session; a town editor signs in; the case library opens', async () => {
    await loginAs('e2e.sup', 'training-pass-2026');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '培训交流' }).click();
    await page.getByRole('heading', { name: '培训交流' }).waitFor();
    await settled();
    await page.getByRole('button', { name: '登记培训' }).click();
    const dialog = page.getByRole('dialog', { name: '登记培训' });
    await dialog.getByLabel('培训名称').fill('依申请公开业务培训');
    await dialog.getByLabel('日期').fill('2025-05-20');
    await dialog.getByLabel('日期').press('Enter');
    await dialog.getByLabel('地点').fill('区政务中心三楼会议室');
    await dialog.getByLabel('主办单位').fill('区人民政府办公室');
    await page.locator('.ant-select-item-option').first().click();
    await dialog.getByLabel('培训主题').click();
    await page.locator('.ant-select-item-option', { hasText: '依申请公开' }).click();
    await settled();
    await expectNoAxeViolations(page, 'new session form');
    await dialog.getByRole('button', { name: '保存' }).click();
    const drawer = page.getByRole('dialog', { name: '依申请公开业务培训' });
    await drawer.getByText('区政务中心三楼会议室').waitFor();
    await settled();
    await expectNoAxeViolations(page, 'session drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();

    await loginAs('e2e.town', 'training-pass-2026');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '培训交流' }).click();
    await page.getByRole('link', { name: '依申请公开业务培训' }).click();
    const d2 = page.getByRole('dialog', { name: '依申请公开业务培训' });
    await d2.getByRole('button', { name: '本人签到' }).click();
    await d2.getByText(/您已于 .* 签到/).waitFor();
    await expect.poll(() => d2.locator('.ant-table-row').filter({ hasText: '渠沟镇' }).first().textContent()).toContain('1');
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '典型案例' }).click();
    await page.getByRole('heading', { name: '典型案例' }).waitFor();
    await settled();
    await expectNoAxeViolations(page, 'case library');
  });
});
