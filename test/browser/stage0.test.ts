/**
 * Stage 0 of the script tag in real Chromium, against the reference server: a first visit
 * downloads stage 0 alone and opens no connection; intent (hover, focus) loads the engine, which
 * connects and takes the launcher over in place; a click before the engine opens the dialog
 * once; commands queued before it run in order; the marker loads the engine in idle time; a
 * failed engine load is said and retried; the bot's welcome is never unread for a visitor who
 * has not engaged.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { axeViolations } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();

/** What the page fetched from dist/ and whether it talked to the chat server. */
function traffic(page: Page): { files: string[]; sockets: number; swp: string[] } {
  const t = { files: [] as string[], sockets: 0, swp: [] as string[] };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const m = /\/dist\/(support-chat\.[a-z0-9-]+\.js)$/.exec(path);
    if (m) t.files.push(m[1]!);
    if (path.startsWith('/swp/')) t.swp.push(path);
  });
  page.on('websocket', () => void t.sockets++);
  return t;
}

/** A page with the plain script tag over the reference server's WebSocket. */
function tagPage(name: string, extra = '', after = ''): string {
  return rig.page(
    name,
    hostPage(
      `<h1>Shop</h1><button id="before">Before</button><script src="/dist/support-chat.iife.js" data-transport="websocket" data-url="${rig.wsUrl}" data-locale="en" data-primary-color="#0b5cff" ${extra}></script>${after}`,
    ),
  );
}

type Win = {
  SupportChat: ((...args: unknown[]) => unknown) & {
    instance: {
      state: { isOpen: { value: boolean }; unread: { value: number }; connection: { value: string }; messages: { value: unknown[] } };
      on(t: string, f: (e: unknown) => void): void;
    } | null;
  };
  __log: string[];
};

const launcher = (page: Page) => page.locator('support-chat-host').getByRole('button', { name: 'Open chat' });
const engineIn = (page: Page) => page.evaluate(() => !!(window as unknown as Win).SupportChat.instance);
const connection = (page: Page) => page.evaluate(() => (window as unknown as Win).SupportChat.instance?.state.connection.value);

/** Holds the engine's file until `release()` is called. */
async function holdEngine(page: Page): Promise<() => Promise<void>> {
  let held: Route | null = null;
  let release = false;
  await page.route('**/dist/support-chat.engine.js', (route) => {
    if (release) return route.continue();
    held = route;
  });
  return async () => {
    release = true;
    await expect.poll(() => held !== null).toBe(true);
    await held!.continue();
  };
}

