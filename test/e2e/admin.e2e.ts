// The back office (web/admin, served from dist/admin) driven through its real UI in Chromium.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { creditCodeCheckChar } from '../../src/platform/checks.js';
import { ADMIN_PASSWORD } from '../helpers.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const UNIT = { name: '相山区浏览器测试中心', shortName: '浏览器测试中心', creditCode: '' };
UNIT.creditCode = '11340603MD0000001' + creditCodeCheckChar('11340603MD0000001');
const EDITOR = { username: 'e2e.editor', displayName: '测试编辑员', password: 'editor-pass-2026' };
const ADMIN_MENU = ['单位管理', '用户与角色', '工作日历', '审计日志', '站点设置'];
const ADMIN_ONLY = ['单位管理', '用户与角色', '审计日志'];
const MAIN_PAGES = ['工作台', '单位管理', '用户与角色', '工作日历', '审计日志', '站点设置', '个人设置'];

let app: LiveApp;
let browser: Browser;
let page: Page;

const menu = () => page.getByRole('navigation', { name: '主菜单' });
const menuItems = async () => (await menu().getByRole('menuitem').allTextContents()).map((t) => t.trim());
const prefsCookie = async () => (await page.context().cookies()).find((c) => c.name === 'gk_prefs')?.value;
const bodyStyle = () =>
  page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { fontSize: parseFloat(s.fontSize), background: s.backgroundColor };
  });
