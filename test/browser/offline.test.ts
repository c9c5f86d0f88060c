/**
 * Night, in real Chromium against the real reference server: operators are off shift; the
 * greeting does not promise a person; asking for one opens the honest offline card (when people
 * are back, in the header's words and the bot's) with the leave-a-message step; an e-mail is
 * left; the confirmation says what happens next; and an operator of the next shift sees the
 * conversation first in the console, with the contact. Over WebSocket and HTTP long-polling.
 * Screenshots of the card, the filled form and the confirmation at 1280×800 and 390×844 go to
 * `.tmp/shots/`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { Customer } from '../server/customer';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-offline-public-'));
const SHOTS = join(import.meta.dirname, '../../.tmp/shots');

/** An hour-long daily shift starting two hours from now (UTC): operators are off right now. */
function shiftNotNow(): string {
  const start = (new Date().getUTCHours() + 2) % 24;
  const pad = (h: number) => String(h).padStart(2, '0');
  return `Mon-Sun ${pad(start)}:00-${pad(start + 1)}:00`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: shiftNotNow(),
      timeZone: 'UTC',
      emergencyPhone: '+44 20 7946 0000',
      botDelayMs: 50,
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

type Msg = { from: { role: string }; parts: Array<{ kind: string; text?: string }> };
const botTexts = async (page: Page) =>
  (
    await page.evaluate(
      () => (window as unknown as { demoWidget: { state: { messages: { value: Msg[] } } } }).demoWidget.state.messages.value,
    )
  )
    .filter((m) => m.from.role === 'bot')
    .map((m) => m.parts.map((p) => p.text ?? '').join(' '));

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the widget only (the demo page around it, with its own banner, is not under test). */
async function violations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the demo page's strict CSP allows no inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(
      { include: [['support-chat-host']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        rules: { region: { enabled: false }, 'landmark-no-duplicate-banner': { enabled: false } },
      },
    );
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** Screenshots at desktop and phone size, then back to desktop. */
async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('support-chat-host .sc-offline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.each(['websocket', 'http'])('night over %s', (transport) => {
  it('ask for a person → leave a message with an e-mail → confirmation → the next shift sees it first', async () => {
    const email = `ann.${transport}@example.com`;
    // Someone asked for a person earlier tonight and left no contact.
    const earlier = await Customer.connect(server, { client: { sdk: 'test', locale: 'en' } });
    await earlier.c.request({ t: 'handoff.request', conversationId: earlier.welcome.conversationId });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/?transport=${transport}&locale=en&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    await widget.getByRole('button', { name: /open chat/i }).click();

    // The greeting says when people are back instead of promising a person "one tap away".
    await expect.poll(async () => (await botTexts(page)).join('\n'), { timeout: 15_000 }).toMatch(/operators are offline now and back/);
    expect((await botTexts(page)).join('\n')).not.toMatch(/one tap away/);
    const composer = widget.locator('textarea');
    await composer.fill('My card was blocked while abroad');
    await composer.press('Enter');

    // Asking for a person: the honest card, no spinner, the same "when" in the header, the card and the bot.
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    const card = widget.locator('.sc-offline');
    await card.getByText('Our operators are offline').waitFor({ timeout: 15_000 });
    expect(await widget.locator('.sc-spinner').count()).toBe(0);
    const when = /They are back (.+)\./.exec(await card.innerText())![1]!;
    expect(when).toMatch(/^(today|tomorrow) at \d{1,2}:00 [AP]M$/); // the demo's English clock
    expect(await widget.locator('.sc-status-text').innerText()).toBe(`Back ${when}`);
    await expect.poll(async () => (await botTexts(page)).some((t) => t.includes(`back ${when}.`)), { timeout: 15_000 }).toBe(true);
    const tel = card.getByRole('link', { name: '+44 20 7946 0000' });
    expect(await tel.getAttribute('href')).toBe('tel:+442079460000');
    if (transport === 'websocket') {
      await shots(page, 'offline-card');
      expect(await violations(page)).toEqual([]);
    }

    // Leave a message: an e-mail, and the note prefilled from what they wrote.
    const note = card.getByLabel('Your message');
    expect(await note.inputValue()).toBe('My card was blocked while abroad');
    await card.getByLabel('E-mail or phone').fill('ann@example');
    await card.getByRole('button', { name: 'Leave message' }).click();
    await card.getByText('Check the e-mail address.').waitFor();
    if (transport === 'websocket') expect(await violations(page)).toEqual([]);
    await card.getByLabel('E-mail or phone').fill(email);
    if (transport === 'websocket') await shots(page, 'offline-form');
    await card.getByRole('button', { name: 'Leave message' }).click();

    // The confirmation says what happens next, in the same words for the time.
    await card.getByText('Message left').waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain(`An operator of the next shift (it starts ${when}) will reply here.`);
    expect(await card.innerText()).toContain(`We will also write to ${email}.`);
    await expect.poll(async () => (await botTexts(page)).some((t) => t.includes(`by e-mail to ${email}`)), { timeout: 15_000 }).toBe(true);
    if (transport === 'websocket') {
      await shots(page, 'offline-confirmation');
      expect(await violations(page)).toEqual([]);
    }

    // A reload keeps the confirmation (the server says why the handoff is offline).
    await page.reload();
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    await widget.getByRole('button', { name: /open chat/i }).click();
    await widget.locator('.sc-offline').getByText('Message left').waitFor({ timeout: 15_000 });

    // The next shift: the console lists the conversation with the contact first.
    const opContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const console_ = await opContext.newPage();
    const opWatch = watchPage(console_);
    await startShift(console_, `${server.url}/console/`, { name: 'Morning shift' });
    const first = console_.locator('#list-waiting li').first();
    await expect.poll(() => first.innerText(), { timeout: 15_000 }).toContain(email);
    expect(await first.innerText()).toContain('Left a contact');
    expect(await first.innerText()).toContain('My card was blocked while abroad');
    expect(await console_.locator('#list-waiting li').count()).toBeGreaterThanOrEqual(2);
    await first.locator('button').click();
    const mail = console_.locator(`#ctx-fields a[href="mailto:${email}"]`);
    await mail.waitFor({ timeout: 10_000 });
    expect(await mail.getAttribute('rel')).toBe('noopener noreferrer');
    if (transport === 'websocket') await console_.screenshot({ path: join(SHOTS, 'offline-console-1280.png') });
    // Taken: it leaves the waiting list (the next run starts from a list without it).
    await console_.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => console_.locator('#list-waiting').innerText(), { timeout: 10_000 }).not.toContain(email);

    expect(watch.errors).toEqual([]);
    expect(opWatch.errors).toEqual([]);
    await opContext.close();
    await context.close();
    await earlier.c.close();
  });
});
