/**
 * The transport-event fan-out every transport shares, built on the core emitter so that a
 * throwing host listener is isolated the same way everywhere.
 * @module
 */
import { createEmitter } from '../../core/emitter';
import type { TransportEvent, Unsubscribe } from '../../core/transport';
import { vouchFor } from '../../protocol/events';

/** Listeners of one transport's events. */
export interface TransportListeners {
  emit(event: TransportEvent): void;
  on(listener: (event: TransportEvent) => void): Unsubscribe;
  clear(): void;
}

/**
 * Creates the fan-out; `onError` hears what a listener threw (the others still run). `checked`:
 * every event emitted was built from frames the protocol's validators passed, so core need not
 * check it again (the SWP transports; not the tab transport, which relays what another tab got).
 */
export function createTransportListeners(onError?: (error: unknown) => void, checked = false): TransportListeners {
  const emitter = createEmitter<{ event: TransportEvent }>(onError ? (error) => onError(error) : undefined);
  return {
    emit: (event) => {
      if (checked) vouchFor(event);
      emitter.emit('event', event);
    },
    on: (listener) => emitter.on('event', listener),
    clear: () => emitter.clear(),
  };
}
