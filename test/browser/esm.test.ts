/**
 * The npm (ESM) path end to end: an app imports dist/support-chat.js (dependencies resolved through
 * an import map to the real packages), creates a widget with createSupportChat, and a person chats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage } from './helpers/browser';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('ESM build (dist/support-chat.js)', () => {
  it('createSupportChat mounts, chats with the bot, emits typed events, and destroy() leaves nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page);
    await page.goto(`${server.url}/test/browser/fixtures/esm.html`);
    await page.waitForFunction(() => !!(window as unknown as { __chat?: unknown }).__chat);
    expect(await page.evaluate(() => (window as unknown as { __version: string }).__version)).toMatch(/^\d+\.\d+\.\d+/);

    await openAndSend(page, 'hello');
    await expect.poll(() => botRepliesAfter(page, 'hello', 'window.__chat'), { timeout: 10_000 }).toBeGreaterThan(0);

    const types = await page.evaluate(() => (window as unknown as { __events: Array<{ type: string }> }).__events.map((e) => e.type));
    expect(types).toEqual(expect.arrayContaining(['ready', 'open', 'message', 'status']));

    await page.evaluate(() => (window as unknown as { __chat: { destroy(): Promise<void> } }).__chat.destroy());
    expect(await page.locator('support-chat-host').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
