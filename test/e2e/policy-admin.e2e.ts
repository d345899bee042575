// The back-office screens of the policy library in Chromium: the review chain configured for a
// unit and content kind (and a new submission following it), the interpretation waived with a
// reason so that a policy is published alone, and the lifecycle entries (public comment, execution
// evaluation with its report, revision, repeal) seen on the back-office and portal timelines.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login as apiLogin, unitIdByShortName, type Client } from '../helpers.js';
import { adminPage, type AdminPage } from './admin-page.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const PASSWORD = 'policy-admin-2026';
const PEOPLE = [
  { username: 'pa.editor', displayName: '起草员小林', role: 'editor' },
  { username: 'pa.first', displayName: '初审员赵', role: 'reviewer_first' },
  { username: 'pa.second', displayName: '复审员钱', role: 'reviewer_second' },
  { username: 'pa.conf', displayName: '保密员孙', role: 'confidentiality' },
  { username: 'pa.final', displayName: '终审员李', role: 'reviewer_final' },
] as const;
const STAGE_PERSON: Record<string, string> = { first: 'pa.first', second: 'pa.second', confidentiality: 'pa.conf', final: 'pa.final' };
const TITLE = '相山区校园安全管理办法';
const REVISION = '相山区校园安全管理办法（2026年修订）';
const REPORT = '校园安全管理办法执行效果评估报告';
const NOTICE = '关于寒假放假安排的通知';
const WAIVER = '防汛应急需要，解读随后发布';
const COMMENT_URL = 'https://www.example.gov.cn/zjyj/2026-3';

let app: LiveApp;
let browser: Browser;
let page: Page;
let ui: AdminPage;
let unitId: number;
let unitName: string;
const api: Record<string, Client> = {};
let policyId: number;
let revisionId: number;
let reportId: number;

const statusTag = () => page.locator('.ant-card-head').locator('.ant-tag');
const timeline = () => page.getByRole('region', { name: '文件全生命周期' }).locator('.ant-timeline');

async function open(id: number, title: string): Promise<void> {
  await page.goto(`${app.url}/admin/content/${id}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await ui.settled();
}

/** An antd Select outside a form, by its label: opens it, types to narrow a long (virtual) list, clicks the option, waits until it shows. */
async function pick(label: string, text: string, search = false): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  if (search) await page.keyboard.type(text);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await expect.poll(() => dropdown.getAttribute('class')).not.toMatch(/slide-up/);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${text}$`) }).click();
  await expect.poll(() => page.locator('.ant-select').filter({ has: select }).locator('.ant-select-content').getAttribute('title')).toBe(text);
}

