import { describe, expect, it, vi } from 'vitest';
import { botMessage, flush } from './chat-helpers';
import { engineOver } from './engine-helpers';
import { createConnection, type ConnectionDeps } from '../../src/core/engine/connection';
import { createConversations } from '../../src/core/engine/conversations';
import type { FakeOptions } from './chat-helpers';

const setup = (fake: FakeOptions = {}, restored: Promise<void> = Promise.resolve()) => {
  const { engine, t, errors } = engineOver(fake);
  const deps = {
    restored: () => restored,
    goLive: vi.fn(),
    addMessage: vi.fn(),
    showTyping: vi.fn(),
    resync: vi.fn(async () => undefined),
    kickOutbox: vi.fn(),
    saveNow: vi.fn(async () => undefined),
    conversations: createConversations(engine, {
      clearTyping: () => undefined,
      saveNow: async () => undefined,
      showStatus: () => undefined,
    }),
    markSeen: vi.fn(),
  } satisfies ConnectionDeps;
  const connection = createConnection(engine, deps);
  t.on(connection.onTransportEvent);
  const statuses: string[] = [];
  engine.emitter.on('status', ({ status }) => statuses.push(status));
  return { engine, t, errors, deps, connection, statuses };
};

describe('engine: connection', () => {
  it('start connects after the restore, goes live, fetches history quietly on a first visit and emits ready', async () => {
    let release!: () => void;
    const { t, deps, connection, engine } = setup({}, new Promise<void>((resolve) => (release = resolve)));
    const ready = vi.fn();
    engine.emitter.on('ready', ready);
    const connected = vi.spyOn(t, 'connect');
    const started = connection.start();
    await flush();
    expect(t.connects).toHaveLength(0); // still restoring
    release();
    await started;
    expect(t.connects).toHaveLength(1);
    expect(deps.goLive).toHaveBeenCalledTimes(1);
    expect(deps.resync).toHaveBeenCalledWith(true);
    expect(deps.kickOutbox).toHaveBeenCalled();
    // `ready` carries the session the backend gave (the emulator's: a new conversation).
    const session = await connected.mock.results[0]!.value;
    expect(session).toMatchObject({ conversationId: expect.any(String), sessionToken: expect.any(String) });
    expect(ready).toHaveBeenCalledTimes(1);
    expect(ready).toHaveBeenCalledWith({ session });
    expect(connection.start()).toBe(started); // once
  });

  it('resumes the saved session and owes no quiet fetch when a resync is owed', async () => {
    const { t, deps, connection, engine } = setup();
    engine.savedSession = { conversationId: 'saved' };
    engine.resyncWanted = true;
    await connection.start();
    expect(t.connects[0]?.resume).toEqual({ conversationId: 'saved' });
    expect(deps.resync).toHaveBeenCalledWith(false); // the owed one, on `online`
    expect(deps.resync).not.toHaveBeenCalledWith(true);
  });

  it('a failed start shows failed, is reported, and is tried again when the network comes back', async () => {
    const { t, errors, connection, engine, statuses } = setup({ connectError: new Error('refused') });
    await connection.start();
    expect(engine.s.connection.value).toBe('failed');
    expect(engine.startFailed).toBe(true);
    expect(errors).toHaveLength(1);
    connection.setNetworkOnline(false);
    expect(engine.s.connection.value).toBe('offline'); // no network: that is what the user needs to know
    connection.setNetworkOnline(true);
    await vi.waitFor(() => expect(t.connects).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(engine.s.connection.value).toBe('online'), { timeout: 5000 });
    // The backend says `connecting` first; the failure shows as `failed`, no network as `offline`,
    // `failed` again once the network is back, then the retry connects.
    expect(statuses).toEqual(['connecting', 'failed', 'offline', 'failed', 'connecting', 'online']);
  });

  it("offline covers the transport's status while the browser has no network", async () => {
    const { t, connection, engine, statuses } = setup();
    await connection.start();
    connection.setNetworkOnline(false);
    expect(engine.s.connection.value).toBe('offline');
    t.emit({ type: 'status', status: 'reconnecting', retryInMs: 1000 });
    expect(engine.s.connection.value).toBe('offline');
    connection.setNetworkOnline(true);
    expect(engine.s.connection.value).toBe('reconnecting');
    expect(statuses).toEqual(['connecting', 'online', 'offline', 'reconnecting']); // the emulator says `connecting` first
  });

  it('routes transport events: typing, resync, messages, handoff changes, errors', async () => {
    const { t, deps, errors, engine } = setup();
    const handoffs: string[] = [];
    engine.emitter.on('handoff', ({ state }) => handoffs.push(state));
    t.emit({ type: 'typing', from: { id: 'anna', role: 'agent' }, on: true });
    t.emit({ type: 'typing', from: { id: 'me', role: 'user' }, on: true });
    expect(deps.showTyping).toHaveBeenCalledTimes(1);
    t.emit({ type: 'resync', reason: 'gap' });
    expect(deps.resync).toHaveBeenCalledWith(false);
    t.emit({ type: 'message', message: botMessage(1) });
    expect(deps.addMessage).toHaveBeenCalledWith(expect.objectContaining({ seq: 1 }));
    t.emit({ type: 'handoff', state: 'queued' });
    expect(handoffs).toEqual(['queued']);
    t.emit({ type: 'error', error: { code: 'server', message: 'boom', retryable: true } });
    expect(errors).toHaveLength(1);
    expect(engine.s.lastError.value?.code).toBe('server');
  });

  it('ignores events after destroy', () => {
    const { t, deps, engine } = setup();
    engine.destroyed = true;
    t.emit({ type: 'message', message: botMessage(1) });
    expect(deps.addMessage).not.toHaveBeenCalled();
  });
});
