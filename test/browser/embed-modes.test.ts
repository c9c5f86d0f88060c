/**
 * Embedding modes in real Chromium: a framework's double mount (React StrictMode without React:
 * create, destroy, create at once) leaves one working widget with multi-tab on; your own launcher
 * (ours hidden, focus back to your button); inline mode; and a failed message that passes axe's
 * colour-contrast rule.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Chat = {
  send(text: string): unknown;
  getState(): { isOpen: boolean; inline: boolean; launcher: boolean };
  state: { messages: { value: Array<{ status?: string; from: { role: string }; parts: Array<{ text?: string }> }> } };
  chat: { transport: { isLeader?: boolean } };
};
type Win = { chat: Chat; made: number };

/** WCAG contrast ratio of two opaque `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const texts = (page: Page) =>
  page.evaluate(() => (window as unknown as Win).chat.state.messages.value.map((m) => `${m.from.role}:${m.parts[0]?.text ?? ''}`));

describe('embedding modes', () => {
  it("StrictMode's double mount: one widget, one connection, multi-tab on", async () => {
    const context = await rig.browser.newContext();
    const sockets = { open: 0 };
    context.on('page', (p) =>
      p.on('websocket', (ws) => {
        sockets.open++;
        ws.on('close', () => sockets.open--);
      }),
    );
    // Like a component: create in an effect with a transport factory, destroy in its cleanup.
    const script = `<script src="/dist/support-chat.engine.js"></script><script>
      window.made = 0;
      const options = { transport: () => (made++, SupportChat.createWebSocketTransport({ url: ${JSON.stringify(rig.wsUrl)} })), locale: 'en' };
      const first = SupportChat.createSupportChat(options);
      first.destroy();
      window.chat = SupportChat.createSupportChat(options);
    </script>`;
    const url = rig.page('strict-mode', hostPage(script));
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(url);
    expect(await page.evaluate(() => document.querySelectorAll('support-chat-host').length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as Win).made)).toBe(2);
    await expect.poll(() => page.evaluate(() => (window as unknown as Win).chat.chat.transport.isLeader), { timeout: 15_000 }).toBe(true);
    // A second tab shares the first tab's connection and sees what it sends.
    const other = await context.newPage();
    await other.goto(url);
    await expect.poll(() => other.evaluate(() => (window as unknown as Win).chat.chat.transport.isLeader)).toBe(false);
    await page.evaluate(() => (window as unknown as Win).chat.send('sent after a remount'));
    await expect.poll(() => texts(other), { timeout: 15_000 }).toContain('user:sent after a remount');
    await expect.poll(async () => (await texts(page)).filter((t) => t.startsWith('bot:')).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => sockets.open, { timeout: 15_000 }).toBe(1);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('your own launcher: ours hidden, the dialog opens from your button and gives focus back', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const body = `<button id="help">Help</button><script src="/dist/support-chat.engine.js"></script><script>
      window.chat = SupportChat.createSupportChat({ transport: () => SupportChat.createMemoryTransport(), locale: 'en', launcher: false });
      document.getElementById('help').addEventListener('click', () => chat.toggle());
    </script>`;
    await page.goto(rig.page('own-launcher', hostPage(body)));
    const host = page.locator('support-chat-host');
    await host.locator('.sc-root').waitFor({ state: 'attached' });
    expect(await host.locator('.sc-launcher').isVisible()).toBe(false);
    await page.locator('#help').click();
    await host.locator('textarea').waitFor({ state: 'visible' });
    await host.locator('textarea').press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('help');
    await page.evaluate(() => (window as unknown as { chat: { show(): void } }).chat.show());
    await expect.poll(() => host.locator('.sc-launcher').isVisible()).toBe(true);
    await page.close();
  });

  it('inline mode: the dialog fills its element, nothing floats, nothing closes', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const watch = watchPage(page);
    const body = `<h1>Help centre</h1><div id="pane" style="width: 420px; height: 560px; margin: 40px"></div>
      <script src="/dist/support-chat.engine.js"></script><script>
      window.chat = SupportChat.createSupportChat({ transport: () => SupportChat.createMemoryTransport(), locale: 'en', inline: document.getElementById('pane') });
    </script>`;
    await page.goto(rig.page('inline', hostPage(body)));
    const host = page.locator('support-chat-host');
    await host.locator('textarea').waitFor({ state: 'visible' });
    const pane = (await page.locator('#pane').boundingBox())!;
    const dialog = (await host.getByRole('dialog').boundingBox())!;
    expect(dialog).toEqual(pane);
    expect(await host.getByRole('dialog').getAttribute('aria-modal')).toBeNull();
    expect(await host.locator('.sc-launcher').isVisible()).toBe(false);
    expect(await host.locator('.sc-header-close').isVisible()).toBe(false);
    await host.locator('textarea').press('Escape');
    expect(await page.evaluate(() => (window as unknown as Win).chat.getState())).toMatchObject({ isOpen: true, inline: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await host.getByRole('dialog').getAttribute('aria-modal')).toBeNull();
    await page.screenshot({ path: `${process.env.SC_SHOTS ?? '/tmp/support-chat-shots'}/inline.png` });
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('a failed message keeps the contrast of its text (axe color-contrast)', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const body = `<script src="/dist/support-chat.engine.js"></script><script>
      const transport = SupportChat.createMemoryTransport();
      window.ready = transport.load().then((real) => real.failNextSend({ code: 'invalid', retryable: false }));
      window.chat = SupportChat.createSupportChat({ transport, locale: 'en', open: true, multiTab: false });
    </script>`;
    await page.goto(rig.page('failed', hostPage(body)));
    await page.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
    const host = page.locator('support-chat-host');
    await host.locator('textarea').waitFor({ state: 'visible' });
    await host.locator('textarea').fill('This one will fail');
    await host.locator('textarea').press('Enter');
    await host.locator('.sc-msg--failed').waitFor({ state: 'visible' });
    // The colours as painted: the bubble's text over its background, through every opacity above it.
    const painted = await page.evaluate(() => {
      const bubble = document.querySelector('support-chat-host')!.shadowRoot!.querySelector('.sc-msg--failed .sc-bubble') as HTMLElement;
      let opacity = 1;
      for (let el: Element | null = bubble; el; el = el.parentElement) opacity *= Number(getComputedStyle(el).opacity);
      return { color: getComputedStyle(bubble).color, background: getComputedStyle(bubble).backgroundColor, opacity };
    });
    expect(painted.opacity).toBe(1);
    expect(contrast(painted.color, painted.background)).toBeGreaterThanOrEqual(4.5);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
