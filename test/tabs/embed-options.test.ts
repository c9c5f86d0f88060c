// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isOptionError } from '../../src/core/errors';
import { resolveOptions } from '../../src/embed/options';
import { createMemoryTransport } from '../../src/transports/memory';

describe('multi-tab, title and sound options', () => {
  it('default to multiTab on, titleUnread and sound off', () => {
    const o = resolveOptions({ transport: createMemoryTransport() }, document);
    expect([o.multiTab, o.titleUnread, o.sound]).toEqual([true, false, false]);
    const p = resolveOptions({ transport: createMemoryTransport(), multiTab: false, titleUnread: true, sound: true }, document);
    expect([p.multiTab, p.titleUnread, p.sound]).toEqual([false, true, true]);
  });

  it.each(['multiTab', 'titleUnread', 'sound'])('refuse a non-boolean %s, naming it', (key) => {
    let error: unknown;
    try {
      resolveOptions({ transport: createMemoryTransport(), [key]: 'yes' }, document);
    } catch (e) {
      error = e;
    }
    expect(isOptionError(error)).toBe(true);
    expect((error as { option: string }).option).toBe(key);
  });
});
