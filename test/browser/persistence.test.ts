/**
 * Persistence and storage faults in real Chromium: a message typed with no connection survives a
 * reload and is delivered exactly once; storage disabled or full never breaks the chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';

let browser: Browser;
let pages: StaticServer;
let server: RunningServer;

beforeAll(async () => {
  pages = await startStaticServer();
  server = await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', operatorHours: 'always', botDelayMs: 20 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pages?.close();
});

type Msg = { clientId?: string; seq?: number; status: string; parts: Array<{ kind: string; text?: string }> };
const copiesOf = (page: Page, text: string) =>
  page.evaluate(
    (text) =>
      (window as unknown as { __chat: { state: { messages: { value: Msg[] } } } }).__chat.state.messages.value
        .filter((m) => m.parts.some((p) => p.text === text))
        .map((m) => ({ status: m.status, clientId: m.clientId, seq: m.seq })),
    text,
  );

describe('persistence in Chromium', () => {
  it('a message typed with no server survives a reload and is delivered exactly once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    // First visit: the backend is unreachable (nothing listens on port 9).
    await page.goto(`${pages.url}/test/browser/fixtures/ws.html?ws=${encodeURIComponent('ws://127.0.0.1:9/swp/v1/ws')}`);
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    const composer = page.locator('support-chat-host textarea');
    await composer.fill('typed before the reload');
    await composer.press('Enter');
    await expect.poll(() => copiesOf(page, 'typed before the reload')).toEqual([expect.objectContaining({ status: 'queued' })]);
    const clientId = (await copiesOf(page, 'typed before the reload'))[0]!.clientId;
    await page.waitForTimeout(600); // the debounced save of the history (the outbox itself is saved at once)

    // Reload with the server back.
    await page.goto(`${pages.url}/test/browser/fixtures/ws.html?ws=${encodeURIComponent(server.wsUrl)}`);
    await expect
      .poll(() => copiesOf(page, 'typed before the reload'), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ clientId, status: expect.stringMatching(/sent|delivered|read/), seq: expect.any(Number) })]);
    // Still one copy after a second reload (the server's history and the cache agree).
    await page.reload();
    await page.waitForFunction(
      () => (window as unknown as { __chat: { state: { connection: { value: string } } } }).__chat.state.connection.value === 'online',
    );
    await page.waitForTimeout(500);
    expect(await copiesOf(page, 'typed before the reload')).toHaveLength(1);
    expect(watch.errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection/.test(e))).toEqual([]);
    await context.close();
  });

  it('text typed in the composer but not sent survives a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pages.url}/test/browser/fixtures/ws.html?ws=${encodeURIComponent(server.wsUrl)}`);
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    await page.locator('support-chat-host textarea').pressSequentially('my card was charged tw');
    // The draft is written 300 ms after the last keystroke (and, best effort, on pagehide).
    await page.waitForTimeout(500);
    await page.reload();
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    await expect.poll(() => page.locator('support-chat-host textarea').inputValue()).toBe('my card was charged tw');
    await context.close();
  });

  it('storage disabled (SecurityError): the chat works from memory', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const deny = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Object.defineProperty(window, 'localStorage', { get: deny });
      Object.defineProperty(window, 'indexedDB', { get: deny });
    });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${pages.url}/test/browser/fixtures/iife.html`);
    await openAndSend(page, 'storage is off');
    await expect.poll(() => botRepliesAfter(page, 'storage is off'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('storage full (QuotaExceededError): the chat goes on in memory and reports one error', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined });
      try {
        const block = 'x'.repeat(512 * 1024);
        for (let i = 0; i < 64; i++) localStorage.setItem(`host-filler-${i}`, block);
      } catch {
        // Full: exactly what this test wants.
      }
      // Leave just enough room for the probe, not for a chat history.
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('support-chat:')) throw new DOMException('quota', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${pages.url}/test/browser/fixtures/ws.html?ws=${encodeURIComponent(server.wsUrl)}&storage=localstorage`);
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    for (const text of ['first while full', 'second while full']) {
      const composer = page.locator('support-chat-host textarea');
      await composer.fill(text);
      await composer.press('Enter');
      await expect
        .poll(() => copiesOf(page, text), { timeout: 10_000 })
        .toEqual([expect.objectContaining({ status: expect.stringMatching(/sent|delivered|read/) })]);
    }
    await page.waitForTimeout(600);
    const errors = await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
    expect(errors.filter((e) => /saving the chat failed/.test(e))).toHaveLength(1);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
