/**
 * Writes that outlive the page, in real Chromium against the reference server: a message typed
 * and sent with Enter the moment before a reload is never lost and never doubled. `send()`
 * journals it synchronously (localStorage); the asynchronous IndexedDB save may never finish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { connectOperator } from '../helpers/operator-client';
import { launchBrowser, watchPage } from './helpers/browser';
import { startStaticServer, type StaticServer } from './helpers/static-server';

let browser: Browser;
let pages: StaticServer;
let server: RunningServer;

beforeAll(async () => {
  pages = await startStaticServer();
  server = rememberServer(
    await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      botDelayMs: 20,
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pages?.close();
});

type Msg = { clientId?: string; seq?: number; status: string; from: { role: string }; parts: Array<{ kind: string; text?: string }> };
type Handle = {
  __chat: {
    state: { messages: { value: Msg[] }; connection: { value: string } };
    chat: { transport: { snapshot(): { conversationId?: string } } };
  };
};

/** Own messages whose text starts with `prefix`, as the page shows them. */
const ownMessages = (page: Page, prefix: string) =>
  page.evaluate(
    (prefix) =>
      (window as unknown as Handle).__chat.state.messages.value
        .filter((m) => m.from.role === 'user')
        .map((m) => ({ text: m.parts.map((p) => p.text ?? '').join(''), status: m.status, seq: m.seq }))
        .filter((m) => m.text.startsWith(prefix)),
    prefix,
  );

/** Opens the dialog if the page came back with it closed; returns the composer. */
async function composer(page: Page) {
  const host = page.locator('support-chat-host');
  const box = host.locator('textarea');
  await expect
    .poll(async () => (await box.isVisible()) || (await host.getByRole('button', { name: /open chat/i }).isVisible()), { timeout: 15_000 })
    .toBe(true);
  if (!(await box.isVisible())) await host.getByRole('button', { name: /open chat/i }).click();
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  return box;
}

describe('durable writes (Chromium, reference server)', () => {
  it('a message sent with Enter right before a reload or a closed tab arrives exactly once and is shown once, 20 times over', async () => {
    const context = await browser.newContext();
    let page = await context.newPage();
    const errors: string[] = [];
    const watched = (p: Page) => {
      const w = watchPage(p);
      return () => errors.push(...w.errors);
    };
    let collect = watched(page);
    const url = `${pages.url}/test/browser/fixtures/ws.html?ws=${encodeURIComponent(server.wsUrl)}`;
    await page.goto(url);
    await composer(page);
    await page.waitForFunction(() => (window as unknown as Handle).__chat.state.connection.value === 'online', undefined, {
      timeout: 15_000,
    });
    const conversationId = await page.evaluate(() => (window as unknown as Handle).__chat.chat.transport.snapshot().conversationId);
    expect(conversationId).toBeTruthy();

    const texts = Array.from({ length: 20 }, (_, i) => `durable write ${i + 1} of 20`);
    for (const [i, text] of texts.entries()) {
      const box = await composer(page);
      await box.fill(text);
      await box.press('Enter');
      // Reload, navigate away or close the tab with no wait at all: well within 50 ms of the key
      // press, before the asynchronous save can be relied on.
      if (i % 3 === 0) await page.reload({ waitUntil: 'domcontentloaded' });
      else if (i % 3 === 1) await page.goto(`${url}&round=${i}`, { waitUntil: 'domcontentloaded' });
      else {
        await page.close();
        collect();
        page = await context.newPage();
        collect = watched(page);
        await page.goto(url, { waitUntil: 'domcontentloaded' });
      }
    }

    await page.reload();
    await composer(page);
    // Every message is shown once and reaches the server (seq assigned).
    await expect
      .poll(
        async () =>
          (await ownMessages(page, 'durable write '))
            .filter((m) => m.seq !== undefined)
            .map((m) => m.text)
            .sort(),
        { timeout: 30_000, interval: 250 },
      )
      .toEqual([...texts].sort());
    // Once saved as sent, the journal is empty again: it does not grow with the history.
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unsent:')).length), {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(0);
    await page.waitForTimeout(1000);
    const shown = (await ownMessages(page, 'durable write ')).map((m) => m.text);
    expect(shown.sort()).toEqual([...texts].sort());

    // The server stored each exactly once (it dedupes a re-send by clientId; nothing got past it).
    const op = await connectOperator(server.url, 'Auditor', { role: 'supervisor' }); // reads a conversation still with the bot
    const detail = await op.view(conversationId!);
    const stored = detail.messages
      .filter((m) => m.from.role === 'user')
      .map((m) => m.parts.map((p) => ('text' in p ? p.text : '')).join(''));
    expect(stored.filter((t) => t.startsWith('durable write ')).sort()).toEqual([...texts].sort());
    await op.disconnect();

    // One more reload: still exactly one copy of each.
    await page.reload();
    await composer(page);
    await page.waitForFunction(() => (window as unknown as Handle).__chat.state.connection.value === 'online', undefined, {
      timeout: 15_000,
    });
    await page.waitForTimeout(500);
    expect((await ownMessages(page, 'durable write ')).map((m) => m.text).sort()).toEqual([...texts].sort());
    collect();
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
    await context.close();
  });
});
