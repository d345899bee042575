// 依申请公开 end to end: an applicant files on the portal (JavaScript off), an FOI officer handles it in the
// back office to a reply delivered through the portal, and the applicant downloads it with the tracking code.
import fs from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, unitIdByShortName } from '../helpers.js';
import { PERSON_ID } from '../../src/modules/foi/test-support.js';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const OFFICER = { username: 'e2e.foi', password: 'foi-officer-pass-1' };

let app: LiveApp;
let applicantBrowser: Browser;
let applicant: Page;
let officerBrowser: Browser;
let officer: Page;
// axe-core runs as a script in the page: accessibility checks use a second, JavaScript-enabled page.
let axePage: Page;

beforeAll(async () => {
  app = await startLiveApp();
  // The FOI officer of 区教育局, created through the API.
  const unitId = await unitIdByShortName(app.db, '区教育局');
  const admin = await login(app.server, 'admin', ADMIN_PASSWORD);
  const r = await admin.request('POST', '/api/v1/users', { username: OFFICER.username, displayName: '依申请经办员', unitId, password: OFFICER.password, roles: [{ role: 'foi_officer', unitId }] });
  expect(r.statusCode, r.body).toBe(201);
  // Reviewers of the unit, for the 转主动公开 item's review chain (初审 → 复审 → 保密审查 → 终审).
  for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) {
    const rr = await admin.request('POST', '/api/v1/users', { username: `e2e.${role}`, displayName: role, unitId, password: 'reviewer-pass-12', roles: [{ role, unitId }] });
    expect(rr.statusCode, rr.body).toBe(201);
  }
  ({ browser: applicantBrowser, page: applicant } = await launchBrowser({ javaScriptEnabled: false }));
  ({ browser: officerBrowser, page: officer } = await launchBrowser());
  axePage = await (await officerBrowser.newContext({ locale: 'zh-CN' })).newPage();
});
afterAll(async () => {
  await applicantBrowser?.close();
  await officerBrowser?.close();
  await app?.close();
});

async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
}

async function choose(page: Page, combobox: Locator, text: string): Promise<void> {
  await combobox.click();
  await combobox.fill(text);
  await page.locator('.ant-select-dropdown:visible').getByText(text, { exact: true }).click();
}

/** Opens a workflow step's dialog, lets `fill` complete it, confirms, and waits for the dialog to close. */
async function runStep(label: string, fill: (dialog: Locator) => Promise<void> = async () => {}): Promise<void> {
  await officer.getByRole('button', { name: label, exact: true }).click();
  const dialog = officer.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: `确认${label}` }).click();
  // A refused step shows its message: fail with it rather than time out.
  await expect.poll(async () => ((await dialog.isVisible()) ? (await officer.locator('.ant-message').textContent()) || 'open' : 'closed'), { timeout: 15_000 }).toBe('closed');
}

