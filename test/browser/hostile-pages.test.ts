/**
 * Host pages that fight the widget, in real Chromium: a transform, filter or `contain` on the
 * body of a long scrolled page; page rules aimed at the host element itself; the body replaced
 * (Turbo-style) and `<html>` rewritten; a host modal at the maximum z-index. The launcher stays in
 * the viewport's corner and on top, and the widget keeps its state and its one connection.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();
const VIEW = { width: 1024, height: 700 };

const widget = (extra = '') =>
  `<script src="/dist/support-chat.iife.js" data-transport="websocket" data-url="${rig.wsUrl}" data-locale="en" ${extra}></script>`;
const tall = '<div style="height: 4000px">A long page</div>';

/** The launcher's box in viewport coordinates. */
async function launcherBox(page: Page) {
  const launcher = page.locator('support-chat-host').getByRole('button', { name: /open chat|close chat/i });
  await launcher.waitFor({ state: 'visible' });
  return (await launcher.boundingBox())!;
}

/** The launcher is 20 px from the viewport's bottom-right corner. */
async function expectInCorner(page: Page): Promise<void> {
  const box = await launcherBox(page);
  const vw = await page.evaluate(() => document.documentElement.clientWidth);
  expect(Math.abs(box.x + box.width - (vw - 20))).toBeLessThan(2);
  expect(Math.abs(box.y + box.height - (VIEW.height - 20))).toBeLessThan(2);
}

/** What the browser hits at the launcher's centre: our host element or something of the page. */
async function hitAtLauncher(page: Page): Promise<string> {
  const box = await launcherBox(page);
  return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase() ?? '', {
    x: box.x + box.width / 2,
    y: box.y + box.height / 2,
  });
}

function countSockets(page: Page): { opened: number } {
  const n = { opened: 0 };
  page.on('websocket', () => n.opened++);
  return n;
}

describe('hostile host pages', () => {
  for (const [name, css] of [
    ['transform', 'body { transform: translateZ(0); }'],
    ['filter', 'body { filter: saturate(1.01); }'],
    ['contain', 'body { contain: paint; }'],
    [
      'rules on the host element',
      'support-chat-host, html > * { display: block !important; transform: translate(-300px, -300px) !important; position: absolute !important; filter: blur(0) !important; }',
    ],
  ] as const) {
    it(`body ${name}: the launcher stays in the viewport's corner of a scrolled page`, async () => {
      const page = await rig.browser.newPage({ viewport: VIEW });
      const watch = watchPage(page);
      await page.goto(rig.page(`hostile-${name.replace(/\W+/g, '-')}`, hostPage(`${tall}${widget()}`, `<style>${css}</style>`)));
      await page.evaluate(() => window.scrollTo(0, 2500));
      await expectInCorner(page);
      await page
        .locator('support-chat-host')
        .getByRole('button', { name: /open chat/i })
        .click();
      const composer = page.locator('support-chat-host').locator('textarea');
      await composer.waitFor({ state: 'visible' });
      const panel = (await page.locator('support-chat-host').getByRole('dialog').boundingBox())!;
      expect(panel.y).toBeGreaterThanOrEqual(0);
      expect(panel.y + panel.height).toBeLessThanOrEqual(VIEW.height);
      expect(watch.errors).toEqual([]);
      await page.close();
    });
  }

  it('the body replaced (Turbo-style) and <html> rewritten: same widget, same state, one connection', async () => {
    const page = await rig.browser.newPage({ viewport: VIEW });
    const watch = watchPage(page);
    const sockets = countSockets(page);
    await page.goto(rig.page('replaced', hostPage(`<h1>Page one</h1>${widget()}`)));
    const host = page.locator('support-chat-host');
    await host.getByRole('button', { name: /open chat/i }).click();
    await host.locator('textarea').fill('typed before the navigation');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { SupportChat: { instance: { state: { connection: { value: string } } } } }).SupportChat.instance.state
              .connection.value,
        ),
      )
      .toBe('online');
    // Turbo: a new <body> from the next page's HTML.
    const attachedNextFrame = await page.evaluate(() => {
      const next = new DOMParser().parseFromString('<body><h1>Page two</h1></body>', 'text/html').body;
      document.documentElement.replaceChild(document.adoptNode(next), document.body);
      return new Promise<boolean>((ok) => requestAnimationFrame(() => ok(document.querySelectorAll('support-chat-host').length === 1)));
    });
    expect(attachedNextFrame).toBe(true);
    expect(await host.locator('textarea').inputValue()).toBe('typed before the navigation');
    // A page that rewrites <html> altogether: the host is back within one frame.
    const rewritten = await page.evaluate(() => {
      const el = document.querySelector('support-chat-host');
      document.documentElement.innerHTML = '<head><title>Three</title></head><body><h1>Page three</h1></body>';
      return new Promise<boolean>((ok) =>
        requestAnimationFrame(() => ok(document.querySelector('support-chat-host') === el && !!el?.isConnected)),
      );
    });
    expect(rewritten).toBe(true);
    await expect.poll(() => host.getByRole('dialog').isVisible()).toBe(true);
    await host.locator('textarea').press('Enter');
    await expect.poll(() => host.getByText('typed before the navigation', { exact: true }).first().isVisible()).toBe(true);
    expect(sockets.opened).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('a host modal at the maximum z-index stays under the launcher, unless zIndex says otherwise', async () => {
    const modal = '<div id="modal" style="position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 0.4)">A host modal</div>';
    const page = await rig.browser.newPage({ viewport: VIEW });
    await page.goto(rig.page('modal', hostPage(`${modal}${widget()}`)));
    expect(await hitAtLauncher(page)).toBe('support-chat-host');
    await page.goto(rig.page('modal-lower', hostPage(`${modal}${widget('data-z-index="10"')}`)));
    expect(await hitAtLauncher(page)).toBe('div');
    await page.close();
  });
});
