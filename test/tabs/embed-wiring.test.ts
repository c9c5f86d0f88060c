// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupportChat } from '../../src/embed/create-support-chat';
import { createMemoryTransport } from '../../src/transports/memory';

const RealChannel = globalThis.BroadcastChannel;
afterEach(() => {
  globalThis.BroadcastChannel = RealChannel;
  vi.restoreAllMocks();
});

describe('createSupportChat with multi-tab, title and sound', () => {
  it('destroy() closes every channel, removes every listener and restores the title', async () => {
    const open = new Set<BroadcastChannel>();
    globalThis.BroadcastChannel = class extends RealChannel {
      constructor(name: string) {
        super(name);
        open.add(this);
      }
      override close() {
        open.delete(this);
        super.close();
      }
    };
    const added: string[] = [];
    const removed: string[] = [];
    for (const target of [window, document]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation(
        (type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) => {
          added.push(type);
          add(type, fn, o);
        },
      );
      vi.spyOn(target, 'removeEventListener').mockImplementation(
        (type: string, fn: EventListenerOrEventListenerObject, o?: boolean | EventListenerOptions) => {
          removed.push(type);
          remove(type, fn, o);
        },
      );
    }
    document.title = 'Host page';
    document.dispatchEvent(new Event('visibilitychange'));
    const transport = createMemoryTransport({ replyDelayMs: 0, bot: false });
    const chat = createSupportChat({ transport, locale: 'en', titleUnread: true, sound: true, storage: 'memory' });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    expect(open.size).toBeGreaterThanOrEqual(2); // the tabs channel and the UI channel (and the election's)
    transport.emitIncoming({ from: 'operator', text: 'hello' }); // a bot's message before the visitor engages is not unread
    expect(document.title).toBe('(1) Host page');
    window.dispatchEvent(new Event('offline'));
    expect(chat.state.connection.value).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(chat.state.connection.value).toBe('online');
    await chat.destroy();
    expect(open.size).toBe(0);
    expect(document.title).toBe('Host page');
    for (const type of ['online', 'offline', 'pageshow', 'pagehide', 'visibilitychange', 'pointerdown', 'keydown']) {
      const adds = added.filter((t) => t === type).length;
      expect(adds, type).toBeGreaterThan(0);
      expect(removed.filter((t) => t === type).length, type).toBeGreaterThanOrEqual(adds);
    }
  });
});
