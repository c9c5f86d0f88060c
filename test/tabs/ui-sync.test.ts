import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { createLeaderElection, type LockManagerLike } from '../../src/tabs/leader';
import { createTabTransport } from '../../src/tabs/tab-transport';
import { createUiSync, type UiSync } from '../../src/tabs/ui-sync';
import { watchSound } from '../../src/embed/sound';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';
import { createLockManager, createTabChannels, settle, uniqueName } from './helpers';

interface Tab {
  chat: Chat;
  inner: MemoryTransport;
  sync: UiSync;
  visible: boolean;
  isLeader(): boolean;
  beeps: number;
  channels: ReturnType<typeof createTabChannels>;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A stand-in AudioContext that counts the beeps it is asked to play. */
function fakeAudio(onBeep: () => void): typeof AudioContext {
  const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    createOscillator() {
      return { type: 'sine', frequency: param, connect() {}, start: onBeep, stop() {} };
    }
    createGain() {
      return { gain: param, connect() {} };
    }
    resume() {
      return Promise.resolve();
    }
    close() {
      return Promise.resolve();
    }
  }
  return FakeAudioContext as unknown as typeof AudioContext;
}

async function openTab(name: string, locks: LockManagerLike, visible: boolean): Promise<Tab> {
  const channels = createTabChannels();
  const inner = createMemoryTransport({ replyDelayMs: 0, bot: false });
  const election = createLeaderElection(`${name}:leader`, { locks });
  const transport = createTabTransport(inner, { channelName: `${name}:tabs`, election, BroadcastChannel: channels.Channel });
  const chat = createChat({ transport, locale: 'en' });
  const tab = { chat, inner, visible, beeps: 0, channels } as Tab;
  tab.isLeader = () => election.isLeader;
  chat.setPageVisible(visible);
  tab.sync = createUiSync(chat, { channelName: `${name}:ui`, isPageVisible: () => tab.visible, BroadcastChannel: channels.Channel });
  const stopSound = watchSound(chat, {
    isPageVisible: () => tab.visible,
    isLeader: tab.isLeader,
    seenElsewhere: (id) => tab.sync.seenElsewhere(id),
    claimSound: (id) => tab.sync.claimSound(id),
    AudioContext: fakeAudio(() => (tab.beeps += 1)),
    leaderDelayMs: 100,
  });
  cleanup.push(async () => {
    stopSound();
    tab.sync.destroy();
    await chat.destroy();
  });
  await chat.start();
  return tab;
}

function setVisible(tab: Tab, visible: boolean) {
  tab.visible = visible;
  tab.chat.setPageVisible(visible);
}

describe('createUiSync', () => {
  it('opening or closing in one tab does the same in the others, without echo', async () => {
    const name = uniqueName('ui');
    const locks = createLockManager();
    const a = await openTab(name, locks, true);
    const b = await openTab(name, locks, false);
    const c = await openTab(name, locks, false);
    const events: string[] = [];
    for (const [label, t] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      t.chat.on('open', (e) => events.push(`${label}:open:${e.source}`));
      t.chat.on('close', (e) => events.push(`${label}:close:${e.source}`));
    }
    a.chat.open('user');
    await vi.waitFor(() => expect([b, c].map((t) => t.chat.state.isOpen.value)).toEqual([true, true]));
    b.chat.close('user');
    await vi.waitFor(() => expect([a, c].map((t) => t.chat.state.isOpen.value)).toEqual([false, false]));
    await settle(30);
    expect(events.sort()).toEqual(['a:close:api', 'a:open:user', 'b:close:user', 'b:open:api', 'c:close:api', 'c:open:api']);
  });

  it('a tab that opens later joins an open dialog', async () => {
    const name = uniqueName('ui');
    const locks = createLockManager();
    const a = await openTab(name, locks, true);
    a.chat.open('user');
    const b = await openTab(name, locks, true);
    await vi.waitFor(() => expect(b.chat.state.isOpen.value).toBe(true));
  });

  it('unread is the same in every tab: a message seen in one tab is not unread in the others', async () => {
    const name = uniqueName('ui');
    const locks = createLockManager();
    const a = await openTab(name, locks, false);
    const b = await openTab(name, locks, false);
    a.inner.emitIncoming({ from: 'operator', text: 'first' });
    a.inner.emitIncoming({ from: 'operator', text: 'second' });
    await vi.waitFor(() => expect([a, b].map((t) => t.chat.state.unread.value)).toEqual([2, 2]));
    // The user opens the chat in tab B and looks at it.
    setVisible(b, true);
    b.chat.open('user');
    await vi.waitFor(() => expect([a, b].map((t) => t.chat.state.unread.value)).toEqual([0, 0]));
    // While B shows the dialog, new messages are unread nowhere.
    setVisible(a, false);
    a.inner.emitIncoming({ from: 'operator', text: 'third' });
    await vi.waitFor(() => expect(a.chat.state.messages.value).toHaveLength(3));
    await vi.waitFor(() => expect(a.chat.state.unread.value).toBe(0));
    expect(b.chat.state.unread.value).toBe(0);
  });
});

describe('unread in a tab that opens later', () => {
  it('adopts the count of the tabs already open', async () => {
    const name = uniqueName('ui');
    const locks = createLockManager();
    const a = await openTab(name, locks, false);
    a.inner.emitIncoming({ from: 'operator', text: 'one' });
    a.inner.emitIncoming({ from: 'operator', text: 'two' });
    expect(a.chat.state.unread.value).toBe(2);
    const b = await openTab(name, locks, false);
    await vi.waitFor(() => expect(b.chat.state.messages.value).toHaveLength(2));
    await vi.waitFor(() => expect(b.chat.state.unread.value).toBe(2));
    a.inner.emitIncoming({ from: 'operator', text: 'three' });
    await vi.waitFor(() => expect([a.chat.state.unread.value, b.chat.state.unread.value]).toEqual([3, 3]));
  });
});

describe('sound across tabs', () => {
  it('plays once per message: in the visible tab when one is, else in the leader; never when seen', async () => {
    const name = uniqueName('snd');
    const locks = createLockManager();
    const a = await openTab(name, locks, false); // leader, hidden
    const b = await openTab(name, locks, true); // visible, dialog closed
    const c = await openTab(name, locks, false);
    expect(a.isLeader()).toBe(true);
    const total = () => a.beeps + b.beeps + c.beeps;

    a.inner.emitIncoming('one');
    await vi.waitFor(() => expect(c.chat.state.messages.value).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 250));
    expect([a.beeps, b.beeps, c.beeps]).toEqual([0, 1, 0]);

    // Nobody looking: the leader plays it.
    setVisible(b, false);
    await new Promise((r) => setTimeout(r, 1600)); // past the burst gap
    a.inner.emitIncoming('two');
    await vi.waitFor(() => expect(total()).toBe(2));
    await new Promise((r) => setTimeout(r, 250));
    expect([a.beeps, b.beeps, c.beeps]).toEqual([1, 1, 0]);

    // Seen in tab C (open and visible): silence everywhere.
    setVisible(c, true);
    c.chat.open('user');
    await vi.waitFor(() => expect(a.chat.state.isOpen.value).toBe(true));
    await new Promise((r) => setTimeout(r, 1600));
    a.inner.emitIncoming('three');
    await vi.waitFor(() => expect(b.chat.state.messages.value).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(total()).toBe(2);
  });
});
