/**
 * The demo page's fault panel in real Chromium, against the restartable demo server (as
 * `npm run demo` runs it); the page has a strict Content-Security-Policy and any violation fails. Over WebSocket, a dropped
 * connection reconnects and a message typed meanwhile is delivered once; a failed send is retried
 * and delivered once; a permanently rejected one can be retried by hand; a server restart comes
 * back online with the conversation and its history intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RestartableServer } from '../../scripts/demo-server';
import { launchBrowser, watchPage } from './helpers/browser';

let browser: Browser;
let demo: RestartableServer;
const dataDir = mkdtempSync(join(tmpdir(), 'sc-demo-faults-'));
const publicDir = join(dataDir, 'public');

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    dataDir,
    logLevel: 'silent',
    operatorHours: 'always',
    botDelayMs: 50,
    staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Msg = { id?: string; clientId?: string; status: string; from: { role: string }; parts: Array<{ kind: string; text?: string }> };
type Demo = {
  demoWidget: {
    state: { messages: { value: Msg[] }; connection: { value: string } };
    chat: { transport: { snapshot(): { conversationId?: string }; fetchHistory(q: { limit: number }): Promise<{ messages: Msg[] }> } };
  };
};

const messages = (page: Page) => page.evaluate(() => (window as unknown as Demo).demoWidget.state.messages.value);
const connection = (page: Page) => page.evaluate(() => (window as unknown as Demo).demoWidget.state.connection.value);
const copies = async (page: Page, text: string) => (await messages(page)).filter((m) => m.parts.some((p) => p.text === text));
/** The user's messages with this text in the server's history (fetched through the widget's transport). */
const onServer = (page: Page, text: string) =>
  page.evaluate(async (text) => {
    const page_ = await (window as unknown as Demo).demoWidget.chat.transport.fetchHistory({ limit: 100 });
    return page_.messages.filter((m) => m.from.role === 'user' && m.parts.some((p) => p.text === text)).length;
  }, text);
/** Log lines of one kind, oldest first. */
const logLines = (page: Page, kind: string) =>
  page.evaluate(
    (kind) => [...document.querySelectorAll(`#fault-log li[data-kind="${kind}"] .log-text`)].map((e) => e.textContent ?? '').reverse(),
    kind,
  );

/** Opens the demo page over `transport` (it sets a strict CSP itself), opens the chat and waits for the bot. */
async function openDemo(context: BrowserContext, transport: string): Promise<{ page: Page; unexpectedErrors: () => string[] }> {
  const page = await context.newPage();
  const watched = watchPage(page);
  // Chromium logs the connections the simulated outages cut; anything else (page errors, CSP
  // violations, other console errors) fails the test.
  const outage =
    /^console: (WebSocket connection to '\S+' failed|Failed to load resource: net::ERR_(EMPTY_RESPONSE|CONNECTION_REFUSED|CONNECTION_RESET))/;
  const unexpectedErrors = () => watched.errors.filter((e) => !outage.test(e));
  await page.goto(`${demo.current.url}/?transport=${transport}&locale=en&segment=private`);
  await page.waitForFunction(() => !!(window as unknown as Partial<Demo>).demoWidget);
  await page
    .locator('support-chat-host')
    .getByRole('button', { name: /open chat/i })
    .click();
  await expect.poll(async () => (await messages(page)).some((m) => m.from.role === 'bot'), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => connection(page), { timeout: 10_000 }).toBe('online');
  return { page, unexpectedErrors };
}

async function type(page: Page, text: string): Promise<void> {
  const composer = page.locator('support-chat-host').locator('textarea');
  await composer.fill(text);
  await composer.press('Enter');
}

async function deliveredOnce(page: Page, text: string): Promise<void> {
  await expect.poll(async () => (await copies(page, text)).map((m) => m.status), { timeout: 20_000 }).toEqual(['sent']);
  expect(await onServer(page, text)).toBe(1);
}

