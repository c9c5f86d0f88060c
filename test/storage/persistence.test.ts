// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HISTORY_LIMIT,
  createMemoryStore,
  createPersistence,
  pickMessage,
  trimForStorage,
  type KeyValueStore,
} from '../../src/core/persistence';
import { createChat } from '../../src/core/chat';
import { BASIC_CAPABILITIES, type Transport, type TransportEvent } from '../../src/core/transport';
import type { ChatMessage } from '../../src/core/model';
import { createLocalStorageStore, usableLocalStorage } from '../../src/storage/local-storage';
import { createBrowserStore } from '../../src/storage/browser-store';
import { createStorageJournal, type SyncStorage } from '../../src/storage/journal';

const NS = 'support-chat:v1:test:anon:default';

/** A transport that never connects and never acks: the user is offline for good. */
const neverConnects = (): Transport => ({
  name: 'never',
  capabilities: BASIC_CAPABILITIES,
  connect: () => new Promise(() => undefined),
  disconnect: async () => undefined,
  on: () => () => undefined,
  snapshot: () => ({}),
  send: () => new Promise(() => undefined),
});

function msg(i: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m_${i}`,
    from: { id: 'bot', role: 'bot', name: 'Bot' },
    parts: [{ kind: 'text', text: `hello ${i}` }],
    createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    seq: i,
    status: 'sent',
    ...extra,
  };
}

afterEach(() => {
  localStorage.clear();
});

describe('persistence', () => {
  it('round-trips session and messages', async () => {
    const p = createPersistence({ store: createMemoryStore(), namespace: NS });
    await p.saveSession({ sessionToken: 'tok', conversationId: 'cv_1', cursor: '7' });
    await p.saveMessages([msg(1), msg(2, { from: { id: 'me', role: 'user' }, clientId: 'c_2' })]);
    const loaded = await p.load();
    expect(loaded.session).toEqual({ sessionToken: 'tok', conversationId: 'cv_1', cursor: '7' });
    expect(loaded.messages.map((m) => m.id)).toEqual(['m_1', 'm_2']);
    expect(loaded.messages[1]!.clientId).toBe('c_2');
  });

  it('stores only allow-listed fields', async () => {
    const store = createMemoryStore();
    const p = createPersistence({ store, namespace: NS });
    const leaky = { ...msg(1), raw: { secret: 'x' }, from: { id: 'bot', role: 'bot', token: 'secret' } } as unknown as ChatMessage;
    await p.saveMessages([leaky]);
    const text = (await store.get(`${NS}:messages`))!;
    expect(text).not.toContain('secret');
    expect(text).toContain('hello 1');
  });

  it('drops corrupt data, reports once, and keeps working', async () => {
    const store = createMemoryStore();
    await store.set(`${NS}:messages`, '{not json');
    await store.set(`${NS}:session`, '[]');
    const errors: Error[] = [];
    const p = createPersistence({ store, namespace: NS, onError: (e) => errors.push(e) });
    const loaded = await p.load();
    expect(loaded).toEqual({ session: null, messages: [], draft: '', resyncOwed: false });
    expect(errors).toHaveLength(1);
    expect(await store.get(`${NS}:messages`)).toBeNull();
  });

  it('migrates the v0 schema and drops unknown versions', async () => {
    const store = createMemoryStore();
    await store.set(`${NS}:messages`, JSON.stringify({ history: [msg(1)] }));
    expect((await createPersistence({ store, namespace: NS }).load()).messages).toHaveLength(1);
    await store.set(`${NS}:messages`, JSON.stringify({ v: 99, messages: [msg(1)] }));
    expect((await createPersistence({ store, namespace: NS }).load()).messages).toHaveLength(0);
  });

  it('is not polluted by __proto__ keys and keeps odd ids working', async () => {
    const store = createMemoryStore();
    await store.set(
      `${NS}:messages`,
      `{"v":1,"messages":[{"id":"__proto__","from":{"id":"constructor","role":"bot"},"parts":[{"kind":"text","text":"x"}],"createdAt":"2024-01-01T00:00:00Z","status":"sent","__proto__":{"polluted":1}}]}`,
    );
    const loaded = await createPersistence({ store, namespace: NS }).load();
    expect(loaded.messages[0]!.id).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('puts messages that were sending back in the queue, keeping their client id', () => {
    const m = pickMessage(msg(1, { status: 'sending', clientId: 'c_1', seq: undefined, from: { id: 'me', role: 'user' } }))!;
    expect(m.status).toBe('queued');
    expect(m.clientId).toBe('c_1');
  });

  it('keeps the newest history plus every unsent message', () => {
    const many = Array.from({ length: HISTORY_LIMIT + 50 }, (_, i) => msg(i + 1));
    const unsent = msg(0, { id: 'c_x', clientId: 'c_x', seq: undefined, status: 'failed', from: { id: 'me', role: 'user' } });
    const kept = trimForStorage([...many, unsent]);
    expect(kept).toHaveLength(HISTORY_LIMIT + 1);
    expect(kept[0]!.seq).toBe(51);
    expect(kept.at(-1)!.id).toBe('c_x');
  });

  it('falls back to memory on a quota error, reporting once', async () => {
    const full: KeyValueStore = {
      kind: 'localstorage',
      get: async () => null,
      set: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      remove: async () => undefined,
      keys: async () => [],
    };
    const errors: Error[] = [];
    const p = createPersistence({ store: full, namespace: NS, fallback: createMemoryStore, onError: (e) => errors.push(e) });
    await p.saveMessages([msg(1)]);
    await p.saveMessages([msg(1), msg(2)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/QuotaExceededError/);
    expect((await p.load()).messages).toHaveLength(2);
  });

  it('wipe() removes only its own namespace', async () => {
    const ls = usableLocalStorage()!;
    const store = createLocalStorageStore(ls);
    localStorage.setItem('host-app-key', 'keep');
    const p = createPersistence({ store, namespace: NS });
    await p.saveMessages([msg(1)]);
    await p.saveSession({ sessionToken: 't' });
    await p.wipe();
    expect(await store.keys(NS)).toEqual([]);
    expect(localStorage.getItem('host-app-key')).toBe('keep');
  });

  it('the browser store falls back to localStorage when IndexedDB is missing', async () => {
    const store = createBrowserStore('indexeddb');
    expect((await store.ready()).kind).toBe(globalThis.indexedDB ? 'indexeddb' : 'localstorage');
  });
});

describe('chat with persistence', () => {
  function recordingTransport(onSend: () => void): Transport & { emit(e: TransportEvent): void } {
    const listeners = new Set<(e: TransportEvent) => void>();
    let seq = 10;
    return {
      name: 'fake',
      capabilities: { ...BASIC_CAPABILITIES, realtime: true },
      connect: async () => {
        for (const l of listeners) l({ type: 'status', status: 'online' });
        return { sessionToken: 'tok' };
      },
      disconnect: async () => undefined,
      on: (l) => (listeners.add(l), () => listeners.delete(l)),
      snapshot: () => ({ sessionToken: 'tok', cursor: String(seq) }),
      send: async (m) => {
        onSend();
        return { clientId: m.clientId, id: `m_${++seq}`, seq, createdAt: new Date().toISOString() };
      },
      emit: (e) => {
        for (const l of listeners) l(e);
      },
    };
  }

  it('paints saved history before connecting, and saves the outbox before sending', async () => {
    const store = createMemoryStore();
    const seed = createPersistence({ store, namespace: NS });
    await seed.saveMessages([msg(1), msg(2)]);
    await seed.saveSession({ sessionToken: 'tok', cursor: '2' });

    let storedAtSend = '';
    const transport = recordingTransport(() => {
      void store.get(`${NS}:messages`).then((t) => (storedAtSend = t ?? ''));
    });
    const connect = vi.spyOn(transport, 'connect');
    const chat = createChat({ transport, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await chat.restore();
    expect(chat.state.messages.value.map((m) => m.id)).toEqual(['m_1', 'm_2']);
    expect(connect).not.toHaveBeenCalled();

    await chat.start();
    expect(connect.mock.calls[0]![0].resume).toEqual({ sessionToken: 'tok', cursor: '2' });
    const sent = chat.send('keep me')!;
    await vi.waitFor(() => expect(storedAtSend).toContain(sent.clientId!));
    await vi.waitFor(() => expect(chat.state.messages.value.at(-1)!.status).toBe('sent'));
    await chat.destroy();
    const reloaded = await createPersistence({ store, namespace: NS }).load();
    expect(reloaded.messages.at(-1)).toMatchObject({ clientId: sent.clientId, status: 'sent' });
  });

  it('a message queued offline survives a reload and is sent with the same client id', async () => {
    const store = createMemoryStore();
    const offline: Transport = {
      ...recordingTransport(() => undefined),
      connect: () => new Promise(() => undefined),
    };
    const first = createChat({ transport: offline, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    void first.start();
    const queued = first.send('typed offline')!;
    expect(queued.status).toBe('queued');
    await first.destroy();

    const sends: string[] = [];
    const online = recordingTransport(() => undefined);
    const realSend = online.send.bind(online);
    online.send = (m) => (sends.push(m.clientId), realSend(m));
    const second = createChat({ transport: online, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await second.start();
    await vi.waitFor(() => expect(sends).toEqual([queued.clientId]));
    await vi.waitFor(() =>
      expect(second.state.messages.value.filter((m) => m.clientId === queued.clientId).map((m) => m.status)).toEqual(['sent']),
    );
    await second.destroy();
  });
});

describe('a message typed with no connection', () => {
  /** A Web Storage stand-in for the journal; `copy()` is what is on disk at that instant. */
  function syncStorage(entries: Iterable<[string, string]> = []): SyncStorage & { copy(): SyncStorage } {
    const map = new Map<string, string>(entries);
    return {
      get length() {
        return map.size;
      },
      key: (i: number) => [...map.keys()][i] ?? null,
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
      copy: () => syncStorage(map),
    };
  }

  it('is on disk at once, before any debounce, so closing the tab right away loses nothing', async () => {
    const PREFIX = `${NS}:unsent:`;
    // The main (asynchronous) store: the page dies before any of its writes lands.
    const store: KeyValueStore = { ...createMemoryStore(), set: () => new Promise<void>(() => undefined) };
    const storage = syncStorage();
    const persistence = createPersistence({ store, namespace: NS, journal: createStorageJournal(storage, PREFIX) });
    const chat = createChat({ transport: neverConnects(), locale: 'en', persistence });
    void chat.start();
    // Sent while the saved state is still restoring: the send itself is queued until the restore
    // is done, so only the synchronous journal can have it on disk when send() returns.
    expect(chat.state.lifecycle.value).toBe('restoring');
    const m = chat.send('typed, then the tab closes')!;
    // The tab closes now: no timer, no promise of this page runs again. What it leaves on disk:
    const disk = storage.copy();
    // The next page, over the same disk, gets the message back, unsent, with its clientId.
    const next = await createPersistence({ store, namespace: NS, journal: createStorageJournal(disk, PREFIX) }).load();
    expect(next.messages).toMatchObject([
      { clientId: m.clientId, status: 'queued', parts: [{ kind: 'text', text: 'typed, then the tab closes' }] },
    ]);
  });
});

describe('two tabs sharing one store', () => {
  function onlineTransport(sent: string[]): Transport & { emit(e: TransportEvent): void } {
    const listeners = new Set<(e: TransportEvent) => void>();
    let seq = 0;
    return {
      name: 'online',
      capabilities: BASIC_CAPABILITIES,
      connect: async () => {
        for (const l of listeners) l({ type: 'status', status: 'online' });
        return {};
      },
      disconnect: async () => undefined,
      on: (l) => (listeners.add(l), () => listeners.delete(l)),
      snapshot: () => ({}),
      send: async (m) => (sent.push(m.clientId), { clientId: m.clientId, id: `m_${++seq}`, seq, createdAt: new Date().toISOString() }),
      emit: (e) => {
        for (const l of listeners) l(e);
      },
    };
  }

  it("a message typed in a tab that closed offline is kept by the other tab's saves and sent by it once", async () => {
    const store = createMemoryStore();
    const sentByA: string[] = [];
    const tA = onlineTransport(sentByA);
    const a = createChat({ transport: tA, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await a.start();

    const b = createChat({ transport: neverConnects(), locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    void b.start();
    const typed = b.send('typed in tab B, which then closes')!;
    await vi.waitFor(async () => expect(await store.get(`${NS}:messages`)).toContain(typed.clientId));
    await b.destroy();

    // Tab A saves for its own reasons (a bot message arrives): B's message survives and A sends it.
    tA.emit({
      type: 'message',
      message: {
        id: 'bot_1',
        from: { id: 'bot', role: 'bot' },
        parts: [{ kind: 'text', text: 'hi' }],
        createdAt: new Date().toISOString(),
        seq: 100,
      },
    });
    await vi.waitFor(() => expect(sentByA).toEqual([typed.clientId]), { timeout: 3000 });
    await vi.waitFor(() =>
      expect(a.state.messages.value.filter((m) => m.clientId === typed.clientId).map((m) => m.status)).toEqual(['sent']),
    );
    await a.destroy();
  });

  it('a message deleted in this tab is not brought back by a stale copy in storage', async () => {
    const store = createMemoryStore();
    const a = createChat({ transport: neverConnects(), locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    void a.start();
    const m = a.send('delete me')!;
    await vi.waitFor(async () => expect(await store.get(`${NS}:messages`)).toContain(m.clientId));
    a.remove(m.clientId!);
    a.send('another');
    await vi.waitFor(async () => expect(await store.get(`${NS}:messages`)).not.toContain(m.clientId));
    expect(a.state.messages.value.some((x) => x.clientId === m.clientId)).toBe(false);
    await a.destroy();
  });
});

describe('the composer draft', () => {
  it('survives a reload, and sending clears it', async () => {
    const store = createMemoryStore();
    const transport = neverConnects;
    const first = createChat({ transport: transport(), locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await first.restore();
    first.setDraft('half a sentence about my ca');
    await first.destroy(); // the tab closes mid-typing: destroy (or pagehide → flush) writes it

    const second = createChat({ transport: transport(), locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await second.restore();
    expect(second.state.draft.value).toBe('half a sentence about my ca');
    second.setDraft('');
    await vi.waitFor(async () => expect(await store.get(`${NS}:draft`)).toBeNull());
    await second.destroy();
  });

  it('flush() writes a draft typed a moment ago', async () => {
    const store = createMemoryStore();
    const chat = createChat({
      transport: neverConnects(),
      locale: 'en',
      persistence: createPersistence({ store, namespace: NS }),
    });
    chat.setDraft('typed just now');
    await chat.flush();
    expect(await store.get(`${NS}:draft`)).toContain('typed just now');
    await chat.destroy();
  });
});
