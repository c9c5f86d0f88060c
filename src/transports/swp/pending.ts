/**
 * Requests waiting for their `ack` / `nack` / `history.page`, each with a timeout.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { AckFrame, HistoryPageFrame, NackFrame } from './frames';
import { toTransportError } from './map';

/** A reply that settles a pending request. */
export type ReplyFrame = AckFrame | NackFrame | HistoryPageFrame;

interface Entry {
  resolve(frame: AckFrame | HistoryPageFrame): void;
  reject(error: TransportError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The table of in-flight requests of one transport. */
export interface PendingRequests {
  /** Registers `id`; the promise settles on its reply, or rejects with 'timeout' after `timeoutMs`. */
  add(id: string): Promise<AckFrame | HistoryPageFrame>;
  /** Settles the request a reply refers to; returns false when nobody waits for it. */
  settle(frame: ReplyFrame): boolean;
  /** Rejects every waiting request (connection lost, disconnect). */
  rejectAll(error: TransportError): void;
  readonly size: number;
}

/** Creates the table. */
export function createPendingRequests(transport: string, timeoutMs: number): PendingRequests {
  const entries = new Map<string, Entry>();
  return {
    add(id) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          entries.delete(id);
          reject(new TransportError(transport, 'timeout', `no reply within ${timeoutMs} ms`, { retryable: true }));
        }, timeoutMs);
        entries.set(id, { resolve, reject, timer });
      });
    },
    settle(frame) {
      const entry = entries.get(frame.ref);
      if (!entry) return false;
      entries.delete(frame.ref);
      clearTimeout(entry.timer);
      if (frame.t === 'nack') entry.reject(toTransportError(transport, frame.error));
      else entry.resolve(frame);
      return true;
    },
    rejectAll(error) {
      const all = [...entries.values()];
      entries.clear();
      for (const entry of all) {
        clearTimeout(entry.timer);
        entry.reject(error);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
