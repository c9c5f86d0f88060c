/**
 * Issue 9 (items 1 and 7) in real Chromium against the reference server: an ordinary customer
 * asks for a person first, then a customer writes "someone stole money from my card"; the urgent
 * one is first in the console and marked; the ordinary one sees what the operator will receive,
 * adds a note and watches the ETA count down; the operator accepts the urgent one and the widget
 * shows their initials; a reload keeps the "joined" line. Screenshots at 1280×800 and 390×844.
 * The bundled bot recognises the urgent case and offers the priority person in one tap.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift, submitSignIn } from './helpers/console';

const SHOTS = join(import.meta.dirname, '../../.tmp/shots');
let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-priority-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      verification: false,
      botDelayMs: 50,
      staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir, '/fixtures/': 'test/browser/fixtures' },
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

type Msg = { from: { role: string }; parts: Array<{ kind: string; text?: string }> };
const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoWidget: { state: { messages: { value: Msg[] } } } }).demoWidget.state.messages.value);

async function customer(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const { errors } = watchPage(page);
  await page.goto(url);
  await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
  await page
    .locator('support-chat-host')
    .getByRole('button', { name: /open chat/i })
    .click();
  await expect.poll(async () => (await messages(page)).some((m) => m.from.role === 'bot'), { timeout: 15_000 }).toBe(true);
  return { page, errors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations inside the widget (the demo page around it is not under test here). */
async function widgetViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource); // through the debugger protocol: the demo page's CSP forbids inline scripts
  const all = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
  return all.filter((v) => v.includes('support-chat-host'));
}

