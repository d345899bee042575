// The consultation loop in Chromium: ask on the portal (similar answers while typing), answer in the
// back office, 不满意 → second answer, then publish the Q&A to the knowledge base without the asker's contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, unitIdByShortName, type Client } from '../helpers.js';
import { systemActor } from '../../src/platform/actor.js';
import { importQa } from '../../src/modules/consult/kb.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

let app: LiveApp;
let browser: Browser;
let citizen: Page;
let staffBrowser: Browser;
let staff: Page;
let unitId: number;
let first: Client;
let final: Client;
const PHONE = '13955556666';
const NAME = '欧阳明';

async function makeUser(username: string, roles: Array<{ role: string; unitId: number | null }>): Promise<void> {
  const admin = await login(app.server, 'admin', ADMIN_PASSWORD);
  const r = await admin.request('POST', '/api/v1/users', { username, displayName: username, unitId, password: 'e2e-consult-pass-1', roles });
  expect(r.statusCode, r.body).toBe(201);
}

async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
}

beforeAll(async () => {
  app = await startLiveApp();
  unitId = await unitIdByShortName(app.db, '区人社局');
  await makeUser('zx.handler', [{ role: 'consult_handler', unitId }, { role: 'editor', unitId }]);
  await makeUser('zx.first', [{ role: 'reviewer_first', unitId }]);
  await makeUser('zx.final', [{ role: 'reviewer_final', unitId }]);
  first = await login(app.server, 'zx.first', 'e2e-consult-pass-1');
  final = await login(app.server, 'zx.final', 'e2e-consult-pass-1');
  await importQa(app.db, systemActor('e2e'), [
    { id: 'e2e-1', subject: '失业保险金怎么申领', askedAt: '2024/5/1 9:00:00', question: '单位裁员后失业了，失业保险金到哪里申领，需要带什么材料？', reply: '请携带身份证和解除劳动合同证明，到户籍所在地人社部门或通过网上办事大厅申领失业保险金。', repliedAt: '2024/5/6 10:00:00' },
    { id: 'e2e-2', subject: '公园开放时间', askedAt: '2024/5/2 9:00:00', question: '人民公园几点开门？', reply: '每天 6:00 至 22:00 开放。', repliedAt: '2024/5/3 10:00:00' },
  ]);
  ({ browser, page: citizen } = await launchBrowser());
  ({ browser: staffBrowser, page: staff } = await launchBrowser());
});
afterAll(async () => {
  await browser?.close();
  await staffBrowser?.close();
  await app?.close();
});

async function staffLogin(): Promise<void> {
  await staff.goto(`${app.url}/admin/login`);
  await staff.getByLabel('用户名', { exact: true }).fill('zx.handler');
  await staff.getByLabel('密码', { exact: true }).fill('e2e-consult-pass-1');
  await staff.getByRole('button', { name: '登录', exact: true }).click();
  await staff.getByRole('navigation', { name: '主菜单' }).waitFor();
}

async function answerInBackOffice(number: string, text: string): Promise<void> {
  await staff.goto(`${app.url}/admin/consult`);
  await staff.getByRole('heading', { name: '政策咨询办理' }).waitFor();
  await settled(staff);
  const link = staff.getByRole('link', { name: number });
  try {
    await link.waitFor({ timeout: 10_000 });
  } catch {
    await staff.screenshot({ path: '.tmp/consult-e2e-list.png' }).catch(() => undefined);
    await staff.getByRole('button', { name: '刷新' }).click();
  }
  await link.click();
  await staff.getByRole('heading', { name: `咨询 ${number}` }).waitFor();
  await staff.getByLabel('答复内容').fill(text);
  await staff.getByRole('button', { name: '发出答复' }).click();
  await staff.getByText('已发出', { exact: false }).first().waitFor();
}

