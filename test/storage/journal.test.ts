/**
 * The write-ahead journal of unsent messages: staged synchronously, merged into `load()` without
 * duplicates, cleared once the main store holds the message, never throwing on storage errors;
 * and `chat.adoptUnsent()` over it (a tab takes over what a closed tab left).
 */
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore, createPersistence, type KeyValueStore } from '../../src/core/persistence';
import { createChat } from '../../src/core/chat';
import { BASIC_CAPABILITIES, type OutgoingMessage, type Transport } from '../../src/core/transport';
import type { ChatMessage } from '../../src/core/model';
import { createStorageJournal, type SyncStorage } from '../../src/storage/journal';

const NS = 'support-chat:v1:test:anon:default';
const PREFIX = `${NS}:unsent:`;

/** A Web Storage stand-in; `failWith` makes setItem throw (quota, disabled storage). */
function fakeStorage(): SyncStorage & { map: Map<string, string>; failWith?: string } {
  const map = new Map<string, string>();
  const s = {
    map,
    failWith: undefined as string | undefined,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem(k: string, v: string) {
      if (s.failWith) throw new DOMException('no room', s.failWith);
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
  return s;
}

function own(n: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  const clientId = `c_${n}`;
  return {
    id: clientId,
    clientId,
    from: { id: 'me', role: 'user' },
    parts: [{ kind: 'text', text: `typed ${n}` }],
    createdAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
    status: 'queued',
    ...extra,
  };
}

const setup = (store: KeyValueStore = createMemoryStore(), storage = fakeStorage(), onError = vi.fn()) => ({
  store,
  storage,
  onError,
  persistence: createPersistence({ store, namespace: NS, journal: createStorageJournal(storage, PREFIX), onError }),
});

/** A transport that stays offline: nothing is ever sent. */
const offline = (sent: OutgoingMessage[] = []): Transport => ({
  name: 'offline',
  capabilities: BASIC_CAPABILITIES,
  connect: () => new Promise(() => undefined),
  disconnect: async () => undefined,
  on: () => () => undefined,
  snapshot: () => ({}),
  send: (m) => {
    sent.push(m);
    return new Promise(() => undefined);
  },
});

describe('write-ahead journal', () => {
  it('stage() writes synchronously, one key per message under the namespace', () => {
    const { persistence, storage } = setup();
    persistence.stage!(own(1));
    persistence.stage!(own(2));
    expect([...storage.map.keys()].sort()).toEqual([`${PREFIX}c_1`, `${PREFIX}c_2`]);
  });

  it('load() merges journal entries with the store: same clientId once, the stored copy wins, order by createdAt', async () => {
    const { persistence } = setup();
    await persistence.saveMessages([own(1, { status: 'sent', seq: 1, id: 'srv_1' }), own(3)]);
    // Staged after the save: 1 again (a stale queued copy), 2 (older than 3) and 4.
    persistence.stage!(own(1));
    persistence.stage!(own(4));
    persistence.stage!(own(2));
    const { messages } = await persistence.load();
    expect(messages.map((m) => [m.clientId, m.status])).toEqual([
      ['c_1', 'sent'],
      ['c_2', 'queued'],
      ['c_3', 'queued'],
      ['c_4', 'queued'],
    ]);
  });

  it('entries with the same createdAt keep the order they were staged in', async () => {
    const { persistence } = setup();
    const at = new Date(1_700_000_000_000).toISOString();
    for (const n of [5, 3, 9]) persistence.stage!(own(n, { createdAt: at }));
    expect((await persistence.load()).messages.map((m) => m.clientId)).toEqual(['c_5', 'c_3', 'c_9']);
  });

  it('a successful saveMessages removes the entries the main store has as sent (and deleted ones), not others', async () => {
    const { persistence, storage } = setup();
    for (const n of [1, 2, 3, 4]) persistence.stage!(own(n));
    // c_3 is another tab's, not saved anywhere yet; c_4 is saved, but only as queued.
    await persistence.saveMessages([own(1, { status: 'sent', seq: 1 }), own(4)], new Set(['c_2']));
    expect([...storage.map.keys()].sort()).toEqual([`${PREFIX}c_3`, `${PREFIX}c_4`]);
    expect((await persistence.load()).messages.map((m) => m.clientId)).toEqual(['c_1', 'c_3', 'c_4']);
  });

  it('a queued message overwritten out of the main store by another tab is still loaded from the journal', async () => {
    const { persistence, store } = setup();
    persistence.stage!(own(1));
    await persistence.saveMessages([own(1)]);
    // Another tab's save that read the store before ours lands after it, without c_1.
    await store.set(`${NS}:messages`, JSON.stringify({ v: 1, messages: [] }));
    expect((await persistence.load()).messages.map((m) => m.clientId)).toEqual(['c_1']);
  });

  it('a failed main save keeps the journal', async () => {
    const broken: KeyValueStore = { ...createMemoryStore(), set: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const { persistence, storage } = setup(broken);
    persistence.stage!(own(1));
    await persistence.saveMessages([own(1)]);
    expect(storage.map.has(`${PREFIX}c_1`)).toBe(true);
  });

  it('quota or disabled storage: stage() never throws and the error is reported once', async () => {
    const { persistence, storage, onError } = setup();
    storage.failWith = 'QuotaExceededError';
    expect(() => {
      persistence.stage!(own(1));
      persistence.stage!(own(2));
    }).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toMatch(/journal/);
    const { messages } = await persistence.load();
    expect(messages).toEqual([]);
  });

  it('a throwing storage getter (SecurityError) does not break load()', async () => {
    const storage = fakeStorage();
    Object.defineProperty(storage, 'length', {
      get: () => {
        throw new DOMException('insecure', 'SecurityError');
      },
    });
    const { persistence, onError } = setup(createMemoryStore(), storage);
    await expect(persistence.load()).resolves.toMatchObject({ messages: [] });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('corrupt or foreign entries are dropped; wipe() clears the journal', async () => {
    const { persistence, storage } = setup();
    storage.map.set(`${PREFIX}junk`, '{not json');
    storage.map.set(`${PREFIX}c_9`, JSON.stringify({ v: 1, n: 1, message: own(8) })); // key and clientId disagree
    storage.map.set(`${PREFIX}c_7`, JSON.stringify({ v: 1, n: 1, message: { ...own(7), __proto__: { status: 'sent' } } }));
    storage.map.set('other-app:c_1', 'x');
    persistence.stage!(own(1));
    expect((await persistence.load()).messages.map((m) => m.clientId)).toEqual(['c_1', 'c_7']);
    expect(storage.map.has(`${PREFIX}junk`)).toBe(false);
    expect(storage.map.has(`${PREFIX}c_9`)).toBe(false);
    await persistence.wipe();
    expect([...storage.map.keys()]).toEqual(['other-app:c_1']);
  });

  it('loadUnsent() returns the stored outbox and the journal, unsent only, each once', async () => {
    const { persistence } = setup();
    await persistence.saveMessages([
      own(1, { status: 'sent', seq: 1 }),
      own(2),
      own(3, { status: 'failed', error: { code: 'network', message: 'x', retryable: true } }),
    ]);
    persistence.stage!(own(1)); // stale: the store says sent
    persistence.stage!(own(2));
    persistence.stage!(own(4));
    // Files still uploading in the tab that picked them: not for another tab to take.
    const file = { id: 'local:f1', name: 'a.png', mimeType: 'image/png', size: 3 };
    persistence.stage!(own(5, { parts: [{ kind: 'attachment', attachment: file }] }));
    expect((await persistence.loadUnsent!()).map((m) => [m.clientId, m.status])).toEqual([
      ['c_2', 'queued'],
      ['c_3', 'failed'],
      ['c_4', 'queued'],
    ]);
    // The next page load still shows it, as failed with the reason, never lost or stuck.
    const reloaded = (await persistence.load()).messages.find((m) => m.clientId === 'c_5');
    expect(reloaded).toMatchObject({ status: 'failed', error: { code: 'upload_interrupted' } });
  });
});

describe('chat over the journal', () => {
  it('send() has the message in the journal when it returns', () => {
    const { persistence, storage } = setup();
    const chat = createChat({ transport: offline(), persistence, locale: 'en' });
    const m = chat.send('before the page dies');
    expect(storage.map.get(`${PREFIX}${m!.clientId}`)).toContain('before the page dies');
    void chat.destroy();
  });

  it('adoptUnsent() takes what another tab left (not what was deleted here), sends it with its clientId, once', async () => {
    const shared = { store: createMemoryStore(), storage: fakeStorage() };
    const tabB = setup(shared.store, shared.storage).persistence;
    tabB.stage!(own(1));
    tabB.stage!(own(2));
    const sent: OutgoingMessage[] = [];
    let seq = 0;
    // Online and acking, so the outbox goes on to the next message.
    const transport: Transport = {
      ...offline(sent),
      connect: async () => ({}),
      send: async (m) => {
        sent.push(m);
        return { clientId: m.clientId, id: `srv_${m.clientId}`, createdAt: new Date().toISOString(), seq: ++seq };
      },
    };
    const chat = createChat({ transport, persistence: setup(shared.store, shared.storage).persistence, locale: 'en' });
    // Called while the restore runs, it waits for it: the restore brings c_1 and c_2 from the
    // journal, and adoption does not take them a second time as if they were another tab's.
    await chat.adoptUnsent();
    expect(chat.state.lifecycle.value).toBe('ready');
    expect(chat.state.messages.value.map((m) => m.clientId)).toEqual(['c_1', 'c_2']);
    await chat.restore();
    // Tab A loaded both at restore; it deletes c_2, then B "stages" c_3 after A's load.
    chat.remove('c_2');
    tabB.stage!(own(3));
    await chat.adoptUnsent();
    await chat.adoptUnsent();
    expect(chat.state.messages.value.map((m) => m.clientId)).toEqual(['c_1', 'c_3']);
    await chat.start();
    await vi.waitFor(() => expect(sent.map((m) => m.clientId).sort()).toEqual(['c_1', 'c_3']));
    // Sent and saved: looking again adopts nothing and sends nothing twice.
    await chat.flush();
    await chat.adoptUnsent();
    expect(sent).toHaveLength(2);
    expect(chat.state.messages.value.map((m) => m.clientId)).toEqual(['c_1', 'c_3']);
    await chat.destroy();
  });
});
