/**
 * The npm (ESM) path end to end: an app imports dist/support-chat.js (dependencies resolved through
 * an import map to the real packages), creates a widget with createSupportChat, and a person chats.
 */
import { describe, expect, it } from 'vitest';
import { watchPage } from './helpers/browser';
import { usePagesAndBrowser } from './helpers/setup';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';

const rig = usePagesAndBrowser();

describe('ESM build (dist/support-chat.js)', () => {
  it('createSupportChat mounts, chats with the bot, emits typed events, and destroy() leaves nothing', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page);
    await page.goto(`${rig.server.url}/test/browser/fixtures/esm.html`);
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
