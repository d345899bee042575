// Driving the back office (Ant Design) in Chromium: sign-in, menus, form fields, selects, dates,
// action dialogs. Shared by the publishing specs.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../helpers.js';

export interface AdminPage {
  /** Waits until no antd spinner is spinning. */
  settled(): Promise<void>;
  /** The form item whose label is exactly `label`. */
  formItem(label: string): Locator;
  /** A button by its text (antd icons add their own name in front). */
  actionButton(text: string): Locator;
  menu(): Locator;
  /** Picks an option of an antd (multiple) Select once its dropdown has finished opening; waits until it shows as chosen. */
  choose(label: string, text: string): Promise<void>;
  pickDate(label: string, date: string): Promise<void>;
  signIn(username: string): Promise<void>;
  signOut(): Promise<void>;
  /** Clicks an action, fills the dialog, confirms, and waits for the dialog to close. */
  act(button: string, dialogTitle: string, fill?: (d: Locator) => Promise<void>): Promise<void>;
}

/** `password` is every test user's password (the administrator has ADMIN_PASSWORD). */
export function adminPage(page: Page, baseUrl: string, password: string): AdminPage {
  const formItem = (label: string) => page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });
  const actionButton = (text: string) => page.getByRole('button', { name: new RegExp(`(^|\\s)${text}$`) });
  return {
    formItem,
    actionButton,
    menu: () => page.getByRole('navigation', { name: '主菜单' }),
    async settled() {
      await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
    },
    async choose(label, text) {
      await page.getByLabel(label, { exact: true }).click();
      const dropdown = page.locator('.ant-select-dropdown:visible');
      await expect.poll(() => dropdown.getAttribute('class')).not.toMatch(/slide-up/);
      const exactly = new RegExp(`^${text}$`);
      await dropdown.locator('.ant-select-item-option').filter({ hasText: exactly }).click();
      await expect.poll(() => dropdown.locator('.ant-select-item-option-selected').filter({ hasText: exactly }).count()).toBe(1);
      await page.keyboard.press('Escape');
      // Multiple selects show chosen items as tags; single ones show the value as the content's text.
      await expect.poll(() => formItem(label).locator('.ant-select-selection-item, .ant-select-single .ant-select-content').allTextContents()).toContain(text);
    },
    async pickDate(label, date) {
      const input = page.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(date);
      await input.press('Enter');
      await expect.poll(() => input.inputValue()).toBe(date);
    },
    async signIn(username) {
      await page.goto(`${baseUrl}/admin/login`);
      await page.getByLabel('用户名', { exact: true }).fill(username);
      await page.getByLabel('密码', { exact: true }).fill(username === 'admin' ? ADMIN_PASSWORD : password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('navigation', { name: '主菜单' }).waitFor();
    },
    async signOut() {
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    },
    async act(button, dialogTitle, fill) {
      await actionButton(button).click();
      const dialog = page.getByRole('dialog', { name: dialogTitle });
      await dialog.waitFor();
      await fill?.(dialog);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  };
}
