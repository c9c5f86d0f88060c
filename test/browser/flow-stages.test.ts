/**
 * The dialog's rarely met flows as stage files, in real Chromium against the reference server and
 * the demo page over WebSocket: an open conversation fetches none of them; asking for a person
 * fetches the code step (held back here, so its "Loading…" placeholder shows until it is in),
 * whose form then takes the code; an operator in the conversation brings the closing cards, whose
 * rating is sent. The list, offline and guard stages are never fetched on this path. A flow file
 * that cannot be fetched says so in its place, and Retry brings it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';

let browser: Browser;
let server: RunningServer;
const FLOWS = ['verify', 'ending', 'conversations', 'offline', 'preview', 'guard'].map((n) => `support-chat.${n}.js`);

beforeAll(async () => {
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      botDelayMs: 0,
      verificationPolicy: { maxAttempts: 3, resendAfterSeconds: 2 },
      staticDirs: { '/': 'demo', '/dist/': 'dist' },
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Names of the stage files the page requested, in order. */
function trackStages(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const m = /\/dist\/(support-chat\.[a-z-]+\.js)$/.exec(new URL(r.url()).pathname);
    if (m) files.push(m[1]!);
  });
  return files;
}

const conversationOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { demoWidget: { chat: { transport: { snapshot(): { conversationId: string } } } } }
      ).demoWidget.chat.transport.snapshot().conversationId,
  );

describe('flow stages', () => {
  it('an open conversation fetches no flow; the code step and the rating come when they appear, and work', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    const files = trackStages(page);
    // The code step's file is held until released: its placeholder is seen, not raced.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/dist/support-chat.verify.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/?transport=websocket&locale=en&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    const dialog = widget.getByRole('dialog');
    await widget.getByRole('button', { name: /open chat/i }).click();

    // An open conversation: the customer writes, the bot answers; no flow stage is fetched.
    const composer = widget.locator('textarea');
    await composer.fill('Hello there');
    await composer.press('Enter');
    await expect.poll(() => dialog.locator('.sc-msg').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(files).toContain('support-chat.panel.js');
    expect(files.filter((f) => FLOWS.includes(f))).toEqual([]);

    // Asking for a person: the code step's file is asked for; until it is in, a busy line.
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    await expect.poll(() => files.includes('support-chat.verify.js'), { timeout: 15_000 }).toBe(true);
    const waiting = dialog.locator('.sc-flow-wait[aria-busy="true"]');
    await waiting.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await waiting.innerText()).toBe('Loading…');
    release();
    const input = widget.getByLabel('One-time code');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await waiting.count()).toBe(0);
    const code = (await server.lastVerificationCode(await conversationOf(page)))!;
    await input.fill(code);
    await widget.getByRole('button', { name: 'Confirm' }).click();
    await widget
      .getByText(/in the queue|waiting for a free operator/i)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(files).not.toContain('support-chat.ending.js');

    // An operator takes it: the closing cards come ahead of the close; the rating is sent.
    const console_ = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await startShift(console_, server.consoleUrl, { name: 'Olga' });
    await console_.locator('#list-waiting button').first().click({ timeout: 15_000 });
    await console_.getByRole('button', { name: 'Accept' }).click();
    await console_.fill('#composer-text', 'Hi, Olga here.');
    await console_.locator('#composer-send').click();
    await dialog.getByText('Hi, Olga here.').waitFor({ timeout: 15_000 });
    await expect.poll(() => files.includes('support-chat.ending.js'), { timeout: 15_000 }).toBe(true);
    await console_.getByRole('button', { name: 'Close conversation' }).click();
    await dialog.getByText('How did we do?').waitFor({ timeout: 15_000 });
    await widget.getByRole('radio', { name: '4 stars out of 5' }).check();
    await widget.getByRole('button', { name: 'Send rating' }).click();
    await dialog.getByText('Thank you for your feedback!').waitFor({ timeout: 10_000 });

    // Each flow file once; the ones this path never meets, never.
    for (const f of ['support-chat.verify.js', 'support-chat.ending.js']) expect(files.filter((x) => x === f)).toHaveLength(1);
    for (const f of ['support-chat.conversations.js', 'support-chat.offline.js', 'support-chat.guard.js']) expect(files).not.toContain(f);
    expect(watch.errors).toEqual([]);
    await console_.context().close();
    await context.close();
  });
  it('a flow whose file cannot be fetched says so, and Retry brings it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const files = trackStages(page);
    await page.route('**/dist/support-chat.verify.js', (route) => route.abort('connectionrefused'));
    await page.goto(`${server.url}/?transport=websocket&locale=en&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    const dialog = widget.getByRole('dialog');
    await widget.getByRole('button', { name: /open chat/i }).click();
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    const alert = dialog.locator('.sc-flow-wait[role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await alert.innerText()).toContain('Something went wrong. Please try again.');
    await page.unroute('**/dist/support-chat.verify.js');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await widget.getByLabel('One-time code').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await alert.count()).toBe(0);
    expect(files.filter((f) => f === 'support-chat.verify.js').length).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
