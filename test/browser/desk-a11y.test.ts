/**
 * axe-core in real Chromium on the operator console (issue 10 item 7): the sign-in page, the queue
 * with rows, and a conversation open with an internal note and the canned-reply list showing; also
 * the help dialog, an earlier conversation opened read-only; at desktop and phone width, in English and Russian. axe is injected through the
 * debugger protocol (the console's CSP forbids inline scripts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { connectOperator } from '../helpers/operator-client';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';
import { deskServer, SHOTS, shoot, waitingCustomer } from './helpers/desk-rig';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  server = await deskServer();
  browser = await launchBrowser();
  const sue = await connectOperator(server.url, 'Sue', { role: 'supervisor' });
  await sue.request({ t: 'desk.canned.save', shortcut: 'hello', title: 'Greeting', body: 'Hello {name}, I am {operator}.' });
  await sue.request({ t: 'desk.canned.save', shortcut: 'help', title: 'Anything else', body: 'Can I help with anything else?' });
  await sue.disconnect();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

describe.each([
  { width: 1280, height: 800, lang: 'en' },
  { width: 390, height: 844, lang: 'ru' },
])('axe on the console ($width px, $lang)', ({ width, height, lang }) => {
  it('finds nothing on the sign-in page, the queue, an open conversation with a note and canned replies, the help', async () => {
    await waitingCustomer(server, undefined, ['My card was declined', 'a person please']);
    await waitingCustomer(server, undefined, ['Where is my transfer?', 'a person please']);
    await waitingCustomer(server, 'Ann', ['Someone stole money from my card']);
    const page = await browser.newPage({ viewport: { width, height } });
    page.setDefaultTimeout(45_000); // 2 shared cores: generous
    const { errors } = watchPage(page);
    await page.goto(`${server.consoleUrl}?lang=${lang}`);
    expect(await violations(page)).toEqual([]);

    await startShift(page, `${server.consoleUrl}?lang=${lang}`, { name: `Anna ${lang}` });
    await page.locator('#list-waiting button').nth(2).waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);

    await page.locator('#list-waiting button').first().click();
    await page.locator('#btn-accept:not([disabled])').click();
    await page.locator('#composer-text:not([disabled])').waitFor();
    await page.fill('#note-text', 'Checked the last payments: none to this payee before');
    await page.locator('#note-add').click();
    await page.locator('#transcript .msg-note').waitFor();
    await page.locator('#composer-text').pressSequentially('/he');
    await page.locator('#canned-list [role="option"]').nth(1).waitFor();
    expect(await violations(page)).toEqual([]);
    await shoot(page, `desk-a11y-${lang}`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // no sideways scrolling on a phone
    await page.setViewportSize({ width, height });

    await page.keyboard.press('Escape');
    await page.locator('#composer-text').fill('');
    await page.locator('#empty, #transcript').first().focus();
    await page.keyboard.press('Escape');
    await page.locator('#transcript').focus();
    await page.keyboard.press('?');
    await page.locator('#help-dialog[open]').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/desk-help-${lang}.png` });

    // One of the customer's earlier conversations, opened read-only.
    await page.keyboard.press('Escape');
    const old = await waitingCustomer(server, `Olga ${lang}`, ['Question about my statement', 'a person please']);
    const op = await connectOperator(server.url, `Closer ${lang}`);
    await op.waitForQueue((q) => q.waiting.some((i) => i.conversationId === old.id));
    await op.accept(old.id);
    await op.close(old.id);
    await op.disconnect();
    await waitingCustomer(server, `Olga ${lang}`, ['Back again', 'a person please'], {
      token: old.token,
      open: { new: true, channel: 'support' },
    });
    await page.locator('#list-waiting button', { hasText: `Olga ${lang}` }).click();
    await expect.poll(() => page.locator('#past-count').textContent(), { timeout: 15_000 }).toBe('1');
    await page.locator('#ctx-past summary').click();
    await page.locator('#past-list button').click();
    await page.locator('#past-dialog[open] #past-transcript').getByText('Question about my statement').waitFor();
    expect(await page.locator('#past-dialog textarea, #past-dialog input').count()).toBe(0); // read-only
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
