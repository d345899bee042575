import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, startLiveApp, type LiveApp } from './support.js';

const PAGES = ['/', '/xxgk/', '/xxgk/guide', '/xxgk/rules', '/xxgk/statutory', '/xxgk/annual-reports', '/xxgk/apply', '/policies/', '/policies/?validity=有效&inForceOn=2025-06-01', '/columns/', '/interact/', '/no-such-page'];

let app: LiveApp;
let browser: Browser;
let page: Page;
let noJsBrowser: Browser;
let noJs: Page;

// axe-core runs as a script inside the page, so the checks use a normal context (the portal
// ships no JavaScript, so it renders the same); the navigation tests run with JavaScript off.
beforeAll(async () => {
  app = await startLiveApp();
  ({ browser, page } = await launchBrowser());
  ({ browser: noJsBrowser, page: noJs } = await launchBrowser({ javaScriptEnabled: false }));
});
afterAll(async () => {
  await browser?.close();
  await noJsBrowser?.close();
  await app?.close();
});

describe(`portal in Chromium (${process.env.GONGKAI_TEST_PG ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('every page passes axe in normal mode', async () => {
    for (const p of PAGES) {
      await page.goto(app.url + p);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await expectNoAxeViolations(page, `normal ${p}`);
    }
  });

  it('switches to large font by following a link, and every page still passes axe', async () => {
    await page.goto(`${app.url}/xxgk/guide`);
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.getByRole('link', { name: '大字版' }).click();
    expect(new URL(page.url()).pathname).toBe('/xxgk/guide');
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(after).toBeGreaterThan(before * 1.2);
    for (const p of PAGES) {
      await page.goto(app.url + p);
      await expectNoAxeViolations(page, `large font ${p}`);
    }
  });

  it('switches to high contrast, and every page still passes axe', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: '高对比度' }).click();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(0, 0, 0)');
    for (const p of PAGES) {
      await page.goto(app.url + p);
      await expectNoAxeViolations(page, `high contrast ${p}`);
    }
    await page.getByRole('link', { name: '标准配色' }).click();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  });

  it('with JavaScript off: navigates by the menu to the disclosure guide and switches modes', async () => {
    await noJs.goto(`${app.url}/`);
    await noJs.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '政府信息公开' }).click();
    await noJs.getByRole('navigation', { name: '政府信息公开' }).getByRole('link', { name: '公开指南' }).click();
    await expect.poll(() => noJs.locator('h1').textContent()).toBe('政府信息公开指南');
    expect(await noJs.locator('table').textContent()).toContain('相山区教育局');
    await noJs.getByRole('link', { name: '大字版' }).click();
    expect(await noJs.locator('body').getAttribute('class')).toContain('large-font');
    expect(new URL(noJs.url()).pathname).toBe('/xxgk/guide');
    await noJs.screenshot({ path: '.tmp/portal-guide-large.png', fullPage: false });
  });
});
