/**
 * The README's command-queue snippet, verbatim (only its two example URLs pointed at this test's
 * server), in real Chromium: calls made before the script arrives are replayed in order, a second
 * snippet and a second boot change nothing, `SupportChat.ready` and a late `ready` listener work,
 * and `support-chat:ready` reaches a page script that runs after the script tag. The script is
 * stage 0: queued commands other than `on`/`off` bring the engine in; a boot alone draws the
 * launcher and the engine comes on the visitor's intent.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { hostPage, readmeSnippet, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();

/** The README snippet with its CDN and chat server URLs pointed here. */
function snippet(): string {
  const text = readmeSnippet();
  expect(new TextEncoder().encode(text).length).toBeLessThan(600);
  const ws = rig.wsUrl;
  return text
    .replace('https://your-cdn.example/support-chat.iife.js', '/dist/support-chat.iife.js')
    .replace('wss://chat.example.com/swp/v1/ws', ws);
}

/** WebSocket connections the page opened to the chat server, and how many are still open. */
function countSockets(page: Page): { opened: number; open: number } {
  const n = { opened: 0, open: 0 };
  page.on('websocket', (ws) => {
    n.opened++;
    n.open++;
    ws.on('close', () => n.open--);
  });
  return n;
}

type Win = {
  SupportChat: ((...args: unknown[]) => unknown) & {
    ready: Promise<unknown>;
    instance: {
      state: { isOpen: { value: boolean }; messages: { value: Array<{ from: { role: string }; parts: Array<{ text?: string }> }> } };
    };
  };
  __log: string[];
};

describe('the README snippet', () => {
  it('queues calls before the script arrives and replays them in order', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const sockets = countSockets(page);
    const queued = `<script>
      window.__log = [];
      SupportChat('on', 'message', function (m) { __log.push('message:' + m.from.role); });
      SupportChat('open');
      SupportChat('send', 'queued before the script');
      __log.push('stub:' + (typeof SupportChat.ready.then) + ':' + SupportChat.q.length);
      document.addEventListener('support-chat:ready', function (e) { __log.push('dom-ready:' + (e.detail === SupportChat.instance)); });
    </script>`;
    await page.goto(rig.page('snippet', hostPage(`<h1>Shop</h1>${snippet()}${queued}`)));
    await page.waitForFunction(() => !!(window as unknown as Win).SupportChat.instance);
    const log = () => page.evaluate(() => (window as unknown as Win).__log);
    // Before the script: the stub queued boot, on, open, send (the snippet's own boot first).
    await expect.poll(log).toContain('stub:function:4');
    // The listener queued before the send hears the bot's answer to it.
    await expect.poll(log, { timeout: 15_000 }).toContain('message:bot');
    await expect.poll(log).toContain('dom-ready:true');
    expect(await page.evaluate(() => (window as unknown as Win).SupportChat.instance.state.isOpen.value)).toBe(true);
    const composer = page.locator('support-chat-host').locator('textarea');
    await composer.waitFor({ state: 'visible' });
    // The bot answers the replayed message over the one connection.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const msgs = (window as unknown as Win).SupportChat.instance.state.messages.value;
            const at = msgs.findIndex((m) => m.parts[0]?.text === 'queued before the script');
            return at >= 0 && msgs.slice(at + 1).some((m) => m.from.role !== 'user');
          }),
        { timeout: 15_000 },
      )
      .toBe(true);
    // ready: the promise resolves to the widget; a ready listener added late is called at once.
    const late = await page.evaluate(async () => {
      const w = window as unknown as Win;
      const chat = await w.SupportChat.ready;
      let called = false;
      w.SupportChat('on', 'ready', () => {
        called = true;
      });
      return { same: chat === w.SupportChat.instance, called };
    });
    expect(late).toEqual({ same: true, called: true });
    expect(sockets.opened).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('pasted twice, with two boots: one script, one widget, one connection', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const sockets = countSockets(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('support-chat.iife.js')) scripts.push(r.url());
    });
    await page.goto(rig.page('twice', hostPage(`${snippet()}<p>Another part of the page pastes it again:</p>${snippet()}`)));
    // Only a boot is queued: stage 0 draws the launcher; the engine comes when the visitor reaches for it.
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .hover();
    await page.waitForFunction(() => !!(window as unknown as Win).SupportChat.instance);
    await expect.poll(() => page.evaluate(() => (window as unknown as Win).SupportChat.instance && document.readyState)).toBe('complete');
    await page
      .locator('support-chat-host')
      .getByRole('button', { name: /open chat/i })
      .waitFor({ state: 'visible' });
    await expect.poll(() => sockets.open, { timeout: 10_000 }).toBe(1);
    // A boot after the script is there is harmless too; so is a second copy of the script.
    await page.evaluate(() => {
      const w = window as unknown as Win;
      w.SupportChat('boot', { transport: 'memory' });
      const s = document.createElement('script');
      s.src = '/dist/support-chat.iife.js';
      document.head.append(s);
      return new Promise((ok) => (s.onload = ok));
    });
    expect(await page.evaluate(() => document.querySelectorAll('support-chat-host').length)).toBe(1);
    expect(await page.evaluate(() => typeof (window as unknown as Win).SupportChat === 'function')).toBe(true);
    await page.evaluate(() => (window as unknown as Win).SupportChat('open'));
    await page.locator('support-chat-host').locator('textarea').waitFor({ state: 'visible' });
    expect(scripts).toHaveLength(2);
    expect(sockets.opened).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('a plain script tag: support-chat:ready reaches a page script that runs after it', async () => {
    const page = await rig.browser.newPage();
    const watch = watchPage(page);
    const body = `<script src="/dist/support-chat.iife.js" data-transport="memory" data-locale="en"></script>
      <script>window.__log = []; window.addEventListener('support-chat:ready', function (e) { __log.push('ready:' + !!e.detail.getState); });</script>`;
    await page.goto(rig.page('late-listener', hostPage(body)));
    expect(await page.evaluate(() => (window as unknown as Win).__log)).toEqual([]);
    await page.locator('support-chat-host').getByRole('button', { name: 'Open chat' }).hover();
    await expect.poll(() => page.evaluate(() => (window as unknown as Win).__log)).toEqual(['ready:true']);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
