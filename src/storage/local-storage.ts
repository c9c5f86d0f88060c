/**
 * A KeyValueStore over `localStorage`. Every access is guarded: the getter itself throws
 * `SecurityError` when storage is disabled, and `setItem` throws `QuotaExceededError` when full.
 * @module
 */
import type { KeyValueStore } from '../core/persistence';

/** Returns the page's localStorage when it is usable, else null. */
export function usableLocalStorage(): Storage | null {
  try {
    const ls = globalThis.localStorage;
    if (!ls) return null;
    const probe = '__support_chat_probe__';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    return null;
  }
}

/** Creates the store; operations reject (never throw synchronously) on storage errors. */
export function createLocalStorageStore(ls: Storage): KeyValueStore {
  return {
    kind: 'localstorage',
    get: async (k) => ls.getItem(k),
    set: async (k, v) => ls.setItem(k, v),
    remove: async (k) => ls.removeItem(k),
    keys: async (prefix) => {
      const out: string[] = [];
      for (let i = 0; i < ls.length; i++) {
        const k = ls.key(i);
        if (k?.startsWith(prefix)) out.push(k);
      }
      return out;
    },
  };
}
