// The publishing pipeline through the back office and the portal, in Chromium: a 行政规范性文件
// drafted with its interpretation, reviewed by four people, published, found on the portal,
// then withdrawn from everywhere.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login as apiLogin, unitIdByShortName, type Client } from '../helpers.js';
import { adminPage, type AdminPage } from './admin-page.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const PASSWORD = 'pipeline-pass-2026';
const EDITOR = { username: 'pub.editor', displayName: '起草员小周', role: 'editor' };
const REVIEWERS = [
  { username: 'pub.first', displayName: '初审员甲', role: 'reviewer_first', stage: '初审' },
  { username: 'pub.second', displayName: '复审员乙', role: 'reviewer_second', stage: '复审' },
  { username: 'pub.conf', displayName: '保密员丙', role: 'confidentiality', stage: '保密审查' },
  { username: 'pub.final', displayName: '终审员丁', role: 'reviewer_final', stage: '终审' },
] as const;
/** Only in the body: proves full-text search reaches it. */
const WORD = '朱雀星助学金';
const TITLE = '相山区学生资助管理办法';
const DOC_NUMBER = '相教〔2026〕7号';
const INTERPRETATION = `《${TITLE}》政策解读`;
const REASON = '文件内容需重新审定';

let app: LiveApp;
let browser: Browser;
let page: Page;
let admin: Client;
let columnId: number;
let policyId: number;

let ui: AdminPage;
const settled = () => ui.settled();
const choose = (label: string, text: string) => ui.choose(label, text);
const pickDate = (label: string, date: string) => ui.pickDate(label, date);
const signIn = (username: string) => ui.signIn(username);
const signOut = () => ui.signOut();
const actionButton = (text: string) => ui.actionButton(text);
const formItem = (label: string) => ui.formItem(label);
const menu = () => ui.menu();
// The item page's review chain (the lifecycle timeline below is drawn with the same Steps classes).
const reviewChain = () => page.getByRole('region', { name: /^审核流程/ });
const statusTag = () => page.locator('.ant-card-head').locator('.ant-tag');

async function openItem(): Promise<void> {
  await page.goto(`${app.url}/admin/content/${policyId}`);
  await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await settled();
}

const act = (button: string, dialogTitle: string, fill?: (d: Locator) => Promise<void>) => ui.act(button, dialogTitle, fill);

const portal = async (path: string) => {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, body: await res.text() };
};

