// @vitest-environment happy-dom
/**
 * The embed wiring of "closed tabs lose nothing": a widget adopts another tab's unsent messages
 * when that tab says goodbye on the UI channel, when the leader lock passes to it, and on a slow
 * timer; `destroy()` stops all of it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupportChat } from '../../src/embed/create-support-chat';
import { storageNamespace } from '../../src/embed/mount-support-chat';
import { ADOPT_AGAIN_MS, ADOPT_INTERVAL_MS, watchUnsent } from '../../src/embed/adopt-unsent';
import { createMemoryTransport } from '../../src/transports/memory';
import { createChat, type Chat } from '../../src/core/chat';
import { createUiSync } from '../../src/tabs/ui-sync';
import type { LeaderElection } from '../../src/tabs/leader';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  localStorage.clear();
});

/** A chat stand-in that counts adoptUnsent() calls. */
function countingChat(): Chat & { calls: number } {
  const c = { calls: 0, destroyed: false, adoptUnsent: async () => void (c.calls += 1) };
  return c as unknown as Chat & { calls: number };
}

/** An election whose leadership the test hands over. */
function fakeElection(): LeaderElection & { become(leader: boolean): void } {
  const listeners = new Set<(l: boolean) => void>();
  return {
    tabId: 't',
    mode: 'locks',
    isLeader: false,
    onChange: (l) => (listeners.add(l), () => void listeners.delete(l)),
    destroy: () => undefined,
    become: (leader) => {
      for (const l of listeners) l(leader);
    },
  };
}

describe('watchUnsent', () => {
  it('looks on a timer, twice after a goodbye, when leadership arrives; stop() ends every timer', () => {
    vi.useFakeTimers();
    const chat = countingChat();
    const election = fakeElection();
    const watch = watchUnsent(chat, election);
    vi.advanceTimersByTime(ADOPT_INTERVAL_MS * 2);
    expect(chat.calls).toBe(2);
    watch.soon();
    expect(chat.calls).toBe(3);
    vi.advanceTimersByTime(ADOPT_AGAIN_MS);
    expect(chat.calls).toBe(4);
    election.become(false);
    expect(chat.calls).toBe(4);
    election.become(true);
    expect(chat.calls).toBe(5);
    watch.soon();
    watch.stop();
    const before = chat.calls;
    vi.advanceTimersByTime(ADOPT_INTERVAL_MS * 4);
    election.become(true);
    watch.soon();
    expect(chat.calls).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a destroyed chat is left alone', () => {
    vi.useFakeTimers();
    const chat = countingChat();
    (chat as { destroyed: boolean }).destroyed = true;
    const watch = watchUnsent(chat, null);
    vi.advanceTimersByTime(ADOPT_INTERVAL_MS * 3);
    watch.soon();
    expect(chat.calls).toBe(0);
    watch.stop();
  });
});

describe('ui-sync goodbye', () => {
  it('leaving() and destroy() tell the other tabs; a tab never hears its own goodbye', async () => {
    const name = `ui-bye-${Math.random()}`;
    const heard = { a: 0, b: 0 };
    const chatA = createChat({ transport: createMemoryTransport({ bot: false }), locale: 'en' });
    const chatB = createChat({ transport: createMemoryTransport({ bot: false }), locale: 'en' });
    const a = createUiSync(chatA, { channelName: name, isPageVisible: () => true, onPeerLeaving: () => void (heard.a += 1) });
    const b = createUiSync(chatB, { channelName: name, isPageVisible: () => true, onPeerLeaving: () => void (heard.b += 1) });
    b.leaving();
    await vi.waitFor(() => expect(heard.a).toBe(1));
    b.destroy();
    await vi.waitFor(() => expect(heard.a).toBe(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(heard.b).toBe(0);
    a.destroy();
    await Promise.all([chatA.destroy(), chatB.destroy()]);
  });
});

describe('createSupportChat adopts what a closed tab left', () => {
  it("on a peer's goodbye it shows and sends the other tab's journaled message; destroy() stops looking", async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0, bot: false });
    const widget = createSupportChat({ transport, locale: 'en', storage: 'localstorage' });
    await vi.waitFor(() => expect(widget.state.connection.value).toBe('online'));
    const adopt = vi.spyOn(widget.chat, 'adoptUnsent');

    // What another tab of this chat staged before it closed (same origin, same namespace).
    const ns = storageNamespace({ id: 'default', user: {} }, location.host);
    const clientId = 'c_from_the_closed_tab';
    const message = {
      id: clientId,
      clientId,
      from: { id: 'me', role: 'user' },
      parts: [{ kind: 'text', text: 'left behind' }],
      createdAt: new Date().toISOString(),
      status: 'queued',
    };
    localStorage.setItem(`${ns}:unsent:${clientId}`, JSON.stringify({ v: 1, n: 1, message }));

    const peer = new BroadcastChannel(`${ns}:ui`);
    peer.postMessage({ t: 'bye' });
    await vi.waitFor(() => expect(adopt).toHaveBeenCalled(), { timeout: 2000 });
    await vi.waitFor(
      () =>
        expect(widget.state.messages.value.filter((m) => m.clientId === clientId).map((m) => m.status)).toEqual([
          expect.stringMatching(/sent|delivered|read/),
        ]),
      { timeout: 5000 },
    );
    // Saved into the main store, so the journal entry is gone.
    await widget.chat.flush();
    await vi.waitFor(() => expect(localStorage.getItem(`${ns}:unsent:${clientId}`)).toBeNull(), { timeout: 5000 });

    await widget.destroy();
    const calls = adopt.mock.calls.length;
    peer.postMessage({ t: 'bye' });
    await new Promise((r) => setTimeout(r, 200));
    expect(adopt.mock.calls.length).toBe(calls);
    peer.close();
  });
});
