/**
 * Languages in real Chromium through the script tag: Arabic and Hebrew mirror the whole widget
 * (launcher and panel in the bottom-left corner, the close button on the left of the header, the
 * composer and the text right to left, the customer's bubbles on the left); Ukrainian and German
 * come in their own words from their stage files. Screenshots go to $SC_SHOTS (default the
 * system's temporary directory) to be looked at.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});
const SHOTS = process.env.SC_SHOTS || tmpdir();

interface Box {
  left: number;
  right: number;
  top: number;
  width: number;
}

/** The box of an element inside the widget's shadow root (the last match). */
const rectOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const all = document.querySelector('support-chat-host')!.shadowRoot!.querySelectorAll(sel);
    const el = all[all.length - 1];
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width } satisfies Box;
  }, selector);

const styleOf = (page: Page, selector: string, property: string) =>
  page.evaluate(
    ([sel, prop]) => {
      const el = document.querySelector('support-chat-host')!.shadowRoot!.querySelector(sel!);
      return el ? getComputedStyle(el).getPropertyValue(prop!) : null;
    },
    [selector, property],
  );

/** A desktop page with the widget in `locale` (or the browser's language when undefined). */
async function open(name: string, locale: string | undefined, browserLocale = 'en-US') {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: browserLocale, reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  const watch = watchPage(page);
  const stages: string[] = [];
  page.on('request', (r) => {
    const m = /support-chat\.(locale-\w+)\.js$/.exec(r.url());
    if (m) stages.push(m[1]!);
  });
  const attr = locale ? ` data-locale="${locale}"` : '';
  await page.goto(
    rig.page(
      name,
      hostPage(
        `<main style="height: 1500px">Host page</main><script src="/dist/support-chat.iife.js" data-transport="memory"${attr}></script>`,
      ),
    ),
  );
  return { page, watch, stages, widget: page.locator('support-chat-host') };
}

describe.each([
  {
    lang: 'ar',
    locale: 'ar' as string | undefined,
    browserLocale: 'en-US',
    openName: 'افتح المحادثة',
    closeName: 'أغلق المحادثة',
    send: 'إرسال',
  },
  // Hebrew from the browser's language alone (no data-locale).
  { lang: 'he', locale: undefined, browserLocale: 'he-IL', openName: 'פתיחת הצ׳אט', closeName: 'סגירת הצ׳אט', send: 'שליחה' },
])('right to left: $lang', ({ lang, locale, browserLocale, openName, closeName, send }) => {
  it('the whole widget mirrors', async () => {
    const { page, watch, stages, widget } = await open(`rtl-${lang}`, locale, browserLocale);
    const launcher = widget.getByRole('button', { name: openName });
    await expect.poll(() => launcher.count(), { timeout: 20_000 }).toBe(1);
    // Stage 0 speaks it: no strings fetched before the engine is wanted.
    expect(stages).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('support-chat-host')!.getAttribute('dir'))).toBe('rtl');
    // The launcher in the bottom-left corner (the end corner of a right-to-left page).
    const launcherBox = (await launcher.boundingBox())!;
    expect(launcherBox.x).toBeLessThan(100);
    await page.screenshot({ path: path.join(SHOTS, `sc-lang-${lang}-closed.png`) });

    await launcher.click();
    const dialog = widget.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(stages).toEqual([`locale-${lang}`]);
    expect(await dialog.getAttribute('lang')).toBe(lang);
    const panel = (await rectOf(page, '.sc-panel'))!;
    expect(panel.left).toBeLessThan(100);
    // The close button on the left of the header, the title on its right.
    const close = (await rectOf(page, '.sc-header-close'))!;
    expect(await widget.locator('.sc-header-close').getAttribute('aria-label')).toBe(closeName);
    const title = (await rectOf(page, '.sc-title'))!;
    expect(close.left + close.width / 2).toBeLessThan(panel.left + panel.width / 2);
    expect(title.right).toBeGreaterThan(close.right);
    // The composer writes right to left, its text aligned right.
    const input = widget.getByRole('textbox');
    // Empty, it starts on the right; typed text sets its own direction (dir="auto").
    expect(await input.getAttribute('dir')).toBe('auto');
    expect(await styleOf(page, 'textarea', 'direction')).toBe('rtl');
    expect(['start', 'right']).toContain(await styleOf(page, 'textarea', 'text-align'));
    await expect.poll(() => widget.getByRole('button', { name: send }).count()).toBe(1);

    // The customer's bubble on the left (the end side), the assistant's on the right.
    await input.fill('مرحبا, hello');
    await input.press('Enter');
    await expect.poll(() => rectOf(page, '.sc-msg--out .sc-bubble'), { timeout: 20_000 }).not.toBeNull();
    await expect.poll(() => rectOf(page, '.sc-msg--in .sc-bubble'), { timeout: 20_000 }).not.toBeNull();
    const out = (await rectOf(page, '.sc-msg--out .sc-bubble'))!;
    const inn = (await rectOf(page, '.sc-msg--in .sc-bubble'))!;
    expect(out.left).toBeLessThan(inn.left);
    expect(inn.right).toBeGreaterThan(out.right);
    expect(out.left - panel.left).toBeLessThan(40);
    // Each message sets its own direction from its text.
    expect(
      await page.evaluate(() =>
        document.querySelector('support-chat-host')!.shadowRoot!.querySelector('.sc-msg--out .sc-bubble')!.getAttribute('dir'),
      ),
    ).toBe('auto');
    await page.screenshot({ path: path.join(SHOTS, `sc-lang-${lang}-open.png`) });
    expect(watch.errors).toEqual([]);
  });
});

