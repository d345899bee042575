import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';

/** Debian's Chromium, with the flags this closed network needs. */
export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { browser, page };
}

export interface LiveApp extends TestApp {
  url: string;
}

/** The whole platform listening on a free loopback port, on the suite's database (SQLite or PostgreSQL). */
export async function startLiveApp(): Promise<LiveApp> {
  const t = await createTestApp();
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.server.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/** Waits until no CSS animation or transition is running (Ant Design fades and slides elements in). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 }).catch(() => undefined);
}

/**
 * axe-core WCAG 2.1 A/AA rules; fails with the list of violations. Checked once the page has
 * settled; a violation seen while something was still fading in is checked again after a pause,
 * and only what persists fails the test (half-faded text is not what a reader sees).
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const analyze = async () => {
    await settled(page);
    return (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations;
  };
  let violations = await analyze();
  if (violations.length) {
    await page.waitForTimeout(1000);
    violations = await analyze();
  }
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
  expect(summary, `${label}: axe violations`).toEqual([]);
}
