/**
 * The write-ahead journal of unsent messages: one synchronous storage entry per message, written
 * by `send()` before it returns, so a message typed the moment before a reload or a closed tab is
 * on disk even when the main (asynchronous, IndexedDB) save never finishes. The main store
 * remains the record; entries are removed once a save has put their message there.
 * @module
 */
import { parseJson, pickMessage, type MessageJournal } from '../core/persistence';
import type { ChatMessage } from '../core/model';
import { usableLocalStorage } from './local-storage';

/** The part of the Web Storage API the journal uses (`localStorage`, or a fake in tests). */
export type SyncStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Most entries read back: a runaway journal must not stall a page load. */
const MAX_ENTRIES = 200;

/**
 * Creates a journal whose keys start with `prefix` (already namespaced per site, user and
 * widget). Every method may throw what the storage throws (quota, SecurityError); the
 * persistence catches and reports it.
 */
export function createStorageJournal(storage: SyncStorage, prefix: string): MessageJournal {
  // Order of staging within this page; across pages createdAt orders first.
  let counter = 0;
  const keys = (): string[] => {
    const out: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(prefix)) out.push(k);
    }
    return out;
  };
  return {
    stage(message) {
      const id = message.clientId ?? message.id;
      counter += 1;
      storage.setItem(`${prefix}${id}`, JSON.stringify({ v: 1, n: counter, message }));
    },
    entries() {
      const found: Array<{ m: ChatMessage; n: number }> = [];
      for (const k of keys().slice(0, MAX_ENTRIES)) {
        const text = storage.getItem(k);
        let doc: unknown;
        try {
          doc = text === null ? null : parseJson(text);
        } catch {
          doc = null;
        }
        const entry = typeof doc === 'object' && doc !== null ? (doc as { n?: unknown; message?: unknown }) : null;
        const m = entry ? pickMessage(entry.message) : undefined;
        // Corrupt or foreign: dropped, so it is not read again on every load.
        if (!m || m.clientId === undefined || `${prefix}${m.clientId}` !== k) {
          storage.removeItem(k);
          continue;
        }
        found.push({ m, n: typeof entry!.n === 'number' ? entry!.n : 0 });
      }
      found.sort((a, b) => (a.m.createdAt < b.m.createdAt ? -1 : a.m.createdAt > b.m.createdAt ? 1 : a.n - b.n));
      return found.map((f) => f.m);
    },
    drop(clientIds) {
      for (const id of clientIds) storage.removeItem(`${prefix}${id}`);
    },
    clear() {
      for (const k of keys()) storage.removeItem(k);
    },
  };
}

/** The journal over the page's localStorage, or undefined when the page has none usable. */
export function createLocalJournal(prefix: string): MessageJournal | undefined {
  const ls = usableLocalStorage();
  return ls ? createStorageJournal(ls, prefix) : undefined;
}
