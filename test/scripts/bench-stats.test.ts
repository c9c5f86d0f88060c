import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withHistory } from '../../scripts/bench/browser/cache';
import { medians } from '../../scripts/bench/browser/report';
import { blocking, formatTable, markdownTable, median, type Row, sumBytes, verdict } from '../../scripts/bench/browser/stats';
import type { WireMessage } from '../../src/protocol/frames';

describe('bench: medians and long tasks', () => {
  it('takes the middle value, the mean of the middle two, and skips missing runs', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 7, undefined, Number.NaN])).toBe(7);
    expect(median([])).toBeNull();
    expect(medians([{ a: 1, b: null }, { a: 3 }, { a: 2, b: 10 }])).toEqual({ a: 2, b: 10 });
  });

  it('counts long tasks inside a window, the longest, and the blocking time over 50 ms', () => {
    const tasks = [
      [10, 60],
      [100, 120],
      [500, 51],
    ] as const;
    expect(blocking(tasks)).toEqual({ count: 3, longest: 120, tbt: 10 + 70 + 1 });
    expect(blocking(tasks, 50, 400)).toEqual({ count: 1, longest: 120, tbt: 70 });
    expect(blocking([], 0, 1)).toEqual({ count: 0, longest: 0, tbt: 0 });
  });

  it('says meets or misses, and nothing without a figure', () => {
    expect(verdict(50, 50)).toBe('meets');
    expect(verdict(50.5, 50)).toBe('misses');
    expect(verdict(null, 50)).toBe('');
  });
});

describe('bench: bytes', () => {
  it('compresses each body alone and sums the sizes', () => {
    const a = Buffer.from('a'.repeat(5000) + 'support-chat '.repeat(300));
    const b = Buffer.from(JSON.stringify({ t: 'x', list: Array.from({ length: 200 }, (_, i) => i) }));
    const gz = (x: Buffer) => gzipSync(x, { level: 9 }).length;
    const br = (x: Buffer) => brotliCompressSync(x, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    expect(sumBytes([a, b])).toEqual({ raw: a.length + b.length, gzip: gz(a) + gz(b), brotli: br(a) + br(b) });
    expect(sumBytes([a, a]).gzip).toBe(2 * gz(a));
    expect(sumBytes([])).toEqual({ raw: 0, gzip: 0, brotli: 0 });
  });
});

describe('bench: the table', () => {
  const rows: Row[] = [
    { what: 'launcher minus blank', cells: { '1×': '90 ms', '4×': '310 ms' }, goal: '≤ 60 ms at 1×: misses' },
    { what: 'heap', cells: { '1×': '0.4 MB' } },
  ];
  it('pads the columns, figures to the right', () => {
    const lines = formatTable(rows, ['1×', '4×']).split('\n');
    expect(lines[0]).toMatch(/^what\s+1×\s+4×\s+goal$/);
    expect(lines[2]).toBe('launcher minus blank   90 ms  310 ms  ≤ 60 ms at 1×: misses');
    expect(lines[3]).toBe('heap                  0.4 MB');
  });
  it('writes the same rows as Markdown', () => {
    expect(markdownTable(rows, ['1×', '4×']).split('\n')).toEqual([
      '| what | 1× | 4× | goal |',
      '|---|---:|---:|---|',
      '| launcher minus blank | 90 ms | 310 ms | ≤ 60 ms at 1×: misses |',
      '| heap | 0.4 MB |  |  |',
    ]);
  });
});

describe('bench: the long history refilled into saved storage', () => {
  const wire = (seq: number): WireMessage => ({
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    from: { id: 'op', role: 'agent' },
    parts: [{ kind: 'text', text: `msg ${seq}: hi` }],
    createdAt: '2026-01-01T00:00:00Z',
  });
  it('finds the saved message array by shape, in IndexedDB records and JSON strings, and keeps saved entries', () => {
    const saved = [
      { ...wire(3), status: 'read' },
      { ...wire(4), status: 'sent' },
    ];
    const storage = {
      cookies: [],
      origins: [
        {
          origin: 'http://127.0.0.1:1',
          localStorage: [{ name: 'k', value: JSON.stringify({ v: 3, messages: saved }) }],
          indexedDB: [
            { name: 'db', version: 1, stores: [{ name: 's', records: [{ key: 'messages', value: { v: 3, messages: saved } }] }] },
          ],
        },
      ],
    };
    const history = [1, 2, 3, 4, 5].map(wire);
    const { storage: out, arrays } = withHistory(storage as never, history);
    expect(arrays).toBe(2);
    const idb = (out as unknown as typeof storage).origins[0]!.indexedDB[0]!.stores[0]!.records[0]!.value.messages;
    expect(idb.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(idb[2]).toEqual(saved[0]); // the saved entry as it was
    expect(idb[0]).toEqual({ status: 'sent', ...wire(1) });
    const ls = JSON.parse((out as unknown as typeof storage).origins[0]!.localStorage[0]!.value) as { v: number; messages: unknown[] };
    expect(ls.v).toBe(3);
    expect(ls.messages).toHaveLength(5);
  });
  it('reports when there is no saved history', () => {
    expect(withHistory({ cookies: [], origins: [] }, [wire(1)]).arrays).toBe(0);
  });
});
