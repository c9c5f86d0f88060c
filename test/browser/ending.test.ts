/**
 * Ending a conversation, in real Chromium against the reference server and the demo page: the
 * operator closes, the customer rates with a comment (stars by keyboard), the server has the
 * comment (the console shows it and its export carries it), and the customer downloads the
 * transcript as text and as HTML. Over WebSocket (desktop) and HTTP long-polling (phone).
 * `SHOTS_DIR=.tmp/shots` also saves screenshots of the rating with a comment and of the closed state.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift as signIn } from './helpers/console';

let browser: Browser;
let server: RunningServer;
const publicDir = mkdtempSync(join(tmpdir(), 'sc-ending-public-'));
const shots = process.env.SHOTS_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 AA and best-practice findings inside the widget. */
async function widgetViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource); // the demo page's CSP refuses inline scripts; evaluation is not one
  return page.evaluate(async () => {
    type Axe = { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(document.querySelector('support-chat-host'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      // Page-level rules: the demo page has its own banner beside the widget's header.
      rules: { region: { enabled: false }, 'landmark-no-duplicate-banner': { enabled: false } },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

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
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(publicDir, { recursive: true, force: true });
});

/** Clicks and returns the file the click downloaded, with its suggested name. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, unknown] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function startShift(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(page, server.consoleUrl, { name: 'Olga' });
  return page;
}

describe.each([
  ['websocket', 1280, 800],
  ['http', 390, 844],
] as const)('ending a conversation over %s', (transport, width, height) => {
  it('close → rating with a comment → the server has it → transcript download', async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const customer = await context.newPage();
    const watch = watchPage(customer);
    const fetched: string[] = [];
    customer.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await customer.goto(`${server.url}/?transport=${transport}&locale=en&segment=private`);
    await customer.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = customer.locator('support-chat-host');
    const dialog = widget.getByRole('dialog');
    await widget.getByRole('button', { name: /open chat/i }).click();
    const console_ = await startShift();
    const opWatch = watchPage(console_);

    // The customer writes (with markup-looking text), asks for a person; Olga answers and closes.
    const composer = widget.locator('textarea');
    await composer.fill('My card <b>was</b> declined & "blocked"');
    await composer.press('Enter');
    await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
    await console_.locator('#list-waiting button').first().click({ timeout: 15_000 });
    await console_.getByRole('button', { name: 'Accept' }).click();
    await console_.fill('#composer-text', 'Hi, Olga here. Your card works again.');
    await console_.locator('#composer-send').click();
    await dialog.getByText('Hi, Olga here. Your card works again.').waitFor({ timeout: 15_000 });
    await console_.getByRole('button', { name: 'Close conversation' }).click();
    await dialog.getByText('How did we do?').waitFor({ timeout: 15_000 });

    // Stars are a radio group: choose 3, then the arrow key moves to 4.
    await widget.getByRole('radio', { name: '3 stars out of 5' }).check();
    await customer.keyboard.press('ArrowRight');
    await expect.poll(() => widget.getByRole('radio', { name: '4 stars out of 5' }).isChecked()).toBe(true);
    const comment = widget.getByLabel('Anything to add? (optional)');
    await comment.fill('Olga was quick & kind');
    if (shots) {
      await widget.locator('.sc-rating-actions').scrollIntoViewIfNeeded();
      await customer.screenshot({ path: join(shots, `ending-rating-comment-${width}x${height}.png`) });
    }
    expect(await widgetViolations(customer)).toEqual([]);
    await widget.getByRole('button', { name: 'Send rating' }).click();
    await dialog.getByText('Thank you for your feedback!').waitFor({ timeout: 10_000 });

    expect(await widgetViolations(customer)).toEqual([]);

    // The server stored the comment: the console shows it on the closed conversation.
    await expect.poll(() => console_.locator('#ctx-fields').innerText(), { timeout: 10_000 }).toContain('4/5 — Olga was quick & kind');

    // The customer saves the transcript, as text and as a web page; the writer is a stage file
    // fetched on the first click, not before.
    expect(fetched).not.toContain('/dist/support-chat.transcript.js');
    const txt = await downloadOf(customer, () => widget.getByRole('button', { name: 'Text (.txt)' }).click());
    expect(fetched.filter((p) => p === '/dist/support-chat.transcript.js')).toHaveLength(1);
    expect(txt.name).toMatch(/^chat-transcript-\d{4}-\d\d-\d\d-\d{4}\.txt$/);
    expect(txt.text).toMatch(/^Conversation transcript\nSaved: /);
    expect(txt.text).toMatch(/\] You:\n {2}My card <b>was<\/b> declined & "blocked"\n/);
    expect(txt.text).toMatch(/\] Olga:\n {2}Hi, Olga here\. Your card works again\.\n/);
    const html = await downloadOf(customer, () => widget.getByRole('button', { name: 'Web page (.html)' }).click());
    expect(html.name).toMatch(/\.html$/);
    expect(html.text).toContain('<meta charset="utf-8">');
    expect(html.text).toContain('My card &#60;b&#62;was&#60;/b&#62; declined &#38; &#34;blocked&#34;');
    expect(html.text).not.toMatch(/<script/i);
    if (shots) {
      await widget.locator('.sc-transcript').scrollIntoViewIfNeeded();
      await customer.screenshot({ path: join(shots, `ending-closed-download-${width}x${height}.png`) });
    }

    // The operator exports the same conversation, with the rating.
    await console_.selectOption('#export-format', 'html');
    const exported = await downloadOf(console_, () => console_.getByRole('button', { name: 'Export' }).click());
    expect(exported.name).toMatch(/^chat-transcript-.+\.html$/);
    expect(exported.text).toContain('<bdi class="who">Customer</bdi>');
    expect(exported.text).toContain('Rating: 4 out of 5 — Olga was quick &#38; kind');
    if (shots && width === 1280) await console_.screenshot({ path: join(shots, 'ending-console-export-1280x800.png') });

    expect(watch.errors).toEqual([]);
    expect(opWatch.errors).toEqual([]);
    await console_.context().close();
    await context.close();
  });
});
