/**
 * Signs in to the operator console in a real browser page, as a test operator or supervisor.
 * Every console test signs in through here, so how sign-in works can change in one place.
 * @module
 */
import type { Page } from 'playwright-core';

/** Who signs in. */
export interface ShiftOptions {
  /** Display name (default `Olga`). */
  name?: string;
  /** Default `operator`. */
  role?: 'operator' | 'supervisor';
}

/** Opens the console at `consoleUrl` in `page`, signs in, and waits for the shift view. */
export async function startShift(page: Page, consoleUrl: string, options: ShiftOptions = {}): Promise<void> {
  const role = options.role ?? 'operator';
  // Interim (until operator accounts): the console passes the role in its hello.
  await page.goto(role === 'supervisor' ? `${consoleUrl}?role=supervisor` : consoleUrl);
  await page.fill('#login-name', options.name ?? 'Olga');
  await page.getByRole('button', { name: 'Start shift' }).click();
  await page.locator('#app').waitFor({ state: 'visible' });
}
