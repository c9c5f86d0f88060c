/**
 * Signs in to the operator console in a real browser page, as a test operator or supervisor.
 * Every console test signs in through here, so how sign-in works can change in one place. On a
 * server started in this process (remembered: testServer(), the browser rig, or rememberServer())
 * the account `name` with `role` is created first; the page signs in with the test password
 * through the console's own form.
 * @module
 */
import type { Page } from 'playwright-core';
import { ensureTestAccount, TEST_PASSWORD } from '../../helpers/operator-accounts';

/** Who signs in. */
export interface ShiftOptions {
  /** Display name (default `Olga`); the username is made from it (`Olga Petrova` → `olga.petrova`). */
  name?: string;
  /** Default `operator`. */
  role?: 'operator' | 'supervisor';
  /** The photo URL field of the form (optional). */
  avatarUrl?: string;
  /** Default: the test password. */
  password?: string;
}

/** Opens the console (unless it is already open) and submits the sign-in form, without waiting for the result. */
export async function submitSignIn(page: Page, consoleUrl: string, options: ShiftOptions = {}): Promise<void> {
  const username = await ensureTestAccount(consoleUrl, options.name ?? 'Olga', options.role ?? 'operator');
  if (!page.url().startsWith(new URL(consoleUrl).origin + '/console')) await page.goto(consoleUrl);
  await page.locator('#login-username').waitFor({ state: 'visible' });
  await page.fill('#login-username', username);
  await page.fill('#login-password', options.password ?? TEST_PASSWORD);
  await page.fill('#login-avatar', options.avatarUrl ?? '');
  await page.locator('#login-submit').click();
}

/** Opens the console at `consoleUrl` in `page`, signs in, and waits for the shift view. */
export async function startShift(page: Page, consoleUrl: string, options: ShiftOptions = {}): Promise<void> {
  await submitSignIn(page, consoleUrl, options);
  await page.locator('#app').waitFor({ state: 'visible' });
}
