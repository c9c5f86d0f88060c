/**
 * Safe-area insets (a notch, the home indicator, a landscape camera cut-out) in real Chromium, set
 * through DevTools' safe-area override on a host page with `viewport-fit=cover` (as an app's web
 * view or a full-screen page has): the launcher keeps its offset from the inset edge, and the open
 * dialog on a phone keeps its header, close button, field and Send button out of the insets.
 * Screenshots go to $SC_SHOTS (default /tmp/support-chat-shots) to be looked at.
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

interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

async function phone(width: number, height: number, insets: Insets): Promise<Page> {
  const context = await rig.browser.newContext({
    viewport: { width, height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
  });
  contexts.push(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setSafeAreaInsetsOverride' as never, { insets } as never);
  const head = '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">';
  const body = `<main style="height: 2000px; padding: 12px">A full-screen host page.</main>
    <script src="/dist/support-chat.iife.js" data-transport="memory" data-locale="en" data-title="Bank support"></script>`;
  // hostPage's own viewport tag comes first; the later one (viewport-fit=cover) is the one in force.
  await page.goto(rig.page(`safe-${width}x${height}`, hostPage(body, head)));
  return page;
}

const rectOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector('support-chat-host')!.shadowRoot!.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width };
  }, selector);

const launcher = (page: Page) => page.locator('support-chat-host').getByRole('button', { name: /open chat/i });

/** `selector`'s box lies inside the screen minus the insets. */
async function expectInside(page: Page, selector: string, insets: Insets, width: number, height: number): Promise<void> {
  const r = (await rectOf(page, selector))!;
  expect(r, selector).not.toBeNull();
  expect(r.width, selector).toBeGreaterThan(0);
  expect(r.top, `${selector} top`).toBeGreaterThanOrEqual(insets.top - 0.5);
  expect(r.left, `${selector} left`).toBeGreaterThanOrEqual(insets.left - 0.5);
  expect(r.bottom, `${selector} bottom`).toBeLessThanOrEqual(height - insets.bottom + 0.5);
  expect(r.right, `${selector} right`).toBeLessThanOrEqual(width - insets.right + 0.5);
}

describe('safe-area insets', () => {
  it('portrait phone with a notch and a home indicator: launcher and dialog keep out of them', async () => {
    const [width, height] = [390, 844];
    const insets = { top: 47, right: 0, bottom: 34, left: 0 };
    const page = await phone(width, height, insets);
    const watch = watchPage(page);
    await launcher(page).waitFor({ state: 'visible' });
    const l = (await rectOf(page, '.sc-launcher'))!;
    // The launcher's 20 px offset counts from the inset edge, not from the screen's.
    expect(height - l.bottom).toBeGreaterThanOrEqual(insets.bottom + 20 - 0.5);
    await page.screenshot({ path: path.join(SHOTS, 'safe-area-portrait-closed.png') });

    await launcher(page).tap();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    for (const sel of ['.sc-header-close', 'textarea', '.sc-send']) await expectInside(page, sel, insets, width, height);
    // The dialog itself still covers the whole screen (its background fills the insets).
    const panel = (await rectOf(page, '.sc-panel'))!;
    expect(Math.round(panel.width)).toBe(width);
    await page.screenshot({ path: path.join(SHOTS, 'safe-area-portrait-open.png') });
    expect(watch.errors).toEqual([]);
  });

  it('landscape phone with a side cut-out: the launcher keeps clear of the right inset; the dialog of both', async () => {
    const [width, height] = [844, 390];
    const insets = { top: 0, right: 47, bottom: 21, left: 47 };
    const page = await phone(width, height, insets);
    const watch = watchPage(page);
    await launcher(page).waitFor({ state: 'visible' });
    const l = (await rectOf(page, '.sc-launcher'))!;
    expect(width - l.right).toBeGreaterThanOrEqual(insets.right + 20 - 0.5);
    expect(height - l.bottom).toBeGreaterThanOrEqual(insets.bottom + 20 - 0.5);
    await launcher(page).tap();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    for (const sel of ['.sc-header-close', 'textarea', '.sc-send']) await expectInside(page, sel, insets, width, height);
    await page.screenshot({ path: path.join(SHOTS, 'safe-area-landscape-open.png') });
    expect(watch.errors).toEqual([]);
  });
});
