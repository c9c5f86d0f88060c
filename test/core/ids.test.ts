import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClientId, createId } from '../../src/core/ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('ids', () => {
  it('creates unique RFC 4122 v4 ids', () => {
    const ids = Array.from({ length: 2000 }, createId);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('client ids are prefixed, unique, and never come from Math.random', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const ids = Array.from({ length: 500 }, createClientId);
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^c_[0-9a-f-]{36}$/);
    expect(random).not.toHaveBeenCalled();
  });

  it('falls back to getRandomValues without randomUUID, keeping the version and variant bits', () => {
    const getRandomValues = vi.fn(<T extends ArrayBufferView>(array: T): T => {
      (array as unknown as Uint8Array).fill(0xff);
      return array;
    });
    vi.stubGlobal('crypto', { getRandomValues });
    const id = createId();
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(getRandomValues).toHaveBeenCalledTimes(1);
  });

  it('falls back when randomUUID throws (insecure contexts)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', {
      randomUUID: () => {
        throw new Error('insecure context');
      },
      getRandomValues: (array: Uint8Array<ArrayBuffer>) => real.getRandomValues(array),
    });
    expect(createId()).toMatch(UUID_V4);
  });

  it('refuses to make ids without a CSPRNG', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => createId()).toThrow(/crypto\.getRandomValues is required/);
  });
});