const inputFontSize = () => page.getByLabel('用户名', { exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** Waits until no antd spinner spins (data has loaded) and CSS transitions (e.g. of a theme switch) have ended. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

async function axe(label: string): Promise<void> {
  await settled();
  await expectNoAxeViolations(page, label);
}

/** Opens an antd Select and clicks the option showing `text` (typing it first when the select is searchable). */
async function choose(combobox: Locator, text: string, opts: { search?: boolean } = {}): Promise<void> {
  await combobox.click();
  if (opts.search) await combobox.fill(text);
  await page.locator('.ant-select-dropdown:visible').getByText(text, { exact: true }).click();
}

/** Clicks the header/login toggles that are not yet in the wanted state. */
async function setModes(want: { largeFont: boolean; highContrast: boolean }): Promise<void> {
  const font = page.getByRole('button', { name: want.largeFont ? '大字版' : '标准字体' });
  if (await font.count()) await font.click();
  const contrast = page.getByRole('button', { name: want.highContrast ? '高对比度' : '标准配色' });
  if (await contrast.count()) await contrast.click();
  await page.getByRole('button', { name: want.largeFont ? '标准字体' : '大字版' }).waitFor();
  await page.getByRole('button', { name: want.highContrast ? '标准配色' : '高对比度' }).waitFor();
}

async function login(username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function loginOk(username: string, password: string): Promise<void> {
  await login(username, password);
  await menu().waitFor();
  await settled();
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/admin/login');
}

async function openPage(label: string): Promise<void> {
  await menu().getByRole('menuitem', { name: label }).click();
  const heading = label === '工作台' ? page.getByRole('heading', { level: 1 }) : page.getByRole('heading', { name: label, level: 1 });
  await heading.waitFor();
  await settled();
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `node scripts/build-admin.mjs` first');
  app = await startLiveApp();
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(20_000);
});
// On failure, a screenshot of the page as it was: .tmp/admin-e2e-failure-<test>.png.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/admin-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png` }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`back office in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('login page passes axe in normal, large-font and high-contrast modes, switched in place by the toggles', async () => {
    await page.goto(`${app.url}/admin/`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await axe('login, normal');
    // A marker on window survives only if the toggles re-theme without reloading the page.
    await page.evaluate(() => Object.assign(window, { gkNoReload: true }));

    const before = await inputFontSize();
    await page.getByRole('button', { name: '大字版' }).click();
    await page.getByRole('button', { name: '标准字体' }).waitFor();
    expect(await prefsCookie()).toBe('font-large');
    // antd animates font-size changes: poll until the transition has finished.
    await expect.poll(inputFontSize).toBeGreaterThanOrEqual(before * 1.2);
    await axe('login, large font');

    await page.getByRole('button', { name: '标准字体' }).click();
    await page.getByRole('button', { name: '高对比度' }).click();
    await page.getByRole('button', { name: '标准配色' }).waitFor();
    expect(await prefsCookie()).toBe('contrast-high');
    expect((await bodyStyle()).background).toBe('rgb(0, 0, 0)');
    await axe('login, high contrast');

    await page.getByRole('button', { name: '大字版' }).click();
    expect(await prefsCookie()).toBe('font-large.contrast-high');
    await axe('login, large font + high contrast');
    expect(await page.evaluate(() => (window as unknown as { gkNoReload?: boolean }).gkNoReload)).toBe(true);

    // The cookie is honoured on start (as set by the portal), and switching back clears it.
    await page.reload();
    await page.getByRole('button', { name: '标准配色' }).waitFor();
    expect((await bodyStyle()).background).toBe('rgb(0, 0, 0)');
    await page.getByRole('button', { name: '标准字体' }).click();
    await page.getByRole('button', { name: '标准配色' }).click();
    await page.getByRole('button', { name: '高对比度' }).waitFor();
    expect(await prefsCookie()).toBe('');
    expect((await bodyStyle()).background).not.toBe('rgb(0, 0, 0)');
  });

  it('rejects a wrong password, then logs the admin in with the full menu', async () => {
    await login('admin', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await loginOk('admin', ADMIN_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/admin/');
    const items = await menuItems();
    for (const label of ADMIN_MENU) expect(items).toContain(label);
  });

  it('creates a unit, then an editor user in it, through the UI', async () => {
    await openPage('单位管理');
    await page.getByRole('button', { name: '新增单位' }).click();
    const drawer = page.getByRole('dialog', { name: '新增单位' });
    await drawer.getByLabel('单位名称').fill(UNIT.name);
    await drawer.getByLabel('简称').fill(UNIT.shortName);
    await drawer.getByLabel('统一社会信用代码').fill(UNIT.creditCode);
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('单位已创建').waitFor();
    const unitRow = page.getByRole('row', { name: new RegExp(UNIT.name) });
    await unitRow.waitFor();
    expect(await unitRow.textContent()).toContain(UNIT.creditCode);

    await openPage('用户与角色');
    await page.getByRole('button', { name: '新建用户' }).click();
    const modal = page.getByRole('dialog', { name: '新建用户' });
    await modal.getByLabel('用户名').fill(EDITOR.username);
    await modal.getByLabel('姓名').fill(EDITOR.displayName);
    await choose(modal.getByRole('combobox', { name: '所属单位' }), UNIT.name, { search: true });
    await modal.getByLabel('初始密码').fill(EDITOR.password);
    await modal.getByRole('button', { name: '添加角色' }).click();
    await choose(modal.getByRole('combobox', { name: '角色 1' }), '信息编辑');
    // The role's unit defaults to the user's unit.
    expect(await modal.locator('.ant-form-item').filter({ hasText: '适用范围' }).textContent()).toContain(UNIT.name);
    await modal.getByRole('button', { name: '保存' }).click();
    await page.getByText(`用户「${EDITOR.displayName}」已创建`).waitFor();
    const userRow = page.getByRole('row', { name: new RegExp(EDITOR.username.replace('.', '\\.')) });
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain(`信息编辑 · ${UNIT.name}`);
  });

  it('the editor sees no admin menus and gets the no-permission page for /admin/users', async () => {
    await logout();
    await loginOk(EDITOR.username, EDITOR.password);
    expect(await page.getByRole('banner').textContent()).toContain(EDITOR.displayName);
    const items = await menuItems();
    expect(items).toContain('工作日历');
    for (const label of ADMIN_ONLY) expect(items).not.toContain(label);
    await page.goto(`${app.url}/admin/users`);
    await page.getByText('无权访问').waitFor();
    expect(await page.getByText('您的账号没有访问此页面的权限').count()).toBe(1);
    expect(await page.getByRole('heading', { name: '用户与角色' }).count()).toBe(0);
  });

  it('back as admin: the audit log lists the creations and its hash chain verifies', async () => {
    await logout();
    await loginOk('admin', ADMIN_PASSWORD);
    await openPage('审计日志');
    await page.getByRole('cell', { name: `新建单位「${UNIT.name}」` }).waitFor();
    await page.getByRole('cell', { name: `新建用户 ${EDITOR.username}（${EDITOR.displayName}）` }).waitFor();
    await page.getByRole('button', { name: '校验完整性' }).click();
    const result = page.getByRole('dialog', { name: '审计日志完整性校验' });
    await result.getByText('校验通过').waitFor();
    expect(await result.textContent()).toContain('哈希链完整');
    await result.getByRole('button', { name: '关闭' }).first().click();
    await result.waitFor({ state: 'hidden' });
  });

  it('working-day calendar: 2026 has 春节, and 20 working days after 2026-02-13 is 2026-03-19', async () => {
    await openPage('工作日历');
    await choose(page.getByLabel('选择年份'), '2026 年 · 内置');
    await settled();
    expect(await page.getByRole('cell', { name: '春节', exact: true }).count()).toBeGreaterThanOrEqual(7);

    const calc = page.getByRole('region', { name: '期限推算' });
    const from = calc.getByLabel('起始日期');
    await from.click();
    await from.fill('2026-02-13');
    await from.press('Enter');
    await calc.getByLabel('工作日数').fill('20');
    await calc.getByRole('button', { name: '计算' }).click();
    const out = calc.getByRole('status');
    await out.waitFor();
    expect(await out.textContent()).toContain('自 2026-02-13 起 20 个工作日后为 2026-03-19');
  });

  const MODES = [
    { label: 'normal', largeFont: false, highContrast: false, cookie: '' },
    { label: 'large font', largeFont: true, highContrast: false, cookie: 'font-large' },
    { label: 'high contrast', largeFont: false, highContrast: true, cookie: 'contrast-high' },
  ];
  // One test per page and mode: axe takes seconds on the big tables of a two-core machine.
  for (const mode of MODES) {
    for (const label of MAIN_PAGES) {
      it(`${label} passes axe in ${mode.label} mode (switched with the header toggles)`, async () => {
        await setModes(mode);
        expect(await prefsCookie()).toBe(mode.cookie);
        await openPage(label);
        await axe(`${label}, ${mode.label}`);
      });
    }
  }

  it('switching back to the standard modes clears the cookie', async () => {
    await setModes({ largeFont: false, highContrast: false });
    expect(await prefsCookie()).toBe('');
    expect((await bodyStyle()).background).not.toBe('rgb(0, 0, 0)');
  });
});
