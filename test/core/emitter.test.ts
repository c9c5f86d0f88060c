import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../src/core/emitter';

interface Events {
  ping: { n: number };
  pong: string;
}

describe('emitter', () => {
  it('delivers payloads to the listeners of that type only, in subscription order', () => {
    const e = createEmitter<Events>();
    const seen: string[] = [];
    e.on('ping', (p) => seen.push(`a${p.n}`));
    e.on('ping', (p) => seen.push(`b${p.n}`));
    e.on('pong', (p) => seen.push(`pong:${p}`));
    e.emit('ping', { n: 1 });
    e.emit('pong', 'x');
    expect(seen).toEqual(['a1', 'b1', 'pong:x']);
  });

  it('unsubscribes, and clear() removes everything', () => {
    const e = createEmitter<Events>();
    const a = vi.fn();
    const b = vi.fn();
    const off = e.on('ping', a);
    e.on('pong', b);
    off();
    off();
    e.emit('ping', { n: 1 });
    expect(a).not.toHaveBeenCalled();
    e.clear();
    e.emit('pong', 'x');
    expect(b).not.toHaveBeenCalled();
  });

  it('isolates a throwing listener and reports its error once per throw', () => {
    const errors: unknown[] = [];
    const e = createEmitter<Events>((error, type) => errors.push([type, error]));
    const after = vi.fn();
    const boom = new Error('host bug');
    e.on('ping', () => {
      throw boom;
    });
    e.on('ping', after);
    expect(() => e.emit('ping', { n: 1 })).not.toThrow();
    expect(after).toHaveBeenCalledWith({ n: 1 });
    expect(errors).toEqual([['ping', boom]]);
  });

  it('dispatches over a snapshot: listeners added or removed during an emit take effect next time', () => {
    const e = createEmitter<Events>();
    const late = vi.fn();
    const second = vi.fn();
    let off = (): void => undefined;
    e.on('ping', () => {
      e.on('ping', late);
      off();
    });
    off = e.on('ping', second);
    e.emit('ping', { n: 1 });
    expect(second).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
    e.emit('ping', { n: 2 });
    expect(second).toHaveBeenCalledTimes(1);
    expect(late).toHaveBeenCalledWith({ n: 2 });
  });

  it('emitting with no listeners is a no-op', () => {
    expect(() => createEmitter<Events>().emit('pong', 'x')).not.toThrow();
  });
});
