// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import type { LivenessReason } from '../../src/core/transport';
import { watchConnectivity } from '../../src/embed/connectivity';
import { titleWithUnread, watchTitle } from '../../src/embed/title-badge';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';

const chats: Chat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
  vi.useRealTimers();
});

function make(): { chat: Chat; transport: MemoryTransport; checks: Array<LivenessReason | undefined> } {
  const transport = createMemoryTransport({ replyDelayMs: 0, bot: false });
  const checks: Array<LivenessReason | undefined> = [];
  const original = transport.checkAlive.bind(transport);
  transport.checkAlive = (reason) => {
    checks.push(reason);
    original(reason);
  };
  const chat = createChat({ transport, locale: 'en' });
  chats.push(chat);
  return { chat, transport, checks };
}

describe('watchConnectivity', () => {
  it('offline shows "waiting for network" and queues; online checks the connection and sends the queue', async () => {
    const { chat, transport, checks } = make();
    await chat.start();
    const stop = watchConnectivity(chat);
    window.dispatchEvent(new Event('offline'));
    expect(chat.state.connection.value).toBe('offline');
    const m = chat.send('typed while offline')!;
    await new Promise((r) => setTimeout(r, 20));
    expect(transport.sentMessages).toHaveLength(0);
    expect(chat.state.messages.value.find((x) => x.clientId === m.clientId)?.status).toBe('queued');
    window.dispatchEvent(new Event('online'));
    expect(checks).toEqual(['online']);
    await vi.waitFor(() => expect(transport.sentMessages.map((x) => x.clientId)).toEqual([m.clientId]));
    stop();
  });

  it('visible, bfcache restore and a wake from sleep each ask for a liveness check; a dropped connection comes back at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { chat, transport, checks } = make();
    const started = chat.start();
    await vi.advanceTimersByTimeAsync(10);
    await started;
    const stop = watchConnectivity(chat);
    transport.dropConnection({ reconnectAfterMs: 600_000 });
    expect(chat.state.connection.value).toBe('reconnecting');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toEqual(['visible']);
    expect(chat.state.connection.value).toBe('online');
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(checks).toEqual(['visible', 'pageshow']);
    // Normal ticking is no wake-up.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(checks).toHaveLength(2);
    // The laptop slept: the clock jumps 2 h between two ticks.
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(checks).toEqual(['visible', 'pageshow', 'wake']);
    const timersBefore = vi.getTimerCount();
    stop();
    expect(vi.getTimerCount()).toBe(timersBefore - 1); // the sleep detector's interval
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toHaveLength(3);
  });

  it('starts offline when the browser already is', () => {
    const { chat } = make();
    const stop = watchConnectivity(chat, { isOnline: () => false });
    expect(chat.state.network.value).toBe('offline');
    stop();
  });
});

describe('watchTitle', () => {
  it('prefixes the unread count, follows the host title, and never leaves the prefix behind', async () => {
    document.title = 'Shop';
    const { chat, transport } = make();
    chat.setPageVisible(false);
    await chat.start();
    // Engaged once (the bot's messages count from then on).
    chat.open();
    chat.close();
    const stop = watchTitle(chat, document);
    expect(document.title).toBe('Shop');
    transport.emitIncoming('one');
    transport.emitIncoming('two');
    expect(document.title).toBe('(2) Shop');
    document.title = 'Cart';
    await vi.waitFor(() => expect(document.title).toBe('(2) Cart'));
    chat.setPageVisible(true);
    chat.open();
    expect(document.title).toBe('Cart');
    chat.close();
    transport.emitIncoming('three');
    expect(document.title).toBe('(1) Cart');
    stop();
    expect(document.title).toBe('Cart');
    expect(titleWithUnread('x', 150)).toBe('(99+) x');
  });
});
