/**
 * The transcript's render window (pure): held by keys, so pages put in front of the list do not
 * move it; steps of a page up and down within the maximum; the open end follows new messages in
 * steps, not one per message; rows are built for the window only, grouped as in the whole list,
 * at a cost that does not grow with the list (element reads counted through a Proxy).
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/model';
import { buildTranscript } from '../../src/ui/panel/transcript';
import { resolveWindow, stepDown, stepUp, WINDOW_SIZES, type WindowSpec } from '../../src/ui/panel/transcript-window';

const at = (n: number) => new Date(1_700_000_000_000 + n * 1000).toISOString();
const bot = (n: number): ChatMessage => ({
  id: `m${n}`,
  seq: n,
  createdAt: at(n),
  status: 'sent',
  from: { id: 'bot', role: 'bot', name: 'Helper' },
  parts: [{ kind: 'text', text: `message ${n}` }],
});
const many = (n: number, from = 1) => Array.from({ length: n }, (_, i) => bot(from + i));
const ids = (list: readonly ChatMessage[], r: { start: number; end: number }) => [list[r.start]!.id, list[r.end - 1]!.id];

function counted(list: ChatMessage[]): { list: readonly ChatMessage[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list: proxy, reads: () => reads };
}

describe('transcript window', () => {
  it('opens on the newest `tail` messages of 10,000', () => {
    const list = many(10_000);
    const { range } = resolveWindow(list, {}, { start: 0, end: 0 }, true);
    expect(range).toEqual({ start: 10_000 - WINDOW_SIZES.tail, end: 10_000 });
  });

  it('steps up a page at a time, never holding more than `max`, and down again', () => {
    const list = many(10_000);
    let { range, spec } = resolveWindow(list, {}, { start: 0, end: 0 }, true);
    for (let i = 0; i < 5; i++) {
      ({ range, spec } = resolveWindow(list, stepUp(list, range), range, false));
      expect(range.end - range.start).toBeLessThanOrEqual(WINDOW_SIZES.max);
    }
    expect(range.start).toBe(10_000 - WINDOW_SIZES.tail - 5 * WINDOW_SIZES.page);
    const top = range.start;
    ({ range, spec } = resolveWindow(list, stepDown(list, range), range, false));
    expect(range.start).toBeGreaterThan(top);
    expect(range.end - range.start).toBeLessThanOrEqual(WINDOW_SIZES.max);
    expect(spec.end).toBe(list[range.end - 1]!.id);
  });

  it('is held by keys: older pages put in front of the list do not move what it shows', () => {
    const list = many(1_000, 1_001);
    const first = resolveWindow(list, {}, { start: 0, end: 0 }, false);
    const up = resolveWindow(list, stepUp(list, first.range), first.range, false);
    const longer = [...many(1_000), ...list];
    const again = resolveWindow(longer, up.spec, up.range, false);
    expect(ids(longer, again.range)).toEqual(ids(list, up.range));
  });

  it('scrolled up (a closed end), new messages are not rendered; pinned, the window follows in steps', () => {
    const list = many(500);
    const pinned = resolveWindow(list, {}, { start: 0, end: 0 }, true);
    const frozen: WindowSpec = { start: pinned.spec.start, end: list.at(-1)!.id };
    const burst = [...list, ...many(100, 501)];
    expect(resolveWindow(burst, frozen, pinned.range, false).range.end).toBe(500);
    // Pinned: it grows with new messages up to `max`, then drops its oldest down to `tail` at once.
    let { range, spec } = pinned;
    let current = list;
    const starts = new Set<number>();
    for (let n = 501; n <= 700; n++) {
      current = [...current, bot(n)];
      ({ range, spec } = resolveWindow(current, spec, range, true));
      expect(range.end).toBe(current.length);
      expect(range.end - range.start).toBeLessThanOrEqual(WINDOW_SIZES.max);
      starts.add(range.start);
    }
    expect(starts.size).toBeLessThanOrEqual(5);
  });

  it('goes back to the newest messages when every key it held is gone (another conversation)', () => {
    const list = many(300);
    const { range, spec } = resolveWindow(list, stepUp(list, { start: 200, end: 300 }), { start: 200, end: 300 }, false);
    const other = many(40, 9_000);
    expect(resolveWindow(other, spec, range, false).range).toEqual({ start: 0, end: 40 });
  });

  it('builds rows for the window only, grouped as in the whole list, reading about the window', () => {
    const list = many(10_000);
    const range = { start: 9_900, end: 10_000 };
    const c = counted(list);
    const rows = buildTranscript(c.list, [], range);
    expect(rows).toHaveLength(100);
    expect(c.reads()).toBeLessThan(500);
    // The window's first message continues the group of the one before it (outside the window).
    expect(rows[0]).toMatchObject({ kind: 'message', first: false });
    expect(buildTranscript(list, [], { start: 0, end: 10 })[0]).toMatchObject({ first: true });
  });

  it('shows a note after its message inside the window, and notes of a missing message at the end only', () => {
    const list = many(300);
    const notes = [
      { key: 'n1', kind: 'joined' as const, name: 'Anna', after: { id: 'm250' } },
      { key: 'n2', kind: 'closed' as const, after: { id: 'gone' } },
      { key: 'n0', kind: 'left' as const, name: 'Bob' },
    ];
    const keys = (r: { start: number; end: number }) =>
      buildTranscript(list, notes, r).flatMap((row) => (row.kind === 'note' ? [row.key] : []));
    expect(keys({ start: 200, end: 300 })).toEqual(['n1', 'n2']);
    expect(keys({ start: 100, end: 200 })).toEqual([]);
    expect(keys({ start: 0, end: 100 })).toEqual(['n0']);
  });
});