describe(`consultation loop in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('asks, sees similar answers while typing, gets answered, rates 不满意, is answered again, and the Q&A is published without contact details', async () => {
    // 1. Ask on the portal; similar published answers appear while typing.
    await citizen.goto(`${app.url}/interact/consult/ask`);
    await expectNoAxeViolations(citizen, 'ask form');
    await citizen.getByLabel('咨询主题').selectOption('社会保障');
    await citizen.getByLabel('咨询内容').pressSequentially(`我叫${NAME}，电话${PHONE}。公司裁员我失业了，失业保险金怎么申领？`, { delay: 5 });
    await citizen.locator('#live-suggestions').getByRole('link', { name: '失业保险金怎么申领' }).waitFor({ timeout: 15_000 });
    await citizen.getByLabel('咨询单位（可选）').selectOption(String(unitId));
    await citizen.getByLabel('联系电话').fill(PHONE);
    await citizen.getByLabel('称呼').fill(NAME);
    await citizen.getByLabel('同意在去除个人信息后将本咨询及答复公开到政策问答库').check();
    await citizen.getByRole('button', { name: '提交咨询' }).click();
    const number = (await citizen.locator('#consult-number').textContent())!.trim();
    const code = (await citizen.locator('#tracking-code').textContent())!.trim();
    expect(number).toMatch(/^ZX-\d{4}-\d{5}$/);

    // 2. The handler answers in the back office.
    await staffLogin();
    await answerInBackOffice(number, '您好，失业后可携带身份证和解除劳动合同证明到区就业服务中心申领失业保险金。');

    // 3. The citizen reads the reply with the tracking code and rates 不满意.
    const track = async () => {
      await citizen.goto(`${app.url}/interact/consult/track`);
      await citizen.getByLabel('咨询编号').fill(number);
      await citizen.getByLabel('查询码').fill(code);
      await citizen.getByRole('button', { name: '查询' }).click();
    };
    await track();
    await expect.poll(() => citizen.locator('.reply-text').count()).toBe(1);
    await expectNoAxeViolations(citizen, 'tracking with rating form');
    await citizen.getByLabel('不满意').check();
    await citizen.getByLabel('评价说明').fill('没有说明领取多久、每月多少钱');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByText('已退回承办单位重新办理').waitFor();

    // 4. Answered again; the citizen rates the second reply 满意 and the case closes.
    await answerInBackOffice(number, '补充答复：失业保险金按月发放，标准为当地最低工资的 90%，领取期限根据缴费年限确定，最长 24 个月。');
    await track();
    await expect.poll(() => citizen.locator('.reply-text').count()).toBe(2);
    await citizen.getByLabel('满意', { exact: true }).check();
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByText('本咨询已办结').waitFor();

    // 5. The handler (also an editor) drafts the Q&A from the de-identified proposal; reviewers release it.
    await staff.reload();
    await settled(staff);
    await staff.getByRole('button', { name: '起草公开问答（去除个人信息）' }).click();
    const dialog = staff.getByRole('dialog', { name: '起草公开问答' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('问').inputValue()).not.toContain(PHONE);
    await dialog.getByLabel('标题').fill('失业后如何申领失业保险金');
    await dialog.getByRole('button', { name: '起草' }).click();
    await staff.waitForURL(/\/admin\/content\/\d+$/);
    const itemId = Number(new URL(staff.url()).pathname.split('/').pop());
    const handlerApi = await login(app.server, 'zx.handler', 'e2e-consult-pass-1');
    expect((await handlerApi.request('POST', `/api/v1/items/${itemId}/submit`)).statusCode).toBe(200);
    expect((await first.request('POST', `/api/v1/items/${itemId}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await final.request('POST', `/api/v1/items/${itemId}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await final.request('POST', `/api/v1/items/${itemId}/publish`, {})).statusCode).toBe(200);

    // 6. It is in the public knowledge base, without the asker's name or contact.
    await citizen.goto(`${app.url}/interact/consult/kb?q=${encodeURIComponent('失业了怎么领失业保险金')}`);
    await citizen.getByRole('link', { name: '失业后如何申领失业保险金' }).click();
    await citizen.getByRole('heading', { name: '失业后如何申领失业保险金', level: 1 }).waitFor();
    const body = (await citizen.locator('main').textContent())!;
    expect(body).toContain('最长 24 个月');
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain(NAME);
    expect(body).toContain('139****6666');
    await expectNoAxeViolations(citizen, 'knowledge base entry');
  });

  it('with JavaScript off, 「查找相似问题」 shows the suggestions from the server', async () => {
    const { browser: nojs, page } = await launchBrowser({ javaScriptEnabled: false });
    try {
      await page.goto(`${app.url}/interact/consult/ask`);
      await page.getByLabel('咨询内容').fill('失业保险金去哪里申领');
      await page.getByRole('button', { name: '查找相似问题' }).click();
      await page.getByRole('heading', { name: '相似问题的已公开答复' }).waitFor();
      expect(await page.getByRole('link', { name: '失业保险金怎么申领' }).count()).toBeGreaterThan(0);
      expect(await page.getByLabel('咨询内容').inputValue()).toBe('失业保险金去哪里申领');
    } finally {
      await nojs.close();
    }
  });

  it('every 互动交流 page passes axe, including a draft open for comment and an open day', async () => {
    const editor = await login(app.server, 'zx.handler', 'e2e-consult-pass-1');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const d = (await editor.request('POST', '/api/v1/participation/drafts', { unitId, title: '就业补贴实施办法（征求意见稿）', explanation: '起草说明', body: '第一条 目的。\n第二条 范围。', major: true, startOn: today })).json();
    await editor.request('POST', `/api/v1/participation/drafts/${d.id}/open`);
    const o = (await editor.request('POST', '/api/v1/participation/open-days', { unitId, title: '走进人社局', theme: '就业服务', eventOn: today, location: '区人社局', description: '参观', capacity: 10, registerEndOn: today })).json();
    const pages = ['/interact/', '/interact/consult', '/interact/consult/track', '/interact/consult/kb', '/interact/consult/stats', '/interact/drafts', `/interact/drafts/${d.id}`, '/interact/decisions', '/interact/meetings', '/interact/open-days', `/interact/open-days/${o.id}`];
    for (const p of pages) {
      const r = await citizen.goto(app.url + p);
      expect(r?.status(), p).toBe(200);
      await expectNoAxeViolations(citizen, p);
    }
  });
});