describe('stage 0', () => {
  it('a first visit downloads stage 0 only and opens no connection; hover loads the engine, which connects', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const t = traffic(page);
    await page.goto(tagPage('first-visit'));
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    // An idle page: give the idle callbacks their chance (3 s is their longest wait).
    await page.waitForTimeout(3500);
    expect(t.files).toEqual(['support-chat.iife.js']);
    expect(t.sockets).toBe(0);
    expect(t.swp).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('support-chat-host').length)).toBe(1);
    await launcher(page).hover();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
    expect(t.files.slice(0, 2)).toEqual(['support-chat.iife.js', 'support-chat.engine.js']);
    expect(t.sockets).toBe(1);
    // Taken over in place: one host, one launcher, the dialog fetched on the same intent.
    expect(await page.evaluate(() => document.querySelectorAll('support-chat-host').length)).toBe(1);
    await expect.poll(() => launcher(page).count()).toBe(1);
    await expect.poll(() => t.files.includes('support-chat.panel.js')).toBe(true);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('focus loads the engine and focus stays on the launcher through the handoff', async () => {
    const page = await rig.browser.newPage();
    const t = traffic(page);
    await page.goto(tagPage('focus'));
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    await page.focus('#before');
    await page.keyboard.press('Tab');
    await expect.poll(() => engineIn(page), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
    expect(t.files).toContain('support-chat.engine.js');
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        return host?.tagName.toLowerCase() === 'support-chat-host' ? (host.shadowRoot?.activeElement?.className ?? '') : '';
      });
    await expect.poll(focused).toContain('sc-launcher');
    await page.close();
  });

  it('a click before the engine arrives shows a busy launcher and opens the dialog once', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const release = await holdEngine(page);
    await page.goto(tagPage('click-first'));
    await launcher(page).click();
    await expect.poll(() => launcher(page).getAttribute('aria-busy')).toBe('true');
    // A second click while it comes changes nothing.
    await launcher(page).click();
    await release();
    const composer = page.locator('support-chat-host').locator('textarea');
    await composer.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as Win).SupportChat.instance?.state.isOpen.value)).toBe(true);
    // Opened once: the second click did not close it again; one dialog, one launcher.
    expect(await page.locator('support-chat-host').locator('.sc-panel').count()).toBe(1);
    expect(await page.locator('support-chat-host').locator('.sc-launcher').count()).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('calls made before the engine are queued and replayed in order', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const calls = `<script>
      window.__log = [];
      SupportChat('on', 'message', function (m) { __log.push(m.from.role + ':' + (m.parts[0] && m.parts[0].text || '').slice(0, 12)); });
      __log.push('queued:' + SupportChat.q.length);
      SupportChat('send', 'first queued');
      SupportChat('send', 'second queued');
    </script>`;
    await page.goto(tagPage('queued', '', calls));
    await expect.poll(() => engineIn(page), { timeout: 15_000 }).toBe(true);
    const own = () =>
      page.evaluate(() =>
        (
          ((window as unknown as Win).SupportChat.instance?.state.messages.value ?? []) as Array<{
            from: { role: string };
            parts: Array<{ text?: string }>;
          }>
        )
          .filter((m) => m.from.role === 'user')
          .map((m) => m.parts[0]?.text),
      );
    await expect.poll(own, { timeout: 15_000 }).toEqual(['first queued', 'second queued']);
    // The listener queued first heard the bot's answers.
    await expect.poll(() => page.evaluate(() => (window as unknown as Win).__log), { timeout: 15_000 }).toContain('queued:1');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Win).__log.some((l) => l.startsWith('bot:'))), { timeout: 15_000 })
      .toBe(true);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('an engine that cannot be fetched: the launcher says so after a click, and the next click works', async () => {
    const page = await rig.browser.newPage();
    await page.route('**/dist/support-chat.engine.js', (route) => route.abort('connectionrefused'));
    await page.goto(tagPage('engine-fails'));
    await launcher(page).click();
    const note = page.locator('support-chat-host').getByRole('alert');
    await expect.poll(() => note.textContent()).toBe("Couldn't open the chat. Check your connection and try again.");
    expect(await launcher(page).getAttribute('aria-busy')).toBeNull();
    await page.unroute('**/dist/support-chat.engine.js');
    await launcher(page).click();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible', timeout: 15_000 });
    await page.close();
  });

  it("the bot's welcome is not unread for a visitor who has not engaged: no badge, no title count, no marker", async () => {
    const page = await rig.browser.newPage();
    const boot = `<script src="/dist/support-chat.iife.js"></script><script>SupportChat('boot', { transport: 'websocket', url: '${rig.wsUrl}', locale: 'en', titleUnread: true });</script>`;
    await page.goto(rig.page('welcome', hostPage(`<h1>Shop</h1>${boot}`)));
    await launcher(page).hover();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Win).SupportChat.instance?.state.messages.value.length), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as Win).SupportChat.instance?.state.unread.value)).toBe(0);
    expect(await page.locator('support-chat-host').locator('.sc-badge').count()).toBe(0);
    expect(await page.title()).toBe('Host page');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':marker')))).toEqual([]);
    await page.close();
  });

  it('a returning visitor: stage 0 shows the marked unread count and loads the engine in idle time', async () => {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    const t = traffic(page);
    const release = await holdEngine(page);
    await page.addInitScript(() => {
      localStorage.setItem(`support-chat:v1:${location.host}:anon:default:marker`, JSON.stringify({ c: true, u: 2 }));
    });
    await page.goto(tagPage('returning'));
    const badge = page.locator('support-chat-host').getByText('2 unread messages');
    await expect.poll(() => badge.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // Nobody touched the launcher: the engine is asked for in idle time.
    await expect.poll(() => t.files.includes('support-chat.engine.js'), { timeout: 10_000 }).toBe(true);
    await release();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
    // The engine keeps the count the visitor saw.
    expect(await page.evaluate(() => (window as unknown as Win).SupportChat.instance?.state.unread.value)).toBe(2);
    await expect.poll(() => badge.count()).toBe(1);
    await context.close();
  });

  it('inline mode brings the engine in at once; with launcher: false, stage 0 draws nothing and a command brings it', async () => {
    const page = await rig.browser.newPage();
    const inline = `<div id="pane" style="width: 400px; height: 520px"></div><script src="/dist/support-chat.iife.js"></script>
      <script>SupportChat('boot', { transport: 'memory', locale: 'en', inline: document.getElementById('pane') });</script>`;
    await page.goto(rig.page('inline-stage0', hostPage(inline)));
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible', timeout: 15_000 });
    // Inline: the engine's launcher is there but hidden, nothing floats.
    expect(await page.locator('support-chat-host').locator('.sc-launcher').isVisible()).toBe(false);
    const own = `<button id="help">Help</button><script src="/dist/support-chat.iife.js"></script>
      <script>SupportChat('boot', { transport: 'memory', locale: 'en', launcher: false });
      document.getElementById('help').addEventListener('click', function () { SupportChat('toggle'); });</script>`;
    const t = traffic(page);
    await page.goto(rig.page('own-launcher-stage0', hostPage(own)));
    expect(await page.locator('support-chat-host').count()).toBe(0);
    expect(t.files).toEqual(['support-chat.iife.js']);
    await page.click('#help');
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible', timeout: 15_000 });
    await page.close();
  });

  it('a bad option: the engine says why in the console, and the clicked launcher stops turning and says so', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const bad = `<script src="/dist/support-chat.iife.js"></script><script>SupportChat('boot', { transport: 'memory', locale: 'en', zIndex: 'top' });</script>`;
    await page.goto(rig.page('bad-option', hostPage(bad)));
    await launcher(page).click();
    const note = page.locator('support-chat-host').getByRole('alert');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toBe("Couldn't open the chat. Check your connection and try again.");
    expect(await launcher(page).getAttribute('aria-busy')).toBeNull();
    expect(watch.errors).toEqual([expect.stringContaining('zIndex')]);
    await page.close();
  });
});
