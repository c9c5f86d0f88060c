/**
 * The code step in real Chromium against the reference server, over WebSocket (desktop,
 * 1280×800) and HTTP long-polling (phone, 390×844): three wrong codes → the lockout (no Confirm)
 * → the cooldown runs out (2 s here) → "Send a new code" → the right code → queued. Screenshots of
 * each state go to .tmp/shots/ (code-*.png).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-code-public-'));
const shots = join(process.cwd(), '.tmp', 'shots');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    botDelayMs: 50,
    verificationPolicy: { maxAttempts: 3, resendAfterSeconds: 2 },
    verificationFallback: 'phone',
    emergencyPhone: '+44 20 7946 0000',
    staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

const conversationOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { demoWidget: { chat: { transport: { snapshot(): { conversationId: string } } } } }
      ).demoWidget.chat.transport.snapshot().conversationId,
  );

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations inside the widget (the demo page around it is not under test here). */
async function widgetViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.flatMap((v) =>
      v.nodes.filter((n) => JSON.stringify(n.target).includes('support-chat-host')).map((n) => `${v.id}: ${JSON.stringify(n.target)}`),
    );
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function wrongCode(widget: Locator, code: string): Promise<void> {
  const input = widget.getByLabel('One-time code');
  await input.fill(code === '000000' ? '111111' : '000000');
  await widget.getByRole('button', { name: 'Confirm' }).click();
}

describe.each([
  ['websocket', { width: 1280, height: 800 }, 'desktop'],
  ['http', { width: 390, height: 844 }, 'phone'],
] as const)('the code step over %s', (transport, viewport, label) => {
  it('three wrong codes → lockout → resend after the cooldown → the right code → queued', async () => {
    const context = await browser.newContext({ viewport, bypassCSP: true }); // bypassCSP: for axe-core only
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/?transport=${transport}&locale=en&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    await widget.getByRole('button', { name: /open chat/i }).click();
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    const input = widget.getByLabel('One-time code');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await widget.getByText(/^Code expires in 0[45]:\d\d$/).waitFor();
    await shot(page, `code-countdown-${label}`);

    const conversationId = await conversationOf(page);
    const first = (await server.lastVerificationCode(conversationId))!;
    expect(first).toMatch(/^\d{6}$/);

    // Attempts left exactly as the server counts them, then the lockout.
    await wrongCode(widget, first);
    // .first(): the live region may announce the same words beside the form for a moment.
    await widget.getByText('Wrong code. 2 attempts left').first().waitFor({ timeout: 10_000 });
    await shot(page, `code-error-${label}`);
    await wrongCode(widget, first);
    await widget.getByText('Wrong code. 1 attempt left').first().waitFor({ timeout: 10_000 });
    await wrongCode(widget, first);
    await widget.getByText('Too many wrong codes: this code is locked.').first().waitFor({ timeout: 10_000 });
    expect(await widget.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    expect(await input.count()).toBe(0);
    await shot(page, `code-lockout-${label}`);

    // "Didn't get a code?" offers the support line.
    await widget.getByText("Didn't get a code?").click();
    const call = widget.getByRole('link', { name: 'Call us: +44 20 7946 0000' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:+442079460000');
    await shot(page, `code-help-${label}`);
    expect(await widgetViolations(page)).toEqual([]);

    // The new-code button becomes enabled once the cooldown is over (waited for, not slept).
    const resend = widget.getByRole('button', { name: 'Send a new code' });
    await expect.poll(async () => (await resend.count()) > 0 && (await resend.isEnabled()), { timeout: 15_000 }).toBe(true);
    await resend.click();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => server.lastVerificationCode(conversationId), { timeout: 10_000 }).not.toBe(first);
    const second = (await server.lastVerificationCode(conversationId))!;
    await input.fill(second);
    await widget.getByRole('button', { name: 'Confirm' }).click();
    await widget
      .getByText(/in the queue|waiting for a free operator/i)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