describe.each([
  { lang: 'uk', openName: 'Відкрити чат', closeName: 'Закрити чат', placeholder: 'Напишіть повідомлення…', send: 'Надіслати' },
  { lang: 'de', openName: 'Chat öffnen', closeName: 'Chat schließen', placeholder: 'Nachricht schreiben…', send: 'Senden' },
])('left to right: $lang', ({ lang, openName, closeName, placeholder, send }) => {
  it('its own strings, from its own stage file, the usual corner', async () => {
    const { page, watch, stages, widget } = await open(`ltr-${lang}`, lang);
    const launcher = widget.getByRole('button', { name: openName });
    await expect.poll(() => launcher.count(), { timeout: 20_000 }).toBe(1);
    // Stage 0 speaks it: no strings fetched before the engine is wanted.
    expect(stages).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('support-chat-host')!.getAttribute('dir'))).toBe('ltr');
    expect((await launcher.boundingBox())!.x).toBeGreaterThan(1100);
    await launcher.click();
    const dialog = widget.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(stages).toEqual([`locale-${lang}`]);
    expect(await dialog.getAttribute('lang')).toBe(lang);
    expect(await widget.getByRole('textbox').getAttribute('placeholder')).toBe(placeholder);
    await expect.poll(() => widget.getByRole('button', { name: send }).count()).toBe(1);
    expect(await widget.locator('.sc-header-close').getAttribute('aria-label')).toBe(closeName);
    const close = (await rectOf(page, '.sc-header-close'))!;
    const panel = (await rectOf(page, '.sc-panel'))!;
    expect(close.left).toBeGreaterThan(panel.left + panel.width / 2);
    await page.screenshot({ path: path.join(SHOTS, `sc-lang-${lang}-open.png`) });
    expect(watch.errors).toEqual([]);
  });
});

describe('right to left on a phone', () => {
  it('Arabic at 390×844: the launcher in the bottom-left corner of the screen, the dialog full screen', async () => {
    const context = await rig.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
    });
    contexts.push(context);
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(
      rig.page(
        'rtl-phone',
        hostPage(
          '<main style="height: 1500px">Host page</main><script src="/dist/support-chat.iife.js" data-transport="memory" data-locale="ar"></script>',
        ),
      ),
    );
    const widget = page.locator('support-chat-host');
    const launcher = widget.getByRole('button', { name: 'افتح المحادثة' });
    await expect.poll(() => launcher.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await launcher.boundingBox())?.x ?? -1, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await launcher.click();
    await expect.poll(() => widget.getByRole('dialog').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => rectOf(page, '.sc-panel'), { timeout: 10_000 }).toMatchObject({ left: 0, width: 390 });
    const close = (await rectOf(page, '.sc-header-close'))!;
    expect(close.left).toBeLessThan(195);
    await page.screenshot({ path: path.join(SHOTS, 'sc-lang-ar-phone.png') });
    expect(watch.errors).toEqual([]);
  });
});
