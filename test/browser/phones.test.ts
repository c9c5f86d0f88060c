/**
 * Phones in real Chromium (mobile emulation) at 320×568 and 390×844, on a host page whose nav
 * overflows sideways (438 px, like the demo's): the launcher is in the corner of what the person
 * sees; the open dialog is the visual viewport (close and Send inside the screen), follows it when
 * it shrinks (the on-screen keyboard), has 16 px fields, locks the page's scroll and restores it
 * exactly, and keeps focus inside (modal). On a desktop the dialog is non-modal. Screenshots go to
 * $SC_SHOTS (default /tmp/support-chat-shots) to be looked at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();
const SHOTS = process.env.SC_SHOTS ?? '/tmp/support-chat-shots';
mkdirSync(SHOTS, { recursive: true });
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

const HOST_STYLE = 'scroll-behavior: auto; color: rgb(17, 17, 17)';
const body = () =>
  `<nav style="display: flex; gap: 24px; width: 438px; padding: 12px; white-space: nowrap; background: #eee">
     <a href="#">Home</a><a href="#">Cards</a><a href="#">Loans</a><a href="#">Deposits</a><a href="#">Contact us</a></nav>
   <main style="height: 3000px; padding: 12px">A long host page.</main>
   <script src="/dist/support-chat.iife.js" data-transport="memory" data-locale="en" data-title="Bank support"></script>`;

async function phone(width: number, height: number): Promise<Page> {
  const context = await rig.browser.newContext({
    viewport: { width, height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    // The opening pop scales the dialog for 0.2 s: measure the layout, not a frame of it.
    reducedMotion: 'reduce',
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(rig.page('phone', hostPage(body(), `<style>html { background: #fff }</style>`)));
  await page.evaluate((style) => document.documentElement.setAttribute('style', style), HOST_STYLE);
  return page;
}

/** The visual viewport, in the layout viewport's coordinates (those of getBoundingClientRect). */
const visual = (page: Page) =>
  page.evaluate(() => {
    const vv = window.visualViewport!;
    return { left: vv.offsetLeft, top: vv.offsetTop, right: vv.offsetLeft + vv.width, bottom: vv.offsetTop + vv.height };
  });

/** The box of an element inside the widget's shadow root. */
const rectOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector('support-chat-host')!.shadowRoot!.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }, selector);

async function expectOnScreen(page: Page, selector: string): Promise<void> {
  const r = (await rectOf(page, selector))!;
  const v = await visual(page);
  expect(r, selector).not.toBeNull();
  expect(r.width).toBeGreaterThan(0);
  expect(r.left).toBeGreaterThanOrEqual(v.left - 0.5);
  expect(r.top).toBeGreaterThanOrEqual(v.top - 0.5);
  expect(r.right).toBeLessThanOrEqual(v.right + 0.5);
  expect(r.bottom).toBeLessThanOrEqual(v.bottom + 0.5);
}

/** Waits for the widget's animations (the dialog's opening pop scales it) to end. */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .querySelector('support-chat-host')!
        .shadowRoot!.getAnimations()
        .map((a) => a.finished),
    ),
  );

/** The id or class of the focused element inside the shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.querySelector('support-chat-host')!.shadowRoot!.activeElement as HTMLElement | null;
    return a ? `${a.tagName.toLowerCase()}.${a.className}` : `page:${document.activeElement?.tagName.toLowerCase()}`;
  });

describe.each([
  [320, 568],
  [390, 844],
])('a phone at %i×%i on a page that overflows sideways', (width, height) => {
  it('launcher visible; the open dialog fills the visual viewport with close and Send on screen', async () => {
    const page = await phone(width, height);
    const watch = watchPage(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeGreaterThan(width);
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .waitFor({ state: 'visible' });
    await expectOnScreen(page, '.sc-launcher');
    await page.screenshot({ path: path.join(SHOTS, `phone-${width}-closed.png`) });

    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .tap();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    await expect
      .poll(
        () =>
          page
            .locator('support-chat-host')
            .getByText(/hello|hi|welcome/i)
            .first()
            .isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    const v = await visual(page);
    const panel = (await rectOf(page, '.sc-panel'))!;
    expect(Math.abs(panel.width - (v.right - v.left))).toBeLessThan(1);
    expect(Math.abs(panel.height - (v.bottom - v.top))).toBeLessThan(1);
    await expectOnScreen(page, '.sc-header-close');
    await expectOnScreen(page, '.sc-send');
    await expectOnScreen(page, 'textarea');
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('support-chat-host')!.shadowRoot!.querySelector('textarea')!).fontSize,
      ),
    ).toBe('16px');
    await page.screenshot({ path: path.join(SHOTS, `phone-${width}-open.png`) });

    // The on-screen keyboard shrinks the visual viewport: the dialog follows it.
    await page.setViewportSize({ width, height: Math.round(height * 0.55) });
    await expect.poll(async () => Math.round((await rectOf(page, '.sc-panel'))!.height)).toBe(Math.round(height * 0.55));
    await settled(page);
    await expectOnScreen(page, '.sc-send');
    await page.screenshot({ path: path.join(SHOTS, `phone-${width}-keyboard.png`) });
    expect(watch.errors).toEqual([]);
  });

  it("locks the page's scroll while open and restores it exactly; focus cycles inside", async () => {
    const page = await phone(width, height);
    await page.evaluate(() => window.scrollTo(0, 900));
    const before = await page.evaluate(() => ({
      y: window.scrollY,
      html: document.documentElement.getAttribute('style'),
      body: document.body.getAttribute('style'),
    }));
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .tap();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    const locked = await page.evaluate(() => [
      getComputedStyle(document.documentElement).overflow,
      getComputedStyle(document.body).overflow,
    ]);
    expect(locked).toEqual(['hidden', 'hidden']);
    expect(await page.locator('support-chat-host').getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    // Tab from the last control goes to the first; Shift+Tab from the first to the last.
    await page.locator('support-chat-host').locator('.sc-header-close').focus();
    const closeAt = await focused(page);
    await page.keyboard.press('Tab');
    for (let i = 0; i < 12 && (await focused(page)) !== closeAt; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^[a-z]+\./);
    await page.locator('support-chat-host').locator('.sc-send').focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).not.toMatch(/^page:/);
    }
    await page.locator('support-chat-host').locator('.sc-header-close').tap();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('style'))).toBe(before.html);
    const after = await page.evaluate(() => ({
      y: window.scrollY,
      html: document.documentElement.getAttribute('style'),
      body: document.body.getAttribute('style'),
    }));
    expect(after).toEqual(before);
  });
});

describe('a desktop', () => {
  it('the dialog is non-modal: no aria-modal, no scroll lock, Tab leaves it', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(rig.page('desktop', hostPage(`<button id="before">Page button</button>${body()}`)));
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    expect(await page.locator('support-chat-host').getByRole('dialog').getAttribute('aria-modal')).toBeNull();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('visible');
    await page.locator('support-chat-host').locator('.sc-send').focus();
    let left = false;
    for (let i = 0; i < 20 && !left; i++) {
      await page.keyboard.press('Tab');
      left = (await focused(page)).startsWith('page:');
    }
    expect(left).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'desktop-open.png') });
    await page.close();
  });
});
