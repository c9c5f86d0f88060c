/**
 * The script tag's staged delivery in real Chromium: stage 0 alone until the person shows intent,
 * the engine and the panel fetched on intent (or in idle time for a returning visitor), stage files loaded
 * under a nonce-only CSP, and a panel that cannot be fetched or comes from another build reported
 * without breaking the widget.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from './helpers/browser';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';

const NONCE = 'stage-nonce-1';
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer((path): Record<string, string> => {
    if (path.endsWith('/nonce.html')) {
      return {
        'content-security-policy': `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'; img-src 'self' data: blob:; base-uri 'none'; object-src 'none'`,
      };
    }
    if (path.endsWith('/trusted-types.html')) {
      return { 'content-security-policy': `require-trusted-types-for 'script'; trusted-types support-chat` };
    }
    return {};
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Names of the dist files the page requested, in order. */
function trackStages(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const m = /\/dist\/(support-chat\.[a-z-]+\.js)$/.exec(new URL(r.url()).pathname);
    if (m) files.push(m[1]!);
  });
  return files;
}

const online = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { SupportChat: { instance: { state: { connection: { value: string } } } } }).SupportChat.instance.state
        .connection.value,
  );

/** Brings the engine in as a person does (the pointer over the launcher) and waits for the widget. */
async function engineIn(page: Page): Promise<void> {
  await page.locator('support-chat-host').locator('.sc-launcher').hover();
  await page.waitForFunction(() => !!(window as unknown as { SupportChat: { instance: unknown } }).SupportChat.instance);
}

/** Collects the widget's `error` events as messages in `window.__errors` (the engine brought in first). */
async function collectErrors(page: Page): Promise<() => Promise<string[]>> {
  await engineIn(page);
  await page.evaluate(() => {
    const w = window as unknown as { __errors: string[]; SupportChat: { instance: { on(t: string, f: (e: Error) => void): void } } };
    w.__errors = [];
    w.SupportChat.instance.on('error', (e) => w.__errors.push(e.message));
  });
  return () => page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
}

const isOpen = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { SupportChat: { instance: { state: { isOpen: { value: boolean } } } } }).SupportChat.instance.state.isOpen
        .value,
  );

