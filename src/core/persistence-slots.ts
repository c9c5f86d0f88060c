/**
 * Storage access of the persistence: the key-value store (with its fallback) and the journal,
 * one slot document per key under the namespace. Every storage error is caught and reported
 * once; the chat goes on.
 * @module
 */
import { isRecord } from '../protocol/json';
import type { ChatMessage } from './model';
import { migrate, parseJson, pickStored, type Json } from './stored-chat';

/** Minimal async key-value storage. Implementations must not throw synchronously. */
export interface KeyValueStore {
  readonly kind: 'indexeddb' | 'localstorage' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keys starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

/**
 * Synchronous storage of unsent messages, one entry per clientId (see `src/storage/journal.ts`).
 * Methods may throw (quota, storage disabled): the persistence catches and reports.
 */
export interface MessageJournal {
  /** Writes (or overwrites) the entry of this message, synchronously. */
  stage(message: ChatMessage): void;
  /** Every valid entry, oldest first (createdAt, then staging order). */
  entries(): ChatMessage[];
  /** Removes the entries of these clientIds. */
  drop(clientIds: Iterable<string>): void;
  /** Removes every entry. */
  clear(): void;
}

/** Options of `createPersistence` (see `persistence.ts`). */
export interface PersistenceOptions {
  store: KeyValueStore;
  /** Key prefix, already namespaced per site, user and instance. */
  namespace: string;
  /** Most server messages kept (unsent ones are kept besides), on save and on load. @default HISTORY_LIMIT */
  historyLimit?: number;
  /** Called once per distinct problem (quota, corrupt data); the chat goes on. */
  onError?: (error: Error) => void;
  /** Used instead of `store` after a write fails (quota, storage disabled). */
  fallback?: () => KeyValueStore;
  /** Write-ahead journal for `stage()`; without one, `stage()` does nothing (see README "Durability"). */
  journal?: MessageJournal;
}

const errorName = (error: unknown) => (error as Error)?.name ?? 'error';

/** A stored text as a current-version document; throws when it is not one. */
function readDocument(text: string): Json {
  const doc = parseJson(text);
  if (!isRecord(doc)) throw new Error('not an object');
  const migrated = migrate(doc);
  if (!migrated) throw new Error(`unknown schema version ${String(doc.v)}`);
  return migrated;
}

/** Slot documents and the journal of one persistence; every storage error is caught and reported once. */
export function createSlots(options: PersistenceOptions) {
  let store = options.store;
  const key = (slot: string) => `${options.namespace}:${slot}`;
  const reported = new Set<string>();
  // What this page wrote last per slot: read back unchanged (no other tab wrote since), it is not
  // parsed and validated again (a save during a burst reads the history it wrote 400 ms before).
  const written = new Map<string, { text: string; doc: Json }>();
  const report = (kind: string, error: Error) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    options.onError?.(error);
  };

  /** Journal access never throws: a full or disabled storage is reported once, the chat goes on. */
  const journal = <T>(fn: (j: MessageJournal) => T, otherwise: T): T => {
    if (!options.journal) return otherwise;
    try {
      return fn(options.journal);
    } catch (error) {
      report('journal', new Error(`support-chat: the unsent-message journal failed (${errorName(error)})`));
      return otherwise;
    }
  };

  /** True when the document was stored (in the store, not a fallback). */
  const write = async (slot: string, doc: unknown): Promise<boolean> => {
    const text = JSON.stringify(doc);
    written.delete(slot);
    try {
      await store.set(key(slot), text);
      if (isRecord(doc)) written.set(slot, { text, doc });
      return true;
    } catch (error) {
      report('write', new Error(`support-chat: saving the chat failed (${errorName(error)}); continuing in memory`));
      if (options.fallback && store.kind !== 'memory') {
        store = options.fallback();
        await store.set(key(slot), text).catch(() => undefined);
      }
      return false;
    }
  };

  const read = async (slot: string): Promise<Json | null> => {
    let text: string | null;
    try {
      text = await store.get(key(slot));
    } catch (error) {
      report('read', new Error(`support-chat: reading the saved chat failed (${errorName(error)})`));
      return null;
    }
    if (text === null) return null;
    const mine = written.get(slot);
    if (mine && mine.text === text) return mine.doc;
    try {
      return readDocument(text);
    } catch (error) {
      report('corrupt', new Error(`support-chat: dropped unreadable saved chat data (${(error as Error).message})`));
      await store.remove(key(slot)).catch(() => undefined);
      return null;
    }
  };

  return {
    read,
    write,
    journal,
    /** The stored messages; with a `limit`, the newest that many and every unsent one (see `pickStored`). */
    storedMessages: async (limit?: number) => pickStored(await read('messages'), limit),
    remove: (slot: string) => {
      written.delete(slot);
      return store.remove(key(slot)).catch(() => undefined);
    },
    async clear() {
      written.clear();
      try {
        const keys = await store.keys(`${options.namespace}:`);
        await Promise.all(keys.map((k) => store.remove(k)));
      } catch {
        // Storage unavailable: nothing was stored there either.
      }
    },
  };
}

/** An in-memory store (storage disabled, or tests). */
export function createMemoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (k) => map.get(k) ?? null,
    set: async (k, v) => void map.set(k, v),
    remove: async (k) => void map.delete(k),
    keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)),
  };
}