describe('fault panel against the reference server', () => {
  it.each(['websocket', 'http'])(
    'drop (%s): reconnecting, then online; a message typed during the drop is delivered exactly once',
    async (transport) => {
      const context = await browser.newContext();
      const { page, unexpectedErrors } = await openDemo(context, transport);
      expect(await page.locator('#fault-restart').isDisabled()).toBe(false);
      const conversation = await page.evaluate(() => (window as unknown as Demo).demoWidget.chat.transport.snapshot().conversationId);

      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('button', { name: 'Drop the connection' }).click();
      await expect.poll(() => connection(page), { timeout: 5000 }).toBe('reconnecting');
      await type(page, 'Typed during the drop');
      await expect
        .poll(() => logLines(page, 'status'), { timeout: 15_000 })
        .toEqual(['reconnecting', 'online'].map((s) => expect.stringMatching(new RegExp(`^${s}`))));
      await deliveredOnce(page, 'Typed during the drop');
      expect(await logLines(page, 'message')).toContain('“Typed during the drop” → queued');
      expect(await logLines(page, 'note')).toContainEqual(expect.stringMatching(/the server cut [1-9]\d* customer connection/));
      expect(await page.evaluate(() => (window as unknown as Demo).demoWidget.chat.transport.snapshot().conversationId)).toBe(conversation);
      expect(unexpectedErrors()).toEqual([]);
      await context.close();
    },
  );

  it('go offline: queued while offline, delivered once and in order when back; slow network delays the send', async () => {
    const context = await browser.newContext();
    const { page, unexpectedErrors } = await openDemo(context, 'websocket');
    await page.getByRole('button', { name: 'Go offline' }).click();
    await expect.poll(() => connection(page)).toBe('offline');
    await expect.poll(() => logLines(page, 'note')).toContainEqual(expect.stringMatching(/the server cut [1-9]/));
    await type(page, 'Offline one');
    await type(page, 'Offline two');
    expect((await copies(page, 'Offline one')).map((m) => m.status)).toEqual(['queued']);
    expect((await copies(page, 'Offline two')).map((m) => m.status)).toEqual(['queued']);
    // The transport reconnects underneath, but the device is still "offline": nothing goes out.
    await page.waitForTimeout(1500);
    expect(await connection(page)).toBe('offline');
    expect((await copies(page, 'Offline one')).map((m) => m.status)).toEqual(['queued']);

    await page.getByRole('button', { name: 'Back online' }).click();
    await deliveredOnce(page, 'Offline one');
    await deliveredOnce(page, 'Offline two');
    const order = (await messages(page)).filter((m) => m.from.role === 'user').map((m) => m.parts[0]?.text);
    expect(order.indexOf('Offline one')).toBeLessThan(order.indexOf('Offline two'));

    await page.getByRole('button', { name: /^Slow network/ }).click();
    await expect.poll(() => logLines(page, 'note')).toContain('the server delays every customer frame by 1500 ms');
    const t0 = Date.now();
    await type(page, 'Slowly');
    await deliveredOnce(page, 'Slowly');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    await page.getByRole('button', { name: /^Slow network/ }).click();
    await expect.poll(() => logLines(page, 'note')).toContain('the server answers at full speed');
    expect(unexpectedErrors()).toEqual([]);
    await context.close();
  });

  it('fail the next send: the outbox retries with the same clientId and the message appears once', async () => {
    const context = await browser.newContext();
    const { page, unexpectedErrors } = await openDemo(context, 'websocket');
    await page.getByRole('button', { name: 'Fail the next send' }).click();
    await type(page, 'Fails once, then goes');
    await deliveredOnce(page, 'Fails once, then goes');
    const trail = (await logLines(page, 'message')).filter((l) => l.startsWith('“Fails once'));
    expect(trail.map((l) => l.replace('“Fails once, then goes” → ', ''))).toEqual(['queued', 'sending', 'queued', 'sending', 'sent']);
    expect(await logLines(page, 'note')).toContain('the send failed with a retryable network error (simulated)');

    // A permanent rejection: Failed, with Retry; Retry sends it once.
    await page.getByRole('button', { name: 'Reject the next send permanently' }).click();
    await type(page, 'Rejected, then retried');
    await expect
      .poll(async () => (await copies(page, 'Rejected, then retried')).map((m) => m.status), { timeout: 10_000 })
      .toEqual(['failed']);
    const host = page.locator('support-chat-host');
    await host.getByRole('button', { name: /retry/i }).first().click();
    await deliveredOnce(page, 'Rejected, then retried');
    expect(unexpectedErrors()).toEqual([]);
    await context.close();
  });

  it('restart the server: reconnecting, back online, the conversation and its history intact', async () => {
    const context = await browser.newContext();
    const { page, unexpectedErrors } = await openDemo(context, 'websocket');
    await type(page, 'Before the restart');
    await deliveredOnce(page, 'Before the restart');
    const conversation = await page.evaluate(() => (window as unknown as Demo).demoWidget.chat.transport.snapshot().conversationId);
    const restarts = demo.restarts;

    await page.getByRole('button', { name: 'Restart the server' }).click();
    await expect.poll(() => demo.restarts, { timeout: 15_000 }).toBe(restarts + 1);
    await expect.poll(() => logLines(page, 'status'), { timeout: 20_000 }).toContainEqual(expect.stringMatching(/^reconnecting/));
    await expect.poll(() => connection(page), { timeout: 20_000 }).toBe('online');
    expect(await page.evaluate(() => (window as unknown as Demo).demoWidget.chat.transport.snapshot().conversationId)).toBe(conversation);
    expect(await onServer(page, 'Before the restart')).toBe(1);
    await type(page, 'After the restart');
    await deliveredOnce(page, 'After the restart');

    // A fresh page load finds the same history on the restarted server.
    await page.reload();
    await page.waitForFunction(() => !!(window as unknown as Partial<Demo>).demoWidget);
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .click();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
    expect(await onServer(page, 'Before the restart')).toBe(1);
    expect(await onServer(page, 'After the restart')).toBe(1);
    expect(unexpectedErrors()).toEqual([]);
    await context.close();
  });
});

describe('fault panel over memory', () => {
  it('has nothing to restart, and its switches act on the memory transport', async () => {
    const context = await browser.newContext();
    const { page, unexpectedErrors } = await openDemo(context, 'memory');
    expect(await page.locator('#fault-restart').isDisabled()).toBe(true);
    expect(await page.locator('#faults-note').textContent()).toMatch(/no server/);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Go offline' }).click();
    await expect.poll(() => connection(page)).toBe('offline');
    await type(page, 'Queued while offline');
    await expect.poll(async () => (await copies(page, 'Queued while offline')).map((m) => m.status)).toEqual(['queued']);
    await page.getByRole('button', { name: 'Back online' }).click();
    await expect.poll(async () => (await copies(page, 'Queued while offline')).map((m) => m.status), { timeout: 10_000 }).toEqual(['sent']);
    expect(await logLines(page, 'status')).toEqual([expect.stringMatching(/^offline/), expect.stringMatching(/^online/)]);
    expect(unexpectedErrors()).toEqual([]);
    await context.close();
  });
});