/** The portal's search page when registered, else the search API. */
async function searchFinds(id: number): Promise<boolean> {
  const res = await page.goto(`${app.url}/search?q=${encodeURIComponent(WORD)}`);
  if (res?.status() === 200) {
    await page.getByRole('heading', { name: '站内搜索', level: 1 }).waitFor();
    return (await page.locator(`a[href="/policies/${id}"]`).count()) > 0;
  }
  const api = (await (await fetch(`${app.url}/api/v1/search?q=${encodeURIComponent(WORD)}`)).json()) as { hits: Array<{ url: string }> };
  return api.hits.some((h) => h.url === `/policies/${id}`);
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `npx vite build --config web/admin/vite.config.ts` first');
  app = await startLiveApp();
  admin = await apiLogin(app.server, 'admin', ADMIN_PASSWORD);
  const unitId = await unitIdByShortName(app.db, '区教育局');
  columnId = ((await admin.request('GET', '/api/v1/columns')).json().items as Array<{ id: number; name: string }>).find((c) => c.name === '政策文件')!.id;
  for (const p of [EDITOR, ...REVIEWERS]) {
    const res = await admin.request('POST', '/api/v1/users', {
      username: p.username, displayName: p.displayName, unitId, password: PASSWORD, roles: [{ role: p.role, unitId }],
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  ({ browser, page } = await launchBrowser());
  ui = adminPage(page, app.url, PASSWORD);
  page.setDefaultTimeout(20_000);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/publishing-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`publishing pipeline in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('the editor drafts a 行政规范性文件; the server’s 发文字号 message shows on the field', async () => {
    await signIn(EDITOR.username);
    await menu().getByRole('menuitem', { name: '内容管理' }).click();
    await page.getByRole('heading', { name: '内容管理', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建政策文件' }).click();
    await page.getByRole('heading', { name: '新建政策文件', level: 1 }).waitFor();
    // The form opens once units are loaded, with my unit as the drafting unit.
    await expect.poll(() => formItem('起草单位').textContent()).toContain('教育局');

    await page.getByLabel('标题', { exact: true }).fill(TITLE);
    await page.getByLabel('发文字号').fill('相教[2026]7号');
    await pickDate('成文日期', '2026-01-10');
    await pickDate('实施日期', '2026-02-01');
    await pickDate('合法性审核日期', '2026-01-05');
    await page.getByLabel('统一登记编号').fill('XSQ-2026-0007');
    await page.getByLabel('主题分类').fill('教育\\其他');
    await page.getByLabel('关键词').fill('学生资助,助学金');
    await page.getByLabel('内容概述').fill('规范学生资助的对象、标准与发放程序');
    await choose('发布栏目', '政策文件');

    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.getByRole('toolbar', { name: '正文格式' }).getByRole('button', { name: '标题二' }).click();
    await page.keyboard.type('第一章 总则');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: '正文格式' }).getByRole('button', { name: '段落' }).click();
    await page.keyboard.type(`第一条 为规范${WORD}的发放，制定本办法。`);
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: '正文格式' }).getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('第二条 资助标准每生每年二千元。');
    expect(await body.locator('h2').textContent()).toBe('第一章 总则');
    expect(await body.locator('strong, b').count()).toBeGreaterThan(0);

    // The server refuses the bracket style; its reason appears under 发文字号.
    await page.getByRole('button', { name: '保存草稿' }).click();
    const docNumberItem = formItem('发文字号');
    await docNumberItem.getByText('年份应使用六角括号〔〕').waitFor();
    expect(await docNumberItem.textContent()).toContain('发文字号「相教[2026]7号」不规范');

    await page.getByLabel('发文字号').fill(DOC_NUMBER);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    policyId = Number(/\/admin\/content\/(\d+)$/.exec(page.url())?.[1]);
    expect(policyId).toBeGreaterThan(0);
    await settled();
    expect(await statusTag().textContent()).toBe('草稿');
    const saved = (await admin.request('GET', `/api/v1/policies/${policyId}`)).json();
    expect(saved.policy).toMatchObject({ docNumber: DOC_NUMBER, policyKind: '行政规范性文件', legalityReviewedOn: '2026-01-05', registrationNo: 'XSQ-2026-0007', validUntil: '2031-01-31' });
    expect(saved.columnIds).toEqual([columnId]);
    expect(saved.bodyHtml).toContain(WORD);
    expect(saved.bodyHtml).toMatch(/<h2>第一章 总则<\/h2>/);
  });

  it('submitting without its interpretation is refused; with a 文字 interpretation it goes to 初审', async () => {
    await page.getByRole('button', { name: '提交审核' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '提交审核失败' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('须与政策解读同步起草、同步审签、同步发布');
    expect(await statusTag().textContent()).toBe('草稿');

    await page.getByRole('button', { name: '新增解读' }).click();
    await page.getByRole('heading', { name: '新增政策解读', level: 1 }).waitFor();
    await page.getByText(`《${TITLE}》尚是草稿：本解读将与它同步审核、同步发布`).waitFor();
    expect(await formItem('解读形式').textContent()).toContain('文字');
    await page.getByLabel('标题', { exact: true }).fill(INTERPRETATION);
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.type(`一、出台背景：为做好${WORD}发放工作。`);
    await page.getByRole('button', { name: '保存草稿' }).click();

    // Back on the policy: the interpretation is in its bundle.
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await settled();
    const row = page.getByRole('row').filter({ hasText: INTERPRETATION });
    await row.waitFor();
    expect(await row.textContent()).toContain('与本文件同步');
    await page.getByText('同步审核、同步发布：提交审核、各环节审核决定、发布和撤回都在本文件上进行').waitFor();

    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('提交审核成功').waitFor();
    await expect.poll(() => statusTag().textContent()).toBe('审核中');
    // The chain has the four stages (保密审查 is required for policies) and 初审 is current.
    const steps = reviewChain().locator('.ant-steps-item');
    expect(await steps.allTextContents()).toEqual([
      expect.stringContaining('初审'), expect.stringContaining('复审'), expect.stringContaining('保密审查'), expect.stringContaining('终审'),
    ]);
    expect(await reviewChain().locator('.ant-steps-item-process').textContent()).toContain('初审');
    // The editor has no reviewer role: no decision buttons.
    expect(await actionButton('通过').count()).toBe(0);
  });

  it('a reviewer out of turn is refused with the server’s reason; four reviewers approve their stages in turn', async () => {
    await signOut();
    await signIn(REVIEWERS[1].username);
    await menu().getByRole('menuitem', { name: '待我审核' }).click();
    await page.getByRole('heading', { name: '待我审核', level: 1 }).waitFor();
    await settled();
    await page.getByText('暂无待您审核的内容').waitFor();
    await openItem();
    await act('通过', '审核通过');
    const refusal = page.getByRole('alert').filter({ hasText: '审核通过失败' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('您没有本单位的「初审」权限');

    for (const r of REVIEWERS) {
      await signOut();
      await signIn(r.username);
      await menu().getByRole('menuitem', { name: '待我审核' }).click();
      await page.getByRole('heading', { name: '待我审核', level: 1 }).waitFor();
      await page.getByRole('link', { name: TITLE, exact: true }).click();
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await settled();
      expect(await reviewChain().locator('.ant-steps-item-process').textContent()).toContain(r.stage);
      await act('通过', '审核通过', async (d) => {
        await d.getByLabel('审核意见').fill(`${r.stage}同意`);
        // 终审 first sees the personal-data check of the policy and its interpretation.
        if (r.role === 'reviewer_final') await d.getByText('个人信息检查：正文和附件中未发现身份证号、手机号、银行卡号').waitFor();
      });
      await page.getByRole('cell', { name: r.displayName }).waitFor();
    }
    await expect.poll(() => statusTag().textContent()).toBe('已审核待发布');
    // Every stage shows who decided, with the comment.
    const steps = await reviewChain().locator('.ant-steps-item').allTextContents();
    REVIEWERS.forEach((r, i) => {
      expect(steps[i]).toContain(r.displayName);
      expect(steps[i]).toContain(`意见：${r.stage}同意`);
    });
  });

  it('the 终审 reviewer publishes: policy and interpretation get their 索引号; the item page passes axe', async () => {
    await act('发布', '发布', async (d) => {
      expect(await d.getByRole('radio', { name: '立即发布' }).isChecked()).toBe(true);
    });
    await page.getByText('发布成功').waitFor();
    await expect.poll(() => statusTag().textContent()).toBe('已发布');
    const item = (await admin.request('GET', `/api/v1/items/${policyId}`)).json();
    expect(item.indexNo).toMatch(/^[0-9A-Z]{18}\/\d{6}-\d{5}$/);
    const row = page.locator('.ant-descriptions-row').filter({ hasText: '索引号' });
    expect(await row.textContent()).toContain(item.indexNo);
    await page.getByRole('row').filter({ hasText: INTERPRETATION }).filter({ hasText: '已发布' }).waitFor();
    await actionButton('撤回').waitFor();
    await expectNoAxeViolations(page, 'back office: published item page');
  });

  it('the portal lists it in the library, shows 索引号, 发文字号, interpretation and timeline; search, feed and sitemap have it', async () => {
    const indexNo = (await admin.request('GET', `/api/v1/items/${policyId}`)).json().indexNo as string;
    await page.goto(`${app.url}/policies/`);
    await page.getByRole('link', { name: TITLE, exact: true }).waitFor();

    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/policies/${policyId}`);
    const meta = async (k: string) => page.locator('table.meta tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${k}$`) }) }).locator('td').textContent();
    expect(await meta('索引号')).toBe(indexNo);
    expect(await meta('文号')).toBe(DOC_NUMBER);
    expect(await meta('文件类型')).toBe('行政规范性文件');
    expect(await page.locator('.body').textContent()).toContain(WORD);
    const interp = page.getByRole('link', { name: `${INTERPRETATION}（文字）` });
    expect(await interp.getAttribute('href')).toMatch(/^\/interpretations\/\d+$/);
    const timeline = await page.locator('ol.timeline li').allTextContents();
    for (const step of ['起草', '合法性审核', '统一登记编号', '正式发布', '发布解读']) expect(timeline.join('\n')).toContain(step);
    await expectNoAxeViolations(page, 'portal: policy document page');

    expect(await searchFinds(policyId)).toBe(true);
    const feed = await portal(`/feeds/columns/${columnId}.xml`);
    expect(feed.body).toContain(TITLE);
    expect(feed.body).toContain(`/policies/${policyId}`);
    expect((await portal('/sitemap.xml')).body).toContain(`/policies/${policyId}</loc>`);
  });

  it('the 终审 reviewer withdraws it with a reason; the portal says 已撤回 and it leaves library, search, feed and sitemap', async () => {
    await openItem();
    // The reason is required.
    await actionButton('撤回').click();
    const dialog = page.getByRole('dialog', { name: '撤回' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写撤回原因').waitFor();
    await dialog.getByLabel('撤回原因').fill(REASON);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('撤回成功').waitFor();
    await expect.poll(() => statusTag().textContent()).toBe('已撤回');
    await page.getByText(`：${REASON}`).first().waitFor();

    const res = await page.goto(`${app.url}/policies/${policyId}`);
    expect(res?.status()).toBe(410);
    const notice = page.locator('.notice');
    expect(await notice.textContent()).toContain('已撤回');
    expect(await notice.textContent()).toContain(REASON);
    expect(await page.content()).not.toContain(WORD);

    await page.goto(`${app.url}/policies/`);
    await page.getByRole('heading', { name: '政策文件库', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: TITLE, exact: true }).count()).toBe(0);
    expect(await searchFinds(policyId)).toBe(false);
    expect((await portal(`/feeds/columns/${columnId}.xml`)).body).not.toContain(TITLE);
    expect((await portal('/sitemap.xml')).body).not.toContain(`/policies/${policyId}<`);
  });
});
