/**
 * The script-tag path end to end: a plain HTML page includes the built IIFE (stage 0) with data
 * attributes; the engine comes when the person reaches for the bubble, they click it, type, and
 * see the bot answer.
 */
import { describe, expect, it } from 'vitest';
import { watchPage } from './helpers/browser';
import { usePagesAndBrowser } from './helpers/setup';
import { botRepliesAfter, openAndSend } from './helpers/chat-page';

const rig = usePagesAndBrowser();

describe('script tag (dist/support-chat.iife.js)', () => {
  it('exposes window.SupportChat and starts a widget from data attributes alone', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${rig.server.url}/test/browser/fixtures/iife.html`);
    // Stage 0: the command function and its queue, no engine yet.
    const before = await page.evaluate(() => {
      const g = (window as unknown as { SupportChat: Record<string, unknown> }).SupportChat;
      return {
        type: typeof g,
        instance: g.instance,
        create: typeof g.createSupportChat,
        hosts: document.querySelectorAll('support-chat-host').length,
      };
    });
    expect(before).toEqual({ type: 'function', instance: null, create: 'undefined', hosts: 1 });
    await page.locator('support-chat-host').getByRole('button', { name: 'Open chat' }).hover();
    await page.waitForFunction(() => !!(window as unknown as { SupportChat: { instance: unknown } }).SupportChat.instance);
    const api = await page.evaluate(() => {
      const g = (window as unknown as { SupportChat: Record<string, unknown> }).SupportChat;
      return {
        keys: Object.keys(g).sort(),
        hasInstance: !!(g.instance as object | null),
        hosts: document.querySelectorAll('support-chat-host').length,
        shadow: !!document.querySelector('support-chat-host')?.shadowRoot,
      };
    });
    expect(api.keys).toEqual(
      expect.arrayContaining(['createSupportChat', 'createMemoryTransport', 'createWebSocketTransport', 'createHttpTransport', 'instance']),
    );
    expect(api.hasInstance).toBe(true);
    expect(api.hosts).toBe(1);
    expect(api.shadow).toBe(true);
    // Nothing leaks onto the host page: no stylesheet or global besides SupportChat.
    expect(await page.evaluate(() => document.head.querySelectorAll('style').length)).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('click the bubble, type, and see the bot reply', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const watch = watchPage(page);
    await page.goto(`${rig.server.url}/test/browser/fixtures/iife.html`);
    await openAndSend(page, 'I lost my card');
    await expect.poll(() => botRepliesAfter(page, 'I lost my card'), { timeout: 10_000 }).toBeGreaterThan(0);
    // The reply is on screen, inside the shadow root.
    const lastBotText = await page.evaluate(() => {
      const g = (
        window as unknown as {
          SupportChat: {
            instance: { state: { messages: { value: Array<{ from: { role: string }; parts: Array<{ kind: string; text?: string }> }> } } };
          };
        }
      ).SupportChat;
      const msgs = g.instance.state.messages.value;
      const last = [...msgs].reverse().find((m) => m.from.role !== 'user' && m.parts.some((p) => p.kind === 'text'));
      return last?.parts.find((p) => p.kind === 'text')?.text ?? '';
    });
    expect(lastBotText.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('support-chat-host').getByText(lastBotText.slice(0, 30), { exact: false }).first().isVisible())
      .toBe(true);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
