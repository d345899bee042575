// 意见征集 in Chromium: a unit's editor opens a comment period on a draft in the back office; a
// citizen comments on one paragraph on the portal without JavaScript; the editor publishes that
// comment and enters an offline one from a village notice board; the portal shows both with their
// source; the participation back-office pages pass axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login as apiLogin, unitIdByShortName } from '../helpers.js';
import { adminPage, type AdminPage } from './admin-page.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const PASSWORD = 'part-e2e-pass-2026';
const TITLE = '相山区就业补贴实施办法（征求意见稿）';
let app: LiveApp;
let browser: Browser;
let page: Page;
let citizen: Page;
let admin$: AdminPage;
let draftUrl = '';

beforeAll(async () => {
  app = await startLiveApp();
  const admin = await apiLogin(app.server, 'admin', ADMIN_PASSWORD);
  const unitId = await unitIdByShortName(app.db, '区人社局');
  const res = await admin.request('POST', '/api/v1/users', { username: 'part.editor', displayName: '人社局编辑', unitId, password: PASSWORD, roles: [{ role: 'editor', unitId }] });
  expect(res.statusCode, res.body).toBe(201);
  ({ browser, page } = await launchBrowser());
  citizen = await (await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false })).newPage();
  citizen.setDefaultTimeout(20_000);
  admin$ = adminPage(page, app.url, PASSWORD);
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`comment period on a draft (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('the editor creates and opens a comment period in the back office', async () => {
    await admin$.signIn('part.editor');
    await page.goto(`${app.url}/admin/participation/drafts`);
    await page.getByRole('heading', { name: '意见征集', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'back office: 意见征集 list');
    await admin$.actionButton('新建征集').click();
    const dialog = page.getByRole('dialog', { name: '新建意见征集' });
    await dialog.waitFor();
    await admin$.choose('起草单位', '相山区人力资源和社会保障局');
    await dialog.getByLabel('草案标题').fill(TITLE);
    await dialog.getByLabel('起草说明').fill('为稳定就业，制定本办法。');
    await dialog.getByLabel('草案正文（每段一行，公众可针对段落提意见）').fill('第一条 为促进就业，制定本办法。\n第二条 吸纳高校毕业生就业的小微企业，按每人一千元给予一次性补贴。\n第三条 本办法自发布之日起施行。');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/admin\/participation\/drafts\?id=\d+$/);
    await admin$.actionButton('发布征集').click();
    const portalLink = page.getByRole('link', { name: '查看门户页面' });
    await portalLink.waitFor();
    draftUrl = app.url + (await portalLink.getAttribute('href'))!;
    await expectNoAxeViolations(page, 'back office: a comment period');
  });

  it('a citizen comments on the second paragraph without JavaScript', async () => {
    await citizen.goto(draftUrl);
    await citizen.getByRole('heading', { name: '发表意见' }).waitFor();
    await citizen.getByLabel('针对段落').selectOption('2');
    await citizen.getByLabel(/^意见内容/).fill('建议把补贴提高到每人两千元，并简化申领材料。');
    await citizen.getByLabel('称呼（可选，公开时只显示姓氏）').fill('王小明');
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByRole('status').filter({ hasText: '您的意见已提交，经审核后公开' }).waitFor();
    expect(await citizen.getByRole('heading', { name: /^已公开的意见/ }).textContent()).toBe('已公开的意见（0 条）');
  });

  it('the editor publishes the comment and enters an offline one; the portal shows both with their source', async () => {
    await page.reload();
    const online = page.getByRole('row').filter({ hasText: '简化申领材料' });
    await online.waitFor();
    expect(await online.textContent()).toContain('第 2 段');
    await online.getByRole('button', { name: '公开' }).click();
    await online.getByText('已公开').waitFor();

    await admin$.actionButton('录入线下意见').click();
    const dialog = page.getByRole('dialog', { name: '录入线下意见' });
    await dialog.waitFor();
    await admin$.choose('来源', '村级公示栏');
    await dialog.getByLabel('来源说明（如某村公示栏、来信日期）').fill('渠沟镇某村公示栏');
    await dialog.getByLabel('意见内容').fill('希望把个体工商户也纳入补贴范围。');
    await dialog.getByRole('button', { name: '录入' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const offline = page.getByRole('row').filter({ hasText: '个体工商户' });
    await offline.waitFor();
    expect(await offline.textContent()).toContain('村级公示栏（渠沟镇某村公示栏）');
    // Entered by staff from a paper source and not flagged: public at once, no moderation step.
    await offline.getByText('已公开').waitFor();
    expect(await offline.getByRole('button', { name: '公开', exact: true }).count()).toBe(0);

    await citizen.goto(draftUrl);
    expect(await citizen.getByRole('heading', { name: /^已公开的意见/ }).textContent()).toBe('已公开的意见（2 条）');
    const shown = await citizen.locator('main').textContent();
    expect(shown).toContain('王** · 第 2 段 · 网上提交');
    expect(shown).toContain('村级公示栏');
    expect(shown).not.toContain('王小明');
    // axe needs JavaScript: check the same portal page in the staff browser.
    await page.goto(draftUrl);
    await expectNoAxeViolations(page, 'portal: a comment period with comments');
  });

  it('the catalog and events pages pass axe', async () => {
    for (const [path, heading] of [['/admin/participation/catalog', '决策事项目录'], ['/admin/participation/events', '列席会议与开放日']] as const) {
      await page.goto(app.url + path);
      await page.getByRole('navigation', { name: '主菜单' }).waitFor();
      await page.getByText(heading).first().waitFor();
      await admin$.settled();
      await expectNoAxeViolations(page, `back office: ${heading}`);
    }
  });
});
