/**
 * The sensitive-data guard in real Chromium against the reference server, over WebSocket and HTTP:
 * a card number typed in the demo's composer is held by the guard, "Mask and send" sends it
 * masked, and the server (read through the operator API) stores only the masked form; nothing
 * in the page's storage carries the number. Screenshots of the guard at 1280×800 and 390×844
 * go to .tmp/shots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { connectOperator } from '../helpers/operator-client';
import { launchBrowser, watchPage } from './helpers/browser';

const CARD = 'My card is 4111 1111 1111 1111, CVC 123';
const MASKED = 'My card is •••• 1111, CVC •••';
const PAN = /4111[ -]?1111[ -]?1111[ -]?1111/;
const SHOTS = '.tmp/shots';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 AA findings on the page (the widget's shadow root included). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const result = await axe.run(document.querySelector('support-chat-host'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-guard-public-'));

beforeAll(async () => {
  server = rememberServer(
    await startServer({
      port: 0,
      dataDir: ':memory:',
      logLevel: 'silent',
      operatorHours: 'always',
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

type Msg = { from: { role: string }; parts: Array<{ kind: string; text?: string }> };
const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoWidget: { state: { messages: { value: Msg[] } } } }).demoWidget.state.messages.value);
const conversationId = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { demoWidget: { chat: { transport: { snapshot(): { conversationId: string } } } } }
      ).demoWidget.chat.transport.snapshot().conversationId,
  );

describe.each([
  ['websocket', 1280, 800, 'en', 'light'],
  ['http', 390, 844, 'en', 'dark'],
  ['websocket', 390, 844, 'ru', 'light'],
] as const)('guard over %s at %i×%i (%s, %s)', (transport, width, height, locale, scheme) => {
  it('holds a card number, masks it on request, and the server stores only the masked form', async () => {
    // The demo's CSP refuses inline scripts: axe is injected past it.
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/?transport=${transport}&locale=${locale}&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    await widget.getByRole('button', { name: locale === 'ru' ? /открыть чат/i : /open chat/i }).click();
    await expect.poll(async () => (await messages(page)).some((m) => m.from.role === 'bot'), { timeout: 15_000 }).toBe(true);

    const composer = widget.locator('textarea');
    await composer.fill(CARD);
    await composer.press('Enter');
    const guard = widget.getByRole('alertdialog');
    await guard.waitFor({ state: 'visible' });
    // Nothing left the page: the guard holds the message and keeps the draft.
    expect((await messages(page)).some((m) => m.from.role === 'user')).toBe(false);
    expect(await composer.inputValue()).toBe(CARD);
    const mask = guard.getByRole('button', { name: locale === 'ru' ? 'Скрыть и отправить' : 'Mask and send' });
    await expect.poll(() => mask.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/guard-${width}x${height}-${locale}.png` });
    expect(await violations(page)).toEqual([]);

    await mask.click();
    await widget.getByRole('dialog').getByText(MASKED).first().waitFor({ timeout: 15_000 });
    await guard.waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SHOTS}/masked-${width}x${height}-${locale}.png` });

    // The server's copy (what operators see) is the masked one.
    const id = await conversationId(page);
    const op = await connectOperator(server.url, `Op-${transport}-${width}-${locale}`, { role: 'supervisor' }); // reads a conversation still with the bot
    const texts = (await op.view(id)).messages.flatMap((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')));
    expect(texts).toContain(MASKED);
    expect(texts.join('\n')).not.toMatch(PAN);
    await op.disconnect();

    // Shown once, masked, and nothing in the page's storage carries the number.
    await expect
      .poll(async () => (await messages(page)).filter((m) => m.from.role === 'user').map((m) => m.parts[0]?.text))
      .toEqual([MASKED]);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toMatch(PAN);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
