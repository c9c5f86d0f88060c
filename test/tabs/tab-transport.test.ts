import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { isTransportError } from '../../src/core/errors';
import type { ConnectContext, Transport } from '../../src/core/transport';
import { createLeaderElection, type LockManagerLike } from '../../src/tabs/leader';
import { createTabTransport } from '../../src/tabs/tab-transport';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';
import { createLockManager, createTabChannels, settle, uniqueName } from './helpers';

interface Tab {
  inner: MemoryTransport;
  transport: Transport & { isLeader?: boolean };
  chat: Chat;
  channels: ReturnType<typeof createTabChannels>;
  connects: ConnectContext[];
}

// Generous: on a busy machine (CI, parallel helpers) a hand-over can take well over vitest's 1 s default.
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  vi.useRealTimers();
});

function openTab(name: string, locks: LockManagerLike, options: { open?: boolean; callTimeoutMs?: number } = {}): Tab {
  const channels = createTabChannels();
  const inner = createMemoryTransport({ replyDelayMs: 0, bot: false });
  const connects: ConnectContext[] = [];
  const connect = inner.connect.bind(inner);
  inner.connect = (ctx) => {
    connects.push(ctx);
    return connect(ctx);
  };
  const election = createLeaderElection(`${name}:leader`, { locks });
  const transport = createTabTransport(inner, {
    channelName: name,
    election,
    BroadcastChannel: channels.Channel,
    ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
  });
  const chat = createChat({ transport, locale: 'en', open: options.open ?? false });
  cleanup.push(() => chat.destroy());
  return { inner, transport, chat, channels, connects };
}

const texts = (chat: Chat) => chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));