describe('staged script tag', () => {
  it('a first visit over WebSocket downloads stage 0 only; the engine and the panel come on intent', async () => {
    const page = await browser.newPage();
    const files = trackStages(page);
    await page.goto(`${server.url}/test/browser/fixtures/quiet.html`);
    const launcher = page.locator('support-chat-host').getByRole('button', { name: /open chat/i });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await page.waitForTimeout(1500);
    expect(files).toEqual(['support-chat.iife.js']);
    await launcher.hover();
    await expect.poll(() => files.includes('support-chat.panel.js')).toBe(true);
    expect(files.slice(0, 2)).toEqual(['support-chat.iife.js', 'support-chat.engine.js']);
    await launcher.click();
    // The dialog works with no connection: the composer takes text.
    const composer = page.locator('support-chat-host').locator('textarea');
    await composer.waitFor({ state: 'visible' });
    await composer.fill('typed before any server answered');
    expect(files.filter((f) => f === 'support-chat.panel.js')).toHaveLength(1);
    // A stage file (the engine too) leaves no script element behind.
    expect(await page.evaluate(() => document.querySelectorAll('script[src*="support-chat."]').length)).toBe(1);
    await page.close();
  });

  it('the bot greets without a badge: nothing more until a click, then engine, transport and panel', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const files = trackStages(page);
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    await expect.poll(() => page.locator('support-chat-host').locator('.sc-launcher').isVisible()).toBe(true);
    await page.waitForTimeout(1500);
    expect(files).toEqual(['support-chat.iife.js']);
    await openAndSend(page, 'hello');
    // The transport and the dialog in whichever order they are asked for.
    expect(files.slice(0, 2)).toEqual(['support-chat.iife.js', 'support-chat.engine.js']);
    expect(files.slice(2).sort()).toEqual(['support-chat.memory.js', 'support-chat.panel.js']);
    await expect.poll(() => online(page)).toBe('online');
    await expect.poll(() => botRepliesAfter(page, 'hello'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('two widgets on one page share each stage file and open independently', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const files = trackStages(page);
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    await engineIn(page);
    await page.evaluate(() => {
      const g = (window as unknown as { SupportChat: { createSupportChat(o: object): unknown; createMemoryTransport(): unknown } })
        .SupportChat;
      (window as unknown as { second: unknown }).second = g.createSupportChat({
        transport: g.createMemoryTransport(),
        id: 'second',
        position: 'bottom-left',
        title: 'Second',
      });
    });
    const hosts = page.locator('support-chat-host');
    await expect.poll(() => hosts.count()).toBe(2);
    await hosts.nth(1).locator('.sc-launcher').click();
    await hosts.nth(1).locator('textarea').waitFor({ state: 'visible' });
    expect(await hosts.nth(0).locator('textarea').count()).toBe(0);
    await hosts.nth(0).locator('.sc-launcher').click();
    await hosts.nth(0).locator('textarea').waitFor({ state: 'visible' });
    expect(files.filter((f) => f === 'support-chat.panel.js')).toHaveLength(1);
    expect(files.filter((f) => f === 'support-chat.memory.js')).toHaveLength(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('a returning visitor gets the engine and the panel in idle time, without waiting for intent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = trackStages(page);
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    await openAndSend(page, 'first visit');
    await expect.poll(() => botRepliesAfter(page, 'first visit'), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.evaluate(() =>
      (
        window as unknown as { SupportChat: { instance: { close(): void; chat: { flush(): Promise<void> } } } }
      ).SupportChat.instance.chat.flush(),
    );
    files.length = 0;
    await page.reload();
    await expect.poll(() => files.includes('support-chat.panel.js')).toBe(true);
    expect(files.slice(0, 2)).toEqual(['support-chat.iife.js', 'support-chat.engine.js']);
    await context.close();
  });

  it('a Russian page: stage 0 speaks Russian; the engine fetches its strings as a stage file', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const files = trackStages(page);
    await page.goto(`${server.url}/test/browser/fixtures/ru.html`);
    const launcher = page.locator('support-chat-host').getByRole('button', { name: 'Открыть чат' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    expect(files).toEqual(['support-chat.iife.js']);
    await launcher.hover();
    await expect.poll(() => files.slice(0, 3)).toEqual(['support-chat.iife.js', 'support-chat.engine.js', 'support-chat.locale-ru.js']);
    await page.waitForFunction(() => !!(window as unknown as { SupportChat: { instance: unknown } }).SupportChat.instance);
    await expect.poll(() => launcher.count()).toBe(1);
    await launcher.click();
    await expect.poll(() => page.locator('support-chat-host').locator('textarea').getAttribute('placeholder')).toMatch(/[а-я]/i);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('strings that cannot be fetched: the launcher comes in English and the page gets an error', async () => {
    const page = await browser.newPage();
    await page.route('**/dist/support-chat.locale-ru.js', (route) => route.abort('connectionrefused'));
    await page.addInitScript(() => {
      const w = window as unknown as { __errors: string[] };
      w.__errors = [];
      // support-chat:ready does not bubble; a capturing listener on the document still hears it.
      document.addEventListener(
        'support-chat:ready',
        (e) =>
          (e as CustomEvent<{ on(t: string, f: (err: Error) => void): void }>).detail.on('error', (err) => w.__errors.push(err.message)),
        true,
      );
    });
    await page.goto(`${server.url}/test/browser/fixtures/ru.html`);
    await page.locator('support-chat-host').getByRole('button', { name: 'Открыть чат' }).hover();
    const launcher = page.locator('support-chat-host').getByRole('button', { name: 'Open chat' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __errors: string[] }).__errors))
      .toEqual([expect.stringContaining('support-chat.locale-ru.js')]);
    await launcher.click();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    await page.close();
  });

  it('loads the stage files on a page that enforces Trusted Types', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/test/browser/fixtures/trusted-types.html`);
    await openAndSend(page, 'I lost my card');
    await expect.poll(() => botRepliesAfter(page, 'I lost my card'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('loads the stage files under a nonce-only CSP', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(`${server.url}/test/browser/fixtures/nonce.html`);
    await openAndSend(page, 'I lost my card');
    await expect.poll(() => botRepliesAfter(page, 'I lost my card'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('a panel that cannot be fetched is reported, the launcher closes again, and the next tap works', async () => {
    const page = await browser.newPage();
    await page.route('**/dist/support-chat.panel.js', (route) => route.abort('connectionrefused'));
    const warnings: string[] = [];
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    const errors = await collectErrors(page);
    const launcher = page.locator('support-chat-host').locator('.sc-launcher');
    await launcher.click();
    await expect.poll(errors).toEqual([expect.stringContaining('could not load')]);
    await expect.poll(() => isOpen(page)).toBe(false);
    // The person is told, beside the launcher (and by screen readers: role=alert).
    const note = page.locator('support-chat-host').getByRole('alert');
    await expect.poll(() => note.textContent()).toBe("Couldn't open the chat. Check your connection and try again.");
    // A pasted script tag has no error listener: the console names the missing file.
    expect(warnings).toContainEqual(expect.stringContaining('support-chat.panel.js'));
    await page.unroute('**/dist/support-chat.panel.js');
    await launcher.click();
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    expect(await isOpen(page)).toBe(true);
    await page.close();
  });

  it('a stage file from another build is refused, and the widget keeps working', async () => {
    const page = await browser.newPage();
    const panel = readFileSync(new URL('../../dist/support-chat.panel.js', import.meta.url), 'utf8');
    const stale = panel.replace(/`\d+\.\d+\.\d+-[0-9a-f]{10}`/, '`0.0.1-0000000000`');
    expect(stale).not.toBe(panel);
    await page.route('**/dist/support-chat.panel.js', (route) => route.fulfill({ contentType: 'text/javascript', body: stale }));
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    const errors = await collectErrors(page);
    await page.locator('support-chat-host').locator('.sc-launcher').click();
    await expect.poll(errors).toEqual([expect.stringContaining('from another build')]);
    await expect.poll(() => isOpen(page)).toBe(false);
    expect(await page.locator('support-chat-host').locator('.sc-panel').count()).toBe(0);
    // The engine is unaffected: a message sent through the API gets its answer.
    await page.evaluate(() =>
      (window as unknown as { SupportChat: { instance: { send(t: string): void } } }).SupportChat.instance.send('still here'),
    );
    await expect.poll(() => botRepliesAfter(page, 'still here'), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('an engine from another build is refused: stage 0 keeps its launcher and says so after a click', async () => {
    const page = await browser.newPage();
    const engine = readFileSync(new URL('../../dist/support-chat.engine.js', import.meta.url), 'utf8');
    const stale = engine.replaceAll(/"\d+\.\d+\.\d+-[0-9a-f]{10}"|`\d+\.\d+\.\d+-[0-9a-f]{10}`/g, '"0.0.1-0000000000"');
    expect(stale).not.toBe(engine);
    await page.route('**/dist/support-chat.engine.js', (route) => route.fulfill({ contentType: 'text/javascript', body: stale }));
    const warnings: string[] = [];
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await page.goto(`${server.url}/test/browser/fixtures/iife.html`);
    await page.locator('support-chat-host').locator('.sc-launcher').click();
    const note = page.locator('support-chat-host').getByRole('alert');
    await expect.poll(() => note.textContent()).toBe("Couldn't open the chat. Check your connection and try again.");
    expect(warnings).toContainEqual(expect.stringContaining('from another build'));
    expect(await page.evaluate(() => typeof (window as unknown as { SupportChat: unknown }).SupportChat)).toBe('function');
    expect(await page.evaluate(() => (window as unknown as { SupportChat: { instance: unknown } }).SupportChat.instance)).toBeNull();
    await page.close();
  });
});