describe(`依申请公开 in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  let number = '';
  let code = '';

  async function fillForm(page: Page, idNumber: string): Promise<void> {
    await page.getByLabel('向哪个单位申请').selectOption({ label: '相山区教育局' });
    await page.getByLabel('自然人', { exact: true }).check();
    await page.getByLabel('姓名或名称').fill('李四');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.getByLabel('证件号码').fill(idNumber);
    await page.getByLabel('联系电话').fill('13700000000');
    await page.getByLabel('所需政府信息的内容描述').fill('申请公开2025年区属中小学校舍安全检查结果');
    await page.getByLabel('电子', { exact: true }).check();
    await page.getByLabel('电子送达（网站下载）').check();
    await page.getByRole('button', { name: '提交申请' }).click();
  }
  const WRONG_ID = PERSON_ID.slice(0, 17) + (PERSON_ID[17] === '1' ? '2' : '1');

  it('the form, its error state and the tracking form pass axe', async () => {
    await axePage.goto(`${app.url}/xxgk/apply`);
    await expectNoAxeViolations(axePage, 'apply form');
    await fillForm(axePage, WRONG_ID);
    await axePage.getByRole('alert').waitFor();
    await expectNoAxeViolations(axePage, 'apply form with errors');
    await axePage.goto(`${app.url}/xxgk/apply/track`);
    await expectNoAxeViolations(axePage, 'tracking form');
  });

  it('an applicant files an application on the portal without JavaScript', async () => {
    await applicant.goto(`${app.url}/xxgk/apply`);
    // A first try with a wrong ID number: the error is announced in text and the input kept.
    await fillForm(applicant, WRONG_ID);
    await expect.poll(() => applicant.getByRole('alert').textContent()).toContain('居民身份证号码不正确');
    expect(await applicant.getByLabel('姓名或名称').inputValue()).toBe('李四');
    await applicant.getByLabel('证件号码').fill(PERSON_ID);
    await applicant.getByRole('button', { name: '提交申请' }).click();
    await applicant.locator('#app-number').waitFor();
    number = (await applicant.locator('#app-number').textContent())!.trim();
    code = (await applicant.locator('#tracking-code').textContent())!.trim();
    expect(number).toMatch(/^YSQ-\d{4}-\d{5}$/);
  });

  it('an FOI officer accepts, decides and replies in the back office, delivering through the portal', async () => {
    await officer.goto(`${app.url}/admin/`);
    await officer.getByLabel('用户名', { exact: true }).fill(OFFICER.username);
    await officer.getByLabel('密码', { exact: true }).fill(OFFICER.password);
    await officer.getByRole('button', { name: '登录', exact: true }).click();
    await officer.getByRole('navigation', { name: '主菜单' }).getByText('依申请公开').click();
    await settled(officer);
    await officer.getByRole('link', { name: number }).click();
    await officer.getByText(`申请 ${number}`).waitFor();

    await runStep('受理');
    await expect.poll(() => officer.getByText('剩 20 个工作日').count()).toBe(1);
    await runStep('作出决定', async (d) => {
      await choose(officer, d.getByRole('combobox', { name: '办理结果' }), '（一）予以公开');
      await d.getByLabel('说明（理由、获取途径等）').fill('检查结果见附件');
    });
    await runStep('答复', async (d) => {
      await d.getByRole('button', { name: '按办理结果填入答复模板' }).click();
      await expect.poll(() => d.getByLabel('答复书正文').inputValue()).toContain('第三十六条');
      await d.getByLabel(/答复附件/).setInputFiles({ name: '校舍安全检查结果.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% inspection results\n') });
      await d.getByText('已选择附件：校舍安全检查结果.pdf').waitFor();
    });
    await runStep('送达');
    await expect.poll(() => officer.getByText('已送达').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(officer, 'application page');
  });

  it('the applicant follows the application with the tracking code and downloads the reply', async () => {
    await applicant.goto(`${app.url}/xxgk/apply/track`);
    await applicant.getByLabel('申请编号').fill(number);
    await applicant.getByLabel('查询码').fill(code);
    await applicant.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => applicant.locator('table').textContent()).toContain('已送达');
    expect(await applicant.locator('table').textContent()).toContain('予以公开');
    await axePage.goto(`${app.url}/xxgk/apply/track`);
    await axePage.getByLabel('申请编号').fill(number);
    await axePage.getByLabel('查询码').fill(code);
    await axePage.getByRole('button', { name: '查询' }).click();
    await axePage.getByRole('button', { name: '下载答复书' }).waitFor();
    await expectNoAxeViolations(axePage, 'tracking result with the reply');
    const [download] = await Promise.all([applicant.waitForEvent('download'), applicant.getByRole('button', { name: '下载答复书' }).click()]);
    expect(download.suggestedFilename()).toBe(`${number}-答复书.docx`);
    const text = (await mammoth.extractRawText({ path: (await download.path())! })).value;
    expect(text).toContain('相山区教育局');
    expect(text).toContain(`申请编号：${number}`);
    expect(text).toContain('李四：');
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toContain('检查结果见附件');
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十六条');
    const [file] = await Promise.all([applicant.waitForEvent('download'), applicant.getByRole('button', { name: '下载附件：校舍安全检查结果.pdf' }).click()]);
    expect(file.suggestedFilename()).toBe('校舍安全检查结果.pdf');
    expect(fs.readFileSync((await file.path())!, 'latin1')).toContain('% inspection results');
  });

  it('the officer proposes the disclosed information for proactive publication; reviewers publish it; the bell tells the officer', async () => {
    await officer.getByRole('button', { name: '转主动公开', exact: true }).click();
    const dialog = officer.getByRole('dialog', { name: '转主动公开' });
    await expect.poll(() => dialog.getByLabel('公开标题').inputValue()).toContain('依申请公开转主动公开');
    const proposed = await dialog.getByLabel('拟公开的内容').inputValue();
    expect(proposed).toContain('检查结果见附件');
    expect(proposed).not.toContain('李四');
    await dialog.getByRole('button', { name: '确认转主动公开' }).click();
    await expect.poll(async () => ((await dialog.isVisible()) ? (await officer.locator('.ant-message').textContent()) || 'open' : 'closed'), { timeout: 15_000 }).toBe('closed');
    const card = officer.locator('.ant-card').filter({ has: officer.getByText('转主动公开', { exact: true }) });
    await expect.poll(() => card.textContent()).toContain('审核中');

    // The reviewers of the unit take it through the chain and publish it (their pages are the publishing suite's).
    const itemId = Number((await card.getByRole('link').first().getAttribute('href'))!.split('/').pop());
    for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) {
      const rc = await login(app.server, `e2e.${role}`, 'reviewer-pass-12');
      const d = await rc.request('POST', `/api/v1/items/${itemId}/decision`, { decision: 'approve' });
      expect(d.statusCode, d.body).toBe(200);
      if (role === 'reviewer_final') expect((await rc.request('POST', `/api/v1/items/${itemId}/publish`, {})).statusCode).toBe(200);
    }
    await officer.reload();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('已发布');
    expect(await card.textContent()).toMatch(/索引号.*\/\d{6}-\d{5}/);

    // The bell: an unread notification that leads back to the application.
    const bell = officer.getByRole('button', { name: /^提醒（\d+ 条未读）$/ });
    await bell.click();
    const note = officer.getByRole('button', { name: new RegExp(`${number} 的答复内容已主动公开`) });
    await note.waitFor();
    await expectNoAxeViolations(officer, 'notifications popover');
    await officer.getByRole('navigation', { name: '主菜单' }).getByText('逾期督办').click();
    await bell.click();
    await note.click();
    await officer.getByText(`申请 ${number}`).waitFor();
    await expect.poll(() => officer.getByRole('button', { name: '提醒', exact: true }).count()).toBe(1);

    const page = await applicant.goto(`${app.url}/items/${itemId}`);
    expect(page!.status()).toBe(200);
    expect(await applicant.locator('article').textContent()).not.toContain('李四');
  });

  it('the officer records an administrative review of the application and its result', async () => {
    const card = officer.locator('.ant-card').filter({ has: officer.getByText('行政复议、行政诉讼', { exact: true }) });
    await card.getByRole('button', { name: '登记案件' }).click();
    let dialog = officer.getByRole('dialog', { name: '登记案件' });
    await dialog.getByLabel('案号').fill('相复〔2025〕7号');
    await dialog.getByLabel('立案（申请）日期').fill('2025-07-01');
    await dialog.getByRole('button', { name: '保存案件' }).click();
    await expect.poll(() => card.textContent()).toContain('相复〔2025〕7号');
    expect(await card.textContent()).toContain('尚未审结');
    await card.getByRole('button', { name: '修改案件 相复〔2025〕7号' }).click();
    dialog = officer.getByRole('dialog', { name: '修改案件' });
    await choose(officer, dialog.getByRole('combobox', { name: '结果' }), '结果维持');
    await dialog.getByLabel('审结日期').fill('2025-08-20');
    await dialog.getByRole('button', { name: '保存案件' }).click();
    await expect.poll(() => card.textContent()).toContain('结果维持');
    expect(await card.textContent()).toContain('2025-08-20');
    await expectNoAxeViolations(officer, 'application page with publication and cases');
  });

  it('an online submission that is not an application is turned away before acceptance; the applicant sees why', async () => {
    await applicant.goto(`${app.url}/xxgk/apply`);
    await fillForm(applicant, PERSON_ID);
    await applicant.locator('#app-number').waitFor();
    const spam = (await applicant.locator('#app-number').textContent())!.trim();
    const spamCode = (await applicant.locator('#tracking-code').textContent())!.trim();
    await officer.goto(`${app.url}/admin/foi`);
    await settled(officer);
    await officer.getByRole('link', { name: spam }).click();
    await officer.getByText(`申请 ${spam}`).waitFor();
    await runStep('不予受理', async (d) => {
      await choose(officer, d.getByRole('combobox', { name: '原因' }), '同一申请重复提交');
      await d.getByLabel('说明').fill(`与 ${number} 内容相同`);
    });
    await expect.poll(() => officer.getByText('未予受理').count()).toBeGreaterThan(0);
    await applicant.goto(`${app.url}/xxgk/apply/track`);
    await applicant.getByLabel('申请编号').fill(spam);
    await applicant.getByLabel('查询码').fill(spamCode);
    await applicant.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => applicant.getByRole('status').textContent()).toContain(`未予受理：同一申请重复提交：与 ${number} 内容相同`);
  });

  it('the officer publishes the annual report, whose portal page shows the application and passes axe', async () => {
    const year = Number(number.slice(4, 8));
    const unitId = await unitIdByShortName(app.db, '区教育局');
    const c = await login(app.server, OFFICER.username, OFFICER.password);
    expect((await c.request('PUT', '/api/v1/reports/foi-annual/texts', { year, unit: unitId, section1: '本年度依法办理政府信息公开申请。', section5: '无', section6: '无' })).statusCode).toBe(200);
    expect((await c.request('POST', '/api/v1/reports/foi-annual/publish', { year, unit: unitId })).statusCode).toBe(200);
    await axePage.goto(`${app.url}/xxgk/annual-reports`);
    await axePage.getByRole('link', { name: `相山区教育局${year}年政府信息公开工作年度报告` }).click();
    await axePage.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' }).waitFor();
    const row = axePage.getByRole('row', { name: /^（一）予以公开/ });
    expect((await row.getByRole('cell').allTextContents()).at(-1)).toBe('1');
    await expectNoAxeViolations(axePage, 'annual report page');
  });
});