describe('createTabTransport', () => {
  it('only the leader connects; a follower send reaches the leader transport once and shows in both tabs once', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    await a.chat.start();
    const b = openTab(name, locks);
    await b.chat.start();
    expect(a.transport.isLeader).toBe(true);
    expect(b.transport.isLeader).toBe(false);
    expect(a.connects).toHaveLength(1);
    expect(b.connects).toHaveLength(0);
    expect(b.chat.state.connection.value).toBe('online');

    const sent = b.chat.send('from tab B')!;
    await waitFor(() => expect(b.chat.state.messages.value.find((m) => m.clientId === sent.clientId)?.status).toBe('sent'));
    await waitFor(() => expect(texts(a.chat)).toContain('from tab B'));
    await settle();
    expect(a.inner.sentMessages.map((m) => m.clientId)).toEqual([sent.clientId]);
    expect(texts(a.chat).filter((t) => t === 'from tab B')).toHaveLength(1);
    expect(texts(b.chat).filter((t) => t === 'from tab B')).toHaveLength(1);
    // Same server id in both tabs.
    const idA = a.chat.state.messages.value.find((m) => m.clientId === sent.clientId)?.id;
    const idB = b.chat.state.messages.value.find((m) => m.clientId === sent.clientId)?.id;
    expect(idA).toBe(idB);

    // Incoming bot messages reach both tabs, and state events too.
    a.inner.emitIncoming('hello from the bot');
    a.inner.emit({ type: 'availability', availability: { operatorsOnline: false } });
    await waitFor(() => expect(texts(b.chat)).toContain('hello from the bot'));
    await waitFor(() => expect(b.chat.state.availability.value).toEqual({ operatorsOnline: false }));
    expect(b.chat.state.unread.value).toBe(1);
  });

  it('a tab that joins late gets the state and the history tail from the leader', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    await a.chat.start();
    a.inner.emitIncoming('before B opened');
    a.inner.emit({ type: 'handoff', state: 'queued' });
    a.inner.emit({ type: 'queue', queue: { position: 3 } });
    const b = openTab(name, locks);
    await b.chat.start();
    await waitFor(() => expect(texts(b.chat)).toContain('before B opened'));
    expect(b.chat.state.handoff.value.state).toBe('queued');
    expect(b.chat.state.queue.value).toEqual({ position: 3 });
  });

  it('calls from a follower run on the leader (handoff, typing, read, history, checkAlive)', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    await a.chat.start();
    const b = openTab(name, locks);
    await b.chat.start();
    const m = a.inner.emitIncoming('seq me');
    await waitFor(() => expect(texts(b.chat)).toContain('seq me'));
    b.chat.setTyping(true);
    await waitFor(() => expect(a.inner.userTyping).toBe(true));
    await b.transport.markRead!(m.seq!);
    expect(a.inner.readUpTo).toBe(m.seq);
    const page = await b.transport.fetchHistory!({ limit: 10 });
    expect(page.messages.map((x) => x.id)).toContain(m.id);
    a.inner.dropConnection({ reconnectAfterMs: 60_000 });
    await waitFor(() => expect(b.chat.state.connection.value).toBe('reconnecting'));
    b.transport.checkAlive!('visible');
    await waitFor(() => expect(a.inner.status).toBe('online'));
    await waitFor(() => expect(b.chat.state.connection.value).toBe('online'));
    await b.chat.requestHandoff();
    await waitFor(() => expect(b.chat.state.handoff.value.state).not.toBe('requested'));
    expect(['verification_required', 'queued', 'accepted']).toContain(a.chat.state.handoff.value.state);
    // Errors come back as TransportError with code and retryable.
    const error = await b.transport.rate!(5).catch((e: unknown) => e);
    expect(isTransportError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid', retryable: false, transport: 'memory' });
  });

  it('when the leader closes, a follower connects with the last session and keeps chatting', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    await a.chat.start();
    const b = openTab(name, locks);
    await b.chat.start();
    a.inner.emitIncoming('one');
    await waitFor(() => expect(texts(b.chat)).toContain('one'));
    const last = a.transport.snapshot();
    expect(last.conversationId).toBeTruthy();
    const started = Date.now();
    await a.chat.destroy();
    await waitFor(() => expect(b.transport.isLeader).toBe(true));
    // Well under the 15 s call timeout: the follower took over when the lock was released, not after a timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(() => expect(b.connects).toHaveLength(1));
    expect(b.connects[0]!.resume).toEqual(last);
    await waitFor(() => expect(b.chat.state.connection.value).toBe('online'));
    const m = b.chat.send('after handover')!;
    await waitFor(() => expect(b.inner.sentMessages.map((x) => x.clientId)).toEqual([m.clientId]));
    expect(a.inner.sentMessages).toHaveLength(0);
  });

  it('a message queued in a follower is delivered once after the leader vanished mid-call', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    await a.chat.start();
    const b = openTab(name, locks);
    await b.chat.start();
    a.inner.setLatency(10_000); // the leader accepts the call but never answers in time
    const m = b.chat.send('in flight')!;
    await waitFor(() => expect(b.chat.state.messages.value.find((x) => x.clientId === m.clientId)?.status).toBe('sending'));
    await a.chat.destroy();
    await waitFor(() => expect(b.inner.sentMessages.map((x) => x.clientId)).toEqual([m.clientId]));
    await waitFor(() => expect(b.chat.state.messages.value.find((x) => x.clientId === m.clientId)?.status).toBe('sent'));
    expect(texts(b.chat).filter((t) => t === 'in flight')).toHaveLength(1);
  });

  it('a call nobody answers rejects with a retryable network error', async () => {
    const name = uniqueName('tt');
    const locks = createLockManager();
    // Someone else holds the lock but never answers (a frozen leader).
    void locks.request(`${name}:leader`, {}, () => new Promise<void>(() => undefined));
    const b = openTab(name, locks, { callTimeoutMs: 200 });
    await settle();
    expect(b.transport.isLeader).toBe(false);
    const error = await b.transport.send({ clientId: 'c_1', text: 'x' }).catch((e: unknown) => e);
    expect(isTransportError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'network', retryable: true });
  });

  it('disconnect() leaves no timers, channels or lock behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const name = uniqueName('tt');
    const locks = createLockManager();
    const a = openTab(name, locks);
    const b = openTab(name, locks);
    void a.chat.start();
    await settle();
    void b.chat.start(); // a follower waiting for the leader: hello retries are timers
    await settle();
    await a.chat.destroy();
    await b.chat.destroy();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    expect(a.channels.open() + b.channels.open()).toBe(0);
    expect(locks.holder(`${name}:leader`)).toBe(false);
  });
});
