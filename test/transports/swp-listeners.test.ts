// The transports' event fan-out over the core emitter.
import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import { createTransportListeners } from '../../src/transports/swp/listeners';

describe('transport listeners', () => {
  it('a throwing listener is reported and does not stop the others; unsubscribe and clear work', () => {
    const errors: unknown[] = [];
    const listeners = createTransportListeners((error) => errors.push(error));
    const seen: string[] = [];
    listeners.on(() => {
      throw new Error('host bug');
    });
    const off = listeners.on((e) => seen.push(`b:${e.type}`));
    listeners.on((e) => seen.push(`c:${e.type}`));
    const online: TransportEvent = { type: 'status', status: 'online' };
    listeners.emit(online);
    expect(seen).toEqual(['b:status', 'c:status']);
    expect(errors).toHaveLength(1);
    off();
    listeners.emit(online);
    expect(seen).toEqual(['b:status', 'c:status', 'c:status']);
    listeners.clear();
    listeners.emit(online);
    expect(seen).toHaveLength(3);
  });

  it('a listener added during a dispatch hears the next event, not the current one', () => {
    const listeners = createTransportListeners();
    const seen: string[] = [];
    listeners.on(() => {
      listeners.on((e) => seen.push(e.type));
    });
    listeners.emit({ type: 'resync', reason: 'a' });
    expect(seen).toEqual([]);
    listeners.emit({ type: 'resync', reason: 'b' });
    expect(seen).toEqual(['resync']);
  });
});
