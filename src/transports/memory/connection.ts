/**
 * Event delivery with a simulated connection: events reach listeners while online; while the
 * connection is down, durable events (those with a seq) wait and are delivered in seq order once
 * it is back, and ephemeral ones (typing, read) are lost, as they would be on a real socket.
 * @module
 */
import type { ConnectionStatus } from '../../core/model';
import type { TransportEvent, Unsubscribe } from '../../core/transport';

/** @internal */
export interface Connection {
  readonly status: ConnectionStatus;
  readonly listenerCount: number;
  on(listener: (event: TransportEvent) => void): Unsubscribe;
  /** Emits the status; coming `online` flushes what was held back. */
  setStatus(status: ConnectionStatus, retryInMs?: number): void;
  /** Delivers now when online, later when down (durable events only), never when idle. */
  deliver(event: TransportEvent): void;
  /** Delivers now, whatever the status. */
  dispatch(event: TransportEvent): void;
}

/** The seq of a durable event, if it has one. @internal */
export function seqOf(event: TransportEvent): number | undefined {
  if (event.type === 'message' || event.type === 'message.updated') return event.message.seq;
  return 'seq' in event ? event.seq : undefined;
}

/** @internal */
export function createConnection(): Connection {
  const listeners = new Set<(event: TransportEvent) => void>();
  let status: ConnectionStatus = 'idle';
  let held: TransportEvent[] = [];

  const dispatch = (event: TransportEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug is its own: the other listeners still get the event.
      }
    }
  };

  const flush = () => {
    // Events emitted while flushing join `held`, so nothing overtakes an older event.
    while (status === 'online' && held.length) {
      held.sort((a, b) => (seqOf(a) ?? Infinity) - (seqOf(b) ?? Infinity));
      dispatch(held.shift()!);
    }
  };

  return {
    get status() {
      return status;
    },
    get listenerCount() {
      return listeners.size;
    },
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setStatus(next, retryInMs) {
      status = next;
      if (next === 'idle') held = [];
      dispatch({ type: 'status', status: next, ...(retryInMs !== undefined ? { retryInMs } : {}) });
      flush();
    },
    deliver(event) {
      if (status === 'online' && !held.length) dispatch(event);
      else if (status === 'online' || (status !== 'idle' && seqOf(event) !== undefined)) held.push(event);
    },
    dispatch,
  };
}
