/**
 * Picks the best storage the page allows: IndexedDB, else localStorage, else memory (storage
 * disabled, sandboxed iframe, private mode). The choice is made lazily on first use.
 * @module
 */
import { createMemoryStore, type KeyValueStore } from '../core/persistence';
import { openIndexedDbStore } from './indexed-db';
import { createLocalStorageStore, usableLocalStorage } from './local-storage';

/** Which backends to try, for tests and hosts that want less. */
export type StorageBackend = 'indexeddb' | 'localstorage' | 'memory';

/** Creates a store that resolves its backend on first use. */
export function createBrowserStore(prefer: StorageBackend = 'indexeddb'): KeyValueStore & { ready(): Promise<KeyValueStore> } {
  let picked: Promise<KeyValueStore> | null = null;
  const pick = (): Promise<KeyValueStore> =>
    (picked ??= (async () => {
      if (prefer === 'indexeddb') {
        try {
          return await openIndexedDbStore();
        } catch {
          // Fall through to localStorage.
        }
      }
      if (prefer !== 'memory') {
        const ls = usableLocalStorage();
        if (ls) return createLocalStorageStore(ls);
      }
      return createMemoryStore();
    })());
  return {
    get kind() {
      return prefer;
    },
    ready: pick,
    get: async (k) => (await pick()).get(k),
    set: async (k, v) => (await pick()).set(k, v),
    remove: async (k) => (await pick()).remove(k),
    keys: async (p) => (await pick()).keys(p),
  };
}
