/**
 * Multi-tab and connectivity in real Chromium: two pages of ONE browser context on the reference
 * rig.server. One WebSocket serves both tabs; a message sent in one shows once in the other; closing
 * the leader hands over within 5 s; going offline shows the status line and the queue is
 * delivered when the network is back.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { watchPage } from './helpers/browser';
import { useReferenceServerAndBrowser } from './helpers/setup';

const rig = useReferenceServerAndBrowser();

type Snapshot = { connection: string; network: string; unread: number; isOpen: boolean; texts: string[]; statuses: Record<string, string> };

/** Reads the widget's state in a page. */
function state(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const c = (window as unknown as { chat: { state: Record<string, { value: unknown }> } }).chat;
    const msgs = c.state.messages!.value as Array<{ clientId?: string; status: string; parts: Array<{ kind: string; text?: string }> }>;
    const texts = msgs.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
    const statuses: Record<string, string> = {};
    msgs.forEach((m, i) => {
      statuses[texts[i]!] = m.status;
    });
    return {
      connection: c.state.connection!.value as string,
      network: c.state.network!.value as string,
      unread: c.state.unread!.value as number,
      isOpen: c.state.isOpen!.value as boolean,
      texts,
      statuses,
    };
  });
}

const send = (page: Page, text: string) =>
  page.evaluate((t) => void (window as unknown as { chat: { send(t: string): unknown } }).chat.send(t), text);

/** Counts the chat WebSockets pages of this context open. */
function countSockets(_context: BrowserContext): { opened: () => number; open: () => number; watch(page: Page): void } {
  let opened = 0;
  let closed = 0;
  return {
    opened: () => opened,
    open: () => opened - closed,
    watch(page) {
      page.on('websocket', (ws) => {
        if (!ws.url().includes('/swp/v1/ws')) return;
        opened += 1;
        ws.on('close', () => (closed += 1));
      });
    },
  };
}

describe('multi-tab (one browser context, two tabs)', () => {
  it('shares one connection, syncs messages once, hands over on close, and recovers from offline', async () => {
    const context = await rig.browser.newContext();
    const sockets = countSockets(context);
    const url = `${rig.server.url}/fixtures/multi-tab.html`;

    const a = await context.newPage();
    sockets.watch(a);
    const watchA = watchPage(a);
    await a.goto(url);
    await expect.poll(async () => (await state(a)).connection, { timeout: 10_000 }).toBe('online');

    const b = await context.newPage();
    sockets.watch(b);
    const watchB = watchPage(b);
    await b.goto(url);
    await expect.poll(async () => (await state(b)).connection, { timeout: 10_000 }).toBe('online');
    await b.waitForTimeout(500);
    expect(sockets.opened()).toBe(1);

    // A message sent in tab B shows in tab A exactly once, and the bot's answer reaches both.
    await send(b, 'hello from tab B');
    await expect.poll(async () => (await state(b)).statuses['hello from tab B'], { timeout: 10_000 }).toBe('sent');
    await expect.poll(async () => (await state(a)).texts.filter((t) => t === 'hello from tab B').length, { timeout: 5000 }).toBe(1);
    await b.waitForTimeout(500);
    expect((await state(a)).texts.filter((t) => t === 'hello from tab B')).toHaveLength(1);
    expect((await state(b)).texts.filter((t) => t === 'hello from tab B')).toHaveLength(1);
    const botCount = async (p: Page) => (await state(p)).texts.length;
    await expect.poll(async () => (await botCount(a)) === (await botCount(b)), { timeout: 5000 }).toBe(true);

    // Unread counts agree (the dialog is closed in both), and reset everywhere once seen.
    await expect.poll(async () => (await state(a)).unread, { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await state(b)).unread === (await state(a)).unread, { timeout: 5000 }).toBe(true);
    expect(await a.title()).toMatch(/^\(\d+\) Multi-tab fixture$/);

    // Opening the dialog in one tab opens it in the other.
    await a.evaluate(() => (window as unknown as { chat: { open(): void } }).chat.open());
    await expect.poll(async () => (await state(b)).isOpen, { timeout: 5000 }).toBe(true);
    await expect.poll(async () => [(await state(a)).unread, (await state(b)).unread], { timeout: 5000 }).toEqual([0, 0]);
    expect(await b.title()).toBe('Multi-tab fixture');

    // Closing the leader tab: B takes over within 5 s and keeps chatting.
    const closedAt = Date.now();
    await a.close();
    await expect.poll(() => sockets.opened(), { timeout: 5000, interval: 100 }).toBe(2);
    await expect.poll(async () => (await state(b)).connection, { timeout: 5000, interval: 100 }).toBe('online');
    expect(Date.now() - closedAt).toBeLessThan(5000);
    await b.waitForTimeout(500);
    expect(sockets.opened()).toBe(2); // A's, then B's own: never two at once from B
    await send(b, 'after the handover');
    await expect.poll(async () => (await state(b)).statuses['after the handover'], { timeout: 10_000 }).toBe('sent');
    expect((await state(b)).texts.filter((t) => t === 'hello from tab B')).toHaveLength(1);

    // Offline: the status line says so at once, the composer still queues, and the queue goes out when back.
    await context.setOffline(true);
    await expect.poll(async () => (await state(b)).connection, { timeout: 1000, interval: 50 }).toBe('offline');
    const host = b.locator('support-chat-host');
    await expect.poll(() => host.getByText('Waiting for network…').count(), { timeout: 2000 }).toBeGreaterThan(0);
    await send(b, 'typed while offline');
    await b.waitForTimeout(300);
    expect((await state(b)).statuses['typed while offline']).toBe('queued');
    await context.setOffline(false);
    await expect.poll(async () => (await state(b)).statuses['typed while offline'], { timeout: 15_000 }).toBe('sent');
    expect((await state(b)).texts.filter((t) => t === 'typed while offline')).toHaveLength(1);
    expect((await state(b)).connection).toBe('online');

    expect(watchA.errors).toEqual([]);
    expect(watchB.errors).toEqual([]);
    await context.close();
  });
});
