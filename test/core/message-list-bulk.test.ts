/**
 * `upsertMany`: the same list as upserting one message at a time (order by seq, unsent ones last,
 * known ones merged), with one copy of the list.
 */
import { describe, expect, it } from 'vitest';
import { upsertMany, upsertMessage } from '../../src/core/message-list';
import type { ChatMessage } from '../../src/core/model';

const m = (n: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${n}`,
  seq: n,
  createdAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
  status: 'sent',
  from: { id: 'bot', role: 'bot' },
  parts: [{ kind: 'text', text: `t${n}` }],
  ...extra,
});
const own = (id: string, status: ChatMessage['status']): ChatMessage => ({
  ...m(0, { id, clientId: id, status, from: { id: 'me', role: 'user' } }),
  seq: undefined,
});

const oneByOne = (list: readonly ChatMessage[], add: readonly ChatMessage[]) => add.reduce((l, x) => upsertMessage(l, x).list, list);

describe('upsertMany', () => {
  it('equals upserting one at a time: in order, out of order, duplicates, unsent, acks', () => {
    const base = [m(1), m(2), own('c1', 'queued')];
    const cases: ChatMessage[][] = [
      [m(3), m(4), m(5)],
      [m(7), m(6), m(3)],
      [m(2, { status: 'read' }), m(8), m(8)],
      [own('c2', 'failed'), m(9), { ...own('c1', 'sent'), seq: 10 }],
      [],
    ];
    for (const add of cases) expect(upsertMany(base, add)).toEqual(oneByOne(base, add));
  });

  it('restores 10,000 messages in order into an empty list', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => m(i + 1));
    const out = upsertMany([], all);
    expect(out).toHaveLength(10_000);
    expect(out.map((x) => x.seq)).toEqual(all.map((x) => x.seq));
  });

  it('returns the same list when there is nothing to add', () => {
    const base = [m(1)];
    expect(upsertMany(base, [])).toBe(base);
  });
});
