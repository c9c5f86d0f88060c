/**
 * The QA walkthrough from the README, in real Chromium against the real reference server:
 * the demo page chats with the bot, asks for a person, enters the one-time code shown in the
 * operator console, and an operator accepts, replies, closes; the customer rates. Over WebSocket
 * and over HTTP long-polling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-demo-public-'));

beforeAll(async () => {
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      botDelayMs: 50,
      demo: true, // the console shows the code sent by SMS, as in npm run demo
      staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir },
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

type Msg = { from: { role: string; name?: string }; parts: Array<{ kind: string; text?: string }> };
const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoWidget: { state: { messages: { value: Msg[] } } } }).demoWidget.state.messages.value);

describe.each(['websocket', 'http'])('QA flow over %s', (transport) => {
  it('bot first, then a verified person, then a rating', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const customer = await context.newPage();
    const watch = watchPage(customer);
    await customer.goto(`${server.url}/?transport=${transport}&locale=en&segment=private`);
    await customer.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = customer.locator('support-chat-host');

    // Bot first: the greeting with topics.
    await widget.getByRole('button', { name: /open chat/i }).click();
    await expect.poll(async () => (await messages(customer)).some((m) => m.from.role === 'bot'), { timeout: 15_000 }).toBe(true);

    // The operator starts a shift in the console (a second browser, as a second person would).
    const opContext = await browser.newContext();
    const console_ = await opContext.newPage();
    const opWatch = watchPage(console_);
    await startShift(console_, server.consoleUrl, { name: 'Olga' });

    // A person, in one tap: verification first.
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    const codeInput = widget.getByLabel('One-time code');
    await codeInput.waitFor({ state: 'visible', timeout: 15_000 });

    // The code "sent by SMS" is shown to the demo operator.
    await expect.poll(() => console_.locator('#list-verifying').innerText(), { timeout: 10_000 }).toMatch(/code \d{6}/);
    const code = /code (\d{6})/.exec(await console_.locator('#list-verifying').innerText())![1]!;
    await codeInput.fill('000000' === code ? '111111' : '000000');
    await widget.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => widget.getByText(/attempt/i).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await codeInput.fill(code);
    await widget.getByRole('button', { name: 'Confirm' }).click();
    await widget
      .getByText(/in the queue|waiting for a free operator/i)
      .first()
      .waitFor({ timeout: 15_000 });

    // The operator sees the context first, accepts, and replies.
    await console_.locator('#list-waiting button').first().click();
    await expect.poll(() => console_.locator('#ctx-fields').innerText()).toMatch(/private/i);
    await console_.getByRole('button', { name: 'Accept' }).click();
    await widget.getByText(/Olga/).first().waitFor({ timeout: 15_000 });
    await console_.fill('#composer-text', 'Hello, this is Olga. I can see your card question.');
    await console_.locator('#composer-send').click();
    await widget.getByRole('dialog').getByText('Hello, this is Olga. I can see your card question.').waitFor({ timeout: 15_000 });

    // The customer answers; the operator sees it.
    const composer = widget.locator('textarea');
    await composer.fill('Thank you, Olga!');
    await composer.press('Enter');
    await console_.locator('#transcript').getByText('Thank you, Olga!').waitFor({ timeout: 15_000 });

    // The operator closes; the customer rates.
    await console_.getByRole('button', { name: 'Close conversation' }).click();
    await widget.getByRole('dialog').getByText('How did we do?').waitFor({ timeout: 15_000 });
    await widget.getByRole('radio', { name: '5 stars out of 5' }).check();
    await widget.getByRole('button', { name: 'Skip' }).click();
    await widget.getByRole('dialog').getByText('Thank you for your feedback!').waitFor({ timeout: 10_000 });

    // Every message shown once: the customer's own text appears exactly once in the transcript.
    const mine = (await messages(customer)).filter((m) => m.parts.some((p) => p.text === 'Thank you, Olga!'));
    expect(mine).toHaveLength(1);
    expect(watch.errors).toEqual([]);
    expect(opWatch.errors).toEqual([]);
    await opContext.close();
    await context.close();
  });
});
