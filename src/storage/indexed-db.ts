/**
 * A KeyValueStore over IndexedDB (one database, one object store of strings).
 * @module
 */
import type { KeyValueStore } from '../core/persistence';

const DB_NAME = 'support-chat';
const STORE = 'kv';

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens the database; rejects when IndexedDB is missing, blocked or too slow. */
export function openIndexedDbStore(timeoutMs = 3000): Promise<KeyValueStore> {
  return new Promise((resolve, reject) => {
    let idb: IDBFactory | undefined;
    try {
      idb = globalThis.indexedDB;
    } catch (error) {
      reject(error);
      return;
    }
    if (!idb) {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const timer = setTimeout(() => reject(new Error('IndexedDB open timed out')), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = idb.open(DB_NAME, 1);
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
    request.onblocked = () => {
      clearTimeout(timer);
      reject(new Error('IndexedDB open blocked'));
    };
    request.onsuccess = () => {
      clearTimeout(timer);
      const db = request.result;
      // Another tab upgrading the schema: let it, we reopen next load.
      db.onversionchange = () => db.close();
      const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
      resolve({
        kind: 'indexeddb',
        get: async (k) => {
          const v = await promisify(tx('readonly').get(k));
          return typeof v === 'string' ? v : null;
        },
        set: async (k, v) => {
          await promisify(tx('readwrite').put(v, k));
        },
        remove: async (k) => {
          await promisify(tx('readwrite').delete(k));
        },
        keys: async (prefix) => {
          const all = await promisify(tx('readonly').getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
          return all.filter((k): k is string => typeof k === 'string');
        },
      });
    };
  });
}
