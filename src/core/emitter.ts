/**
 * A typed event emitter that isolates listener errors: one bad host listener never breaks the
 * widget or the other listeners. The first error of a dispatch is reported to `onListenerError`.
 * @module
 */
import type { Unsubscribe } from './transport';

/** Typed emitter over an event map `{ name: payload }`. */
export interface Emitter<M extends object> {
  on<K extends keyof M>(type: K, listener: (payload: M[K]) => void): Unsubscribe;
  emit<K extends keyof M>(type: K, payload: M[K]): void;
  /** Removes every listener. */
  clear(): void;
}

/** Creates an emitter; `onListenerError` receives errors thrown by listeners, with the event type. */
export function createEmitter<M extends object>(onListenerError?: (error: unknown, type: keyof M) => void): Emitter<M> {
  const listeners = new Map<keyof M, Set<(payload: never) => void>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      const fn = listener as (payload: never) => void;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    emit(type, payload) {
      const set = listeners.get(type);
      if (!set) return;
      for (const fn of [...set]) {
        try {
          (fn as (p: typeof payload) => void)(payload);
        } catch (error) {
          onListenerError?.(error, type);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