/** Submit as the editor, every stage approved by its reviewer, published now — over the API. */
async function releaseOverApi(id: number): Promise<void> {
  let item = (await api['pa.editor']!.request('POST', `/api/v1/items/${id}/submit`)).json();
  while (item.status === 'in_review') item = (await api[STAGE_PERSON[item.stage]!]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' })).json();
  expect(item.status).toBe('approved');
  expect((await api['pa.editor']!.request('POST', `/api/v1/items/${id}/publish`, {})).statusCode).toBe(200);
}

beforeAll(async () => {
  if (!fs.existsSync('dist/admin/index.html')) throw new Error('dist/admin is missing: run `npx vite build --config web/admin/vite.config.ts` first');
  app = await startLiveApp();
  const admin = await apiLogin(app.server, 'admin', ADMIN_PASSWORD);
  unitId = await unitIdByShortName(app.db, '区教育局');
  unitName = (await app.db.kysely.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirstOrThrow()).name;
  for (const p of PEOPLE) {
    const res = await admin.request('POST', '/api/v1/users', { username: p.username, displayName: p.displayName, unitId, password: PASSWORD, roles: [{ role: p.role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    api[p.username] = await apiLogin(app.server, p.username, PASSWORD);
  }
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(20_000);
  ui = adminPage(page, app.url, PASSWORD);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  fs.mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/policy-admin-e2e-failure-${ctx.task.name.slice(0, 24).replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe(`policy library back office in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('the administrator sets 初审 → 终审 for the unit’s 通知公告; 保密审查 stays mandatory; the page says where each chain comes from', async () => {
    await ui.signIn('admin');
    await ui.menu().getByRole('menuitem', { name: '审核流程设置' }).click();
    await page.getByRole('heading', { name: '审核流程设置', level: 1 }).waitFor();
    const source = page.getByTestId('chain-source');
    await expect.poll(() => source.textContent()).toContain('未设置全区默认流程');

    await pick('单位', unitName, true);
    await pick('内容类型', '通知公告');
    await expect.poll(() => source.textContent()).toBe('来源：系统内置：「通知公告」的默认审核流程');
    const steps = page.getByRole('region', { name: '现行审核流程' }).locator('.ant-steps-item-title');
    expect(await steps.allTextContents()).toEqual(['初审', '复审', '保密审查', '终审']);
    const stages = page.getByRole('group', { name: '审核环节' });
    for (const locked of ['保密审查（必经）', '终审（必经）']) {
      const box = stages.getByRole('checkbox', { name: locked });
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    await stages.getByRole('checkbox', { name: '复审', exact: true }).uncheck();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('审核流程已保存').waitFor();
    await expect.poll(() => source.textContent()).toContain(`来源：本级设置（${unitName} · 通知公告`);
    await expect.poll(() => steps.allTextContents()).toEqual(['初审', '保密审查', '终审']);
    await page.getByRole('row').filter({ hasText: unitName }).filter({ hasText: '通知公告' }).waitFor();

    // Other kinds of the unit still inherit: 政策文件 shows the built-in chain.
    await pick('内容类型', '政策文件');
    await expect.poll(() => source.textContent()).toBe('来源：系统内置：「政策文件」的默认审核流程');
    await expectNoAxeViolations(page, 'back office: review chains');
  });

  it('a notice the editor submits now follows 初审 → 保密审查 → 终审; the editor has no chain menu', async () => {
    const notice = (await api['pa.editor']!.request('POST', '/api/v1/items', { kind: 'notice', unitId, title: NOTICE, bodyHtml: '<p>一月二十日起放寒假。</p>' })).json();
    await ui.signOut();
    await ui.signIn('pa.editor');
    expect(await ui.menu().getByRole('menuitem', { name: '审核流程设置' }).count()).toBe(0);
    await open(notice.id, NOTICE);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('提交审核成功').waitFor();
    await expect.poll(() => statusTag().textContent()).toBe('审核中');
    expect(await page.getByRole('region', { name: /^审核流程/ }).locator('.ant-steps-item-title').allTextContents()).toEqual(['初审', '保密审查', '终审']);
  });

  it('the administrator waives the interpretation with a reason (who, when, why shown), withdraws and waives again', async () => {
    const res = await api['pa.editor']!.request('POST', '/api/v1/policies', {
      unitId, title: TITLE, bodyHtml: '<p>第一条 为加强校园安全管理，制定本办法。</p>', docNumber: '相教〔2026〕31号', issuerUnitIds: [unitId],
      policyKind: '行政规范性文件', effectiveDate: '2026-03-01', legalityReviewedOn: '2026-01-25', registrationNo: 'XSQ-2026-0031',
    });
    expect(res.statusCode, res.body).toBe(201);
    policyId = res.json().id;
    await ui.signOut();
    await ui.signIn('admin');
    await open(policyId, TITLE);
    await page.getByText('请先新增解读，再提交审核（或由管理员说明理由后免于解读）').waitFor();

    await page.getByRole('button', { name: '免于同步解读' }).click();
    const dialog = page.getByRole('dialog', { name: '免于同步解读' });
    await dialog.getByLabel('理由').fill('紧急');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请说明理由（至少 4 个字）').waitFor();
    await dialog.getByLabel('理由').fill('先行发布');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const waived = page.getByRole('alert').filter({ hasText: '已免于同步解读' });
    await waived.waitFor();
    expect(await waived.textContent()).toMatch(/已免于同步解读：先行发布.*（admin） 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.* 决定/);

    await waived.getByRole('button', { name: '撤销免于解读' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    await page.getByText('撤销免于解读成功').waitFor();
    await page.getByRole('button', { name: '免于同步解读' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '已免于同步解读' }).count()).toBe(0);

    await ui.act('免于同步解读', '免于同步解读', async (d) => d.getByLabel('理由').fill(WAIVER));
    await page.getByRole('alert').filter({ hasText: `已免于同步解读：${WAIVER}` }).waitFor();
    await expectNoAxeViolations(page, 'back office: policy with waiver');
  });

  it('the editor submits the policy alone, the reviewers approve, and it is published without an interpretation', async () => {
    await ui.signOut();
    await ui.signIn('pa.editor');
    await open(policyId, TITLE);
    expect(await page.getByRole('button', { name: '免于同步解读' }).count()).toBe(0);
    // The registration number corrected on the draft: the timeline keeps one entry, with the new number.
    await ui.act('合法性审核与统一登记', '合法性审核与统一登记', async (d) => d.getByLabel('统一登记编号').fill('XSQ-2026-0032'));
    await timeline().getByText('：XSQ-2026-0032').waitFor();
    expect(await timeline().locator('strong', { hasText: '统一登记编号' }).count()).toBe(1);
    expect(await timeline().textContent()).not.toContain('XSQ-2026-0031');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('提交审核成功').waitFor();
    let item = (await api['pa.editor']!.request('GET', `/api/v1/items/${policyId}`)).json();
    while (item.status === 'in_review') item = (await api[STAGE_PERSON[item.stage]!]!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' })).json();
    await open(policyId, TITLE);
    await ui.act('发布', '发布');
    await page.getByText('发布成功').waitFor();
    await expect.poll(() => statusTag().textContent()).toBe('已发布');
    await page.getByText('暂无解读').waitFor();
    const doc = (await (await fetch(`${app.url}/api/v1/documents/${policyId}`)).json()) as { interpretations: unknown[] };
    expect(doc.interpretations).toEqual([]);
  });

  it('the editor records the public comment, an execution evaluation with its report, and the revision; then repeals the revision', async () => {
    const report = await api['pa.editor']!.request('POST', '/api/v1/items', { kind: 'notice', unitId, title: REPORT, bodyHtml: '<p>评估结论：办法执行情况良好。</p>' });
    reportId = report.json().id;
    await releaseOverApi(reportId);
    const draft = await api['pa.editor']!.request('POST', '/api/v1/policies', {
      unitId, title: REVISION, bodyHtml: '<p>第一条 修订后的校园安全管理规定。</p>', docNumber: '相教〔2026〕40号', issuerUnitIds: [unitId],
      policyKind: '其他政策文件', requiresInterpretation: false,
    });
    revisionId = draft.json().id;

    await open(policyId, TITLE);
    await ui.act('登记公开征求意见', '登记公开征求意见', async (d) => {
      await d.getByLabel('征求意见链接').fill(COMMENT_URL);
      await ui.pickDate('开始日期', '2026-01-05');
      await ui.pickDate('截止日期', '2026-01-20');
      await d.getByLabel('说明').fill('收到意见 8 条，采纳 5 条');
    });
    await timeline().getByText('2026-01-05 公开征求意见').waitFor();
    expect(await timeline().textContent()).toContain('2026-01-05 至 2026-01-20；收到意见 8 条，采纳 5 条');
    expect(await timeline().getByRole('link', { name: COMMENT_URL }).count()).toBe(1);

    await ui.act('登记执行效果评估', '登记执行效果评估', async (d) => {
      await d.getByLabel('评估结论').fill('学校安全责任落实到位，事故率下降');
      await ui.choose('评估报告', REPORT);
    });
    await timeline().locator('strong', { hasText: '执行效果评估' }).waitFor();
    expect(await timeline().textContent()).toContain('执行效果评估：学校安全责任落实到位，事故率下降');
    expect(await timeline().getByRole('link', { name: `《${REPORT}》` }).count()).toBe(1);

    await ui.act('登记修订稿', '登记修订稿', async () => ui.choose('修订稿', REVISION));
    await page.getByText(`修订稿 《${REVISION}》`).waitFor();

    await releaseOverApi(revisionId);
    await open(policyId, TITLE);
    await page.getByText(`本文件已被修订为 《${REVISION}》`).waitFor();
    expect(await page.locator('.ant-descriptions-row').filter({ hasText: '有效性' }).textContent()).toContain('已修改');
    expect(await timeline().getByRole('link', { name: `《${REVISION}》` }).count()).toBe(1);
    // No longer in force: no revision or repeal.
    expect(await page.getByRole('button', { name: '废止' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'back office: policy lifecycle');

    await open(revisionId, REVISION);
    await page.getByText(`本文件修订了 《${TITLE}》`).waitFor();
    await ui.act('废止', '废止', async (d) => d.getByLabel('废止说明').fill('上位法调整'));
    await page.getByText('废止成功').waitFor();
    await timeline().getByText('：上位法调整').waitFor();
    expect(await page.locator('.ant-descriptions-row').filter({ hasText: '有效性' }).textContent()).toContain('废止');
  });

  it('the portal timelines show the comment period, the evaluation with its report, the revision both ways and the repeal', async () => {
    await page.goto(`${app.url}/policies/${policyId}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const items = page.locator('ol.timeline li');
    const text = (await items.allTextContents()).join('\n');
    for (const step of ['起草', '公开征求意见：2026-01-05 至 2026-01-20', '合法性审核', '统一登记编号：XSQ-2026-0032', '正式发布', '执行效果评估：学校安全责任落实到位', '修订']) expect(text).toContain(step);
    expect(await items.filter({ hasText: '执行效果评估' }).getByRole('link').getAttribute('href')).toBe(`/items/${reportId}`);
    expect(await items.filter({ hasText: '修订' }).getByRole('link').getAttribute('href')).toBe(`/policies/${revisionId}`);
    await page.getByRole('link', { name: REVISION }).first().waitFor();
    await expectNoAxeViolations(page, 'portal: policy with its whole life');

    await page.goto(`${app.url}/policies/${revisionId}`);
    await page.getByRole('heading', { name: REVISION, level: 1 }).waitFor();
    expect((await page.locator('ol.timeline li').allTextContents()).join('\n')).toContain('废止：上位法调整');
    await page.getByRole('link', { name: TITLE }).first().waitFor();
  });
});
