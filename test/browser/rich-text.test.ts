/**
 * Safe rich text end to end, in real Chromium against the reference server: an operator types a
 * formatted reply in the console (bold, a list, code, a link and a `javascript:` link); the
 * widget shows <strong>, <li>, <code>, a safe <a rel="noopener noreferrer">, and the
 * `javascript:` one as text; the console renders the same; the customer's own `*` and `-` stay
 * as typed. Over WebSocket and HTTP. Screenshots (light and dark, desktop and phone, and the
 * console) go to .tmp/shots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';

const SHOTS = resolve(import.meta.dirname, '../../.tmp/shots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 AA findings inside `selector` (the widget's host, or the console's transcript). */
async function violations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not a <script>: the demo page and the console run under a strict CSP.
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(
      { include: [selector] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } },
    );
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}
const REPLY = [
  '**Your card is blocked** for now. Next steps:',
  '1. Check the app for a _new card_ offer',
  '2. Or quote the code `BLK-4821` when you call',
  '- Guide: [card safety](https://bank.example/safety)',
  '- Not a link: [x](javascript:alert(1))',
  '```',
  'Ref: BLK-4821 · 2026-12-01',
  '```',
  'Call [+44 20 7946 0000](tel:+442079460000) any time.',
].join('\n');

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-rich-public-'));

beforeAll(async () => {
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
      verification: false,
      botDelayMs: 0,
      staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir },
    }),
  );
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

/** The structure both renderers must show for {@link REPLY}. */
async function expectFormatted(box: Locator): Promise<void> {
  await expect.poll(() => box.locator('strong').first().textContent()).toBe('Your card is blocked');
  expect(await box.locator('em').first().textContent()).toBe('new card');
  expect(await box.locator('ol > li').count()).toBe(2);
  expect(await box.locator('ul > li').count()).toBe(2);
  expect(await box.locator('li code').textContent()).toBe('BLK-4821');
  expect(await box.locator('pre code').textContent()).toBe('Ref: BLK-4821 · 2026-12-01');
  const links = await box
    .locator('a')
    .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]));
  expect(links).toEqual([
    ['https://bank.example/safety', 'noopener noreferrer', '_blank'],
    ['tel:+442079460000', 'noopener noreferrer', null],
  ]);
  expect(await box.locator('ul > li').nth(1).textContent()).toBe('Not a link: [x](javascript:alert(1))');
  expect(await box.locator('script, img, [onerror]').count()).toBe(0);
}

async function openConsole(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const { errors } = watchPage(page);
  await startShift(page, server.consoleUrl, { name: 'Olga' });
  return { page, errors };
}

describe.each(['websocket', 'http'])('rich text over %s', (transport) => {
  it("an operator's formatted reply shows formatted and safe in the widget and the console", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const customer = await context.newPage();
    const watch = watchPage(customer);
    await customer.goto(`${server.url}/?transport=${transport}&locale=en&scheme=light`);
    const widget = customer.locator('support-chat-host');
    await widget.getByRole('button', { name: /open chat/i }).click();
    const dialog = widget.getByRole('dialog');
    await dialog.locator('.sc-msg--in').first().waitFor({ timeout: 15_000 });

    // The customer's own stars and dashes stay as typed.
    const mine = '*not italic* and **not bold**';
    await dialog.locator('textarea').fill(mine);
    await dialog.locator('textarea').press('Enter');
    const own = dialog.locator('.sc-msg--out .sc-bubble').filter({ hasText: 'not italic' });
    await expect.poll(() => own.textContent()).toBe(mine);
    expect(await own.locator('strong, em').count()).toBe(0);

    const { page: console_, errors: consoleErrors } = await openConsole();
    await dialog.getByRole('button', { name: 'Talk to a person' }).first().click();
    await console_.locator('#list-waiting button').first().click();
    await console_.getByRole('button', { name: 'Accept' }).click();
    await console_.fill('#composer-text', REPLY);
    await console_.locator('#composer-send').click();

    const bubble = dialog.locator('.sc-msg--in .sc-bubble').filter({ hasText: 'Your card is blocked' });
    await bubble.waitFor({ timeout: 15_000 });
    expect(await bubble.getAttribute('dir')).toBe('auto');
    await expectFormatted(bubble);

    const consoleText = console_.locator('#transcript .msg-agent .msg-text').filter({ hasText: 'Your card is blocked' });
    await expectFormatted(consoleText);
    expect(await consoleText.getAttribute('dir')).toBe('auto');
    // In the console too, the customer's text is literal.
    const consoleOwn = console_.locator('#transcript .msg-user .msg-text').filter({ hasText: 'not italic' });
    expect(await consoleOwn.textContent()).toBe(mine);

    // A right-to-left reply lays out right-to-left, and its neighbour stays left-to-right.
    await console_.fill('#composer-text', '**مرحبا** بك\n- البطاقة `BLK-4821` محظورة\n- اتصل بنا');
    await console_.locator('#composer-send').click();
    const rtl = dialog.locator('.sc-msg--in .sc-bubble').filter({ hasText: 'مرحبا' });
    await rtl.waitFor({ timeout: 15_000 });
    const direction = (l: Locator) => l.evaluate((el) => getComputedStyle(el).direction);
    expect(await direction(rtl)).toBe('rtl');
    expect(await direction(rtl.locator('li').first())).toBe('rtl');
    expect(await direction(bubble)).toBe('ltr');
    expect(await rtl.locator('strong').textContent()).toBe('مرحبا');

    if (transport === 'websocket') {
      await rtl.scrollIntoViewIfNeeded();
      await customer.screenshot({ path: join(SHOTS, 'rich-light-1280.png') });
      await console_.locator('#transcript').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await console_.screenshot({ path: join(SHOTS, 'rich-console.png') });
      expect(await violations(console_, '#transcript')).toEqual([]);
      expect(await violations(customer, 'support-chat-host')).toEqual([]);
      for (const [scheme, width, height] of [
        ['dark', 1280, 800],
        ['light', 390, 844],
        ['dark', 390, 844],
      ] as const) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.goto(`${server.url}/?transport=${transport}&locale=en&scheme=${scheme}`);
        const w = page.locator('support-chat-host');
        // The tab joins the open conversation: the dialog may already be open.
        const launcher = w.locator('.sc-launcher');
        await launcher.waitFor({ state: 'attached' });
        if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
        const shown = w.getByRole('dialog').locator('.sc-msg--in .sc-bubble').filter({ hasText: 'Your card is blocked' });
        await shown.waitFor({ timeout: 15_000 });
        await expectFormatted(shown);
        await w.getByRole('dialog').locator('.sc-msg--in .sc-bubble').filter({ hasText: 'مرحبا' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `rich-${scheme}-${width}.png`) });
        // Contrast of code, links and lists in this theme, and nothing else amiss.
        expect(await violations(page, 'support-chat-host')).toEqual([]);
        await page.close();
      }
    }
    expect(watch.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await console_.context().close();
    await context.close();
  });
});