/** A screenshot at desktop and phone size. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.each(['websocket', 'http'])('priority queue over %s', (transport) => {
  it('urgent first and marked in the console; preview, note and countdown; accept → initials; reload keeps "joined"', async () => {
    const url = `${server.url}/?transport=${transport}&locale=en&segment=private`;
    // The operator is on shift (one operator: 90 s a place).
    const opContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const console_ = await opContext.newPage();
    const opWatch = watchPage(console_);
    // A photo URL that is not http(s) is refused by the server, back on the sign-in form.
    await submitSignIn(console_, server.consoleUrl, { name: 'Olga Petrova', avatarUrl: 'javascript:alert(1)' });
    await expect
      .poll(() => console_.locator('#login-error').innerText(), { timeout: 10_000 })
      .toMatch(/avatarUrl must be an http\(s\) URL/);
    // Over HTTP the operator signs in with a photo; over WebSocket without one (initials).
    const photo = transport === 'http' ? `${server.url}/fixtures/operator-avatar.png` : '';
    await startShift(console_, server.consoleUrl, { name: 'Olga Petrova', avatarUrl: photo });

    // 1. An ordinary customer asks for a person first.
    const a = await customer(url);
    const wa = a.page.locator('support-chat-host');
    await wa.getByRole('button', { name: 'Talk to a person' }).first().click();
    await wa.locator('.sc-queue-pos').getByText('You are number 1 in the queue').waitFor({ timeout: 15_000 });

    // 2. A customer whose money was stolen.
    const b = await customer(url);
    const wb = b.page.locator('support-chat-host');
    const composer = wb.locator('textarea');
    await composer.fill('someone stole money from my card');
    await composer.press('Enter');
    // At once: a safety instruction and a one-tap person with priority.
    await wb
      .getByText(/don't share codes/i)
      .first()
      .waitFor({ timeout: 15_000 });
    await wb.getByRole('button', { name: 'Talk to a person now' }).click();
    await wb.locator('.sc-queue-pos').getByText('You are number 1 in the queue').waitFor({ timeout: 15_000 });
    // The ordinary one moved back, and their ETA counts down between server updates.
    await wa.locator('.sc-queue-pos').getByText('You are number 2 in the queue').waitFor({ timeout: 15_000 });
    const eta = wa.locator('.sc-queue-eta');
    const first = await eta.innerText();
    expect(first).toMatch(/^Estimated wait \d:\d\d$/);
    await expect.poll(() => eta.innerText(), { timeout: 5000 }).not.toBe(first);
    await expect(wa.getByRole('button', { name: 'Leave the queue' }).isVisible()).resolves.toBe(true);

    // 3. What the operator will see, and a note.
    await wa.getByRole('button', { name: /What the operator will see/ }).click();
    const note = wa.getByLabel('Note for the operator (optional)');
    await note.fill('My card was charged twice at the pharmacy');
    await wa.getByRole('button', { name: 'Save note' }).click();
    await wa.getByText('Note saved. The operator will read it first.').first().waitFor({ timeout: 10_000 });
    if (transport === 'websocket') {
      expect(await widgetViolations(a.page)).toEqual([]);
      await shoot(a.page, 'widget-preview-note');
      await wa.getByRole('button', { name: /What the operator will see/ }).click();
      await shoot(a.page, 'widget-queue-countdown');
    }

    // 4. The console: the urgent one first, marked in words; the ordinary one titled by its words, with the note.
    const rows = console_.locator('#list-waiting button');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => rows.first().innerText(), { timeout: 15_000 }).toMatch(/Urgent/);
    await expect.poll(() => rows.nth(1).innerText(), { timeout: 15_000 }).toContain('Note: My card was charged twice at the pharmacy');
    expect(await rows.nth(1).innerText()).not.toMatch(/Urgent/);
    await rows.first().click();
    await expect.poll(() => console_.locator('#ctx-handoff').innerText(), { timeout: 10_000 }).toMatch(/Urgent/);
    expect(await console_.locator('#ctx-handoff').innerText()).toContain('someone stole money from my card');
    if (transport === 'websocket') await shoot(console_, 'console-urgent-queue');

    // 5. Accept the urgent one: the widget shows the operator's initials and the joined line.
    await console_.getByRole('button', { name: 'Accept' }).click();
    await wb.locator('.sc-system', { hasText: 'Olga Petrova joined the chat' }).waitFor({ timeout: 15_000 });
    if (photo) await expect.poll(() => wb.locator('.sc-avatar--header img').getAttribute('src'), { timeout: 10_000 }).toBe(photo);
    else await expect.poll(() => wb.locator('.sc-avatar--header').innerText(), { timeout: 10_000 }).toBe('OP');
    await console_.fill('#composer-text', 'Hello, this is Olga. I have blocked the card.');
    await console_.locator('#composer-send').click();
    await wb.getByText('Hello, this is Olga. I have blocked the card.').waitFor({ timeout: 15_000 });
    if (photo) {
      await expect.poll(() => wb.locator('.sc-avatar--agent img').first().getAttribute('src')).toBe(photo);
      await shoot(b.page, 'widget-operator-photo');
    } else {
      await expect.poll(() => wb.locator('.sc-avatar--agent').first().innerText()).toBe('OP');
      await shoot(b.page, 'widget-operator-joined');
    }
    // The ordinary customer is first now.
    await wa.locator('.sc-queue-pos').getByText('You are number 1 in the queue').waitFor({ timeout: 15_000 });

    // 6. A reload keeps the joined line in its place, once.
    await b.page.reload();
    await b.page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const wb2 = b.page.locator('support-chat-host');
    await wb2.getByRole('button', { name: /open chat/i }).click();
    await wb2.getByText('Hello, this is Olga. I have blocked the card.').waitFor({ timeout: 15_000 });
    // Once in the transcript (the live region may say it again: that is not a line).
    await expect.poll(() => wb2.locator('.sc-system', { hasText: 'Olga Petrova joined the chat' }).count(), { timeout: 10_000 }).toBe(1);
    const lines = await wb2.locator('.sc-system, .sc-msg').allInnerTexts();
    const joinedAt = lines.findIndex((t) => t.includes('joined the chat'));
    const helloAt = lines.findIndex((t) => t.includes('I have blocked the card'));
    expect(joinedAt).toBeGreaterThanOrEqual(0);
    expect(joinedAt).toBeLessThan(helloAt);

    // 7. The ordinary customer leaves the queue: back to the bot.
    await wa.getByRole('button', { name: 'Leave the queue' }).click();
    await wa.getByText(/You have left the queue/).waitFor({ timeout: 15_000 });
    await expect.poll(() => console_.locator('#list-waiting button').count(), { timeout: 10_000 }).toBe(0);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(opWatch.errors).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
    await opContext.close();
  });
});
