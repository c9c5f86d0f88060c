/**
 * The opt-in proactive greeting, drawn by stage 0 in real Chromium: shown after its delay in a
 * polite live region without the engine, closed by Escape or its button and not shown again in
 * this browser session, and a click on it opens the chat; stage 0's launcher and the greeting
 * pass axe.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();
const TEXT = 'Questions about your order?';

function greetingPage(name: string): string {
  const boot = `<script src="/dist/support-chat.iife.js"></script><script>SupportChat('boot', { transport: 'websocket', url: '${rig.wsUrl}', locale: 'en', greeting: { text: '${TEXT}', delayMs: 300 } });</script>`;
  return rig.page(name, hostPage(`<h1>Shop</h1>${boot}`));
}

const bubble = (page: Page) => page.locator('support-chat-greeting').getByRole('status');

describe('greeting', () => {
  it('is shown after its delay without the engine, closed by Escape, and not shown again in the session', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const files: string[] = [];
    page.on('request', (r) => void (r.url().includes('/dist/') && files.push(new URL(r.url()).pathname)));
    await page.goto(greetingPage('greeting-escape'));
    await expect.poll(() => bubble(page).textContent()).toBe(TEXT);
    expect(await bubble(page).getAttribute('aria-live')).toBe('polite');
    expect(files).toEqual(['/dist/support-chat.iife.js']);
    // Stage 0's launcher and the greeting pass axe (WCAG 2.2 AA and best practices).
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('support-chat-greeting').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('support-chat-host').getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    // Longer than its delay: still not there.
    await page.waitForTimeout(1000);
    expect(await page.locator('support-chat-greeting').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('its close button closes it; a click on its text opens the chat', async () => {
    const page = await rig.browser.newPage();
    await page.goto(greetingPage('greeting-close'));
    await expect.poll(() => bubble(page).textContent()).toBe(TEXT);
    await page.locator('support-chat-greeting').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.locator('support-chat-greeting').count()).toBe(0);
    await page.close();

    const other = await rig.browser.newPage();
    await other.goto(greetingPage('greeting-open'));
    await expect.poll(() => bubble(other).textContent()).toBe(TEXT);
    await other.locator('support-chat-greeting').getByRole('button', { name: TEXT }).click();
    await other.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => other.locator('support-chat-greeting').count()).toBe(0);
    await other.close();
  });
});
