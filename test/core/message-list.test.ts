import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMessage, markReadUpTo, mergeStatus, patchMessage, removeMessage, upsertMessage } from '../../src/core/message-list';
import type { ChatMessage, MessageStatus } from '../../src/core/model';

const incoming = (seq: number, id = `m${seq}`): ChatMessage => ({
  id,
  from: { id: 'bot', role: 'bot' },
  parts: [{ kind: 'text', text: `#${seq}` }],
  createdAt: '2026-01-01T00:00:00.000Z',
  seq,
  status: 'sent',
});

const own = (clientId: string, status: MessageStatus = 'sending', seq?: number): ChatMessage => ({
  id: clientId,
  clientId,
  from: { id: 'me', role: 'user' },
  parts: [{ kind: 'text', text: clientId }],
  createdAt: '2026-01-01T00:00:00.000Z',
  status,
  ...(seq !== undefined ? { seq } : {}),
});

const build = (...messages: ChatMessage[]): readonly ChatMessage[] =>
  messages.reduce<readonly ChatMessage[]>((list, m) => upsertMessage(list, m).list, []);
const ids = (list: readonly ChatMessage[]) => list.map((m) => m.id);

describe('message list', () => {
  it('adds new messages and merges known ones by id, reporting which', () => {
    const first = upsertMessage([], incoming(1));
    expect(first.added).toBe(true);
    const again = upsertMessage(first.list, { ...incoming(1), parts: [{ kind: 'text', text: 'edited' }] });
    expect(again.added).toBe(false);
    expect(again.list).toHaveLength(1);
    expect(again.list[0]!.parts).toEqual([{ kind: 'text', text: 'edited' }]);
  });

  it('merges the server copy of an own message by clientId (ack or echo), keeping the clientId', () => {
    const list = build(own('c1'));
    const { list: merged, added } = upsertMessage(list, { ...own('c1', 'sent', 7), id: 'srv-7' });
    expect(added).toBe(false);
    expect(merged).toEqual([expect.objectContaining({ id: 'srv-7', clientId: 'c1', seq: 7, status: 'sent' })]);
    // The echo (same server id, same clientId) merges into the same message too.
    const echo = upsertMessage(merged, { ...incoming(7, 'srv-7'), clientId: 'c1', from: { id: 'u', role: 'user' } });
    expect(echo.added).toBe(false);
    expect(echo.list).toHaveLength(1);
  });

  it('orders by seq whatever the arrival order', () => {
    expect(ids(build(incoming(3), incoming(1), incoming(2), incoming(5), incoming(4)))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('keeps unsent own messages after everything the server ordered, in send order', () => {
    const list = build(incoming(1), own('a', 'queued'), own('b', 'failed'), incoming(2));
    expect(ids(list)).toEqual(['m1', 'm2', 'a', 'b']);
    // Messages without a seq (e.g. from a backend without one) go before the unsent ones too.
    const noSeq: ChatMessage = { ...incoming(0, 'x'), seq: undefined };
    delete noSeq.seq;
    expect(ids(upsertMessage(list, noSeq).list)).toEqual(['m1', 'm2', 'x', 'a', 'b']);
    // Once acked, an own message takes its seq place.
    expect(ids(upsertMessage(list, { ...own('b', 'sent', 2), id: 's2b' }).list)).toEqual(['m1', 'm2', 's2b', 'a']);
  });

  it('status only moves forward, except a failed message the server did accept', () => {
    expect(mergeStatus('read', 'sent')).toBe('read');
    expect(mergeStatus('sending', 'sent')).toBe('sent');
    expect(mergeStatus('sent', 'queued')).toBe('sent');
    const read = build({ ...own('c1', 'read', 3), id: 's3' });
    expect(upsertMessage(read, { ...own('c1', 'sent', 3), id: 's3' }).list[0]!.status).toBe('read');
    const failed = build({ ...own('c1', 'failed'), error: { code: 'network', message: 'x', retryable: false } });
    const accepted = upsertMessage(failed, { ...own('c1', 'sent', 4), id: 's4' }).list[0]!;
    expect(accepted.status).toBe('sent');
    expect(accepted).not.toHaveProperty('error');
  });

  it('finds, patches and removes by id or clientId, returning the same list when absent', () => {
    const list = build(incoming(1), own('c1'));
    expect(findMessage(list, { id: 'm1' })).toBe(0);
    expect(findMessage(list, { clientId: 'c1' })).toBe(1);
    expect(findMessage(list, { id: 'nope', clientId: 'nope' })).toBe(-1);
    expect(patchMessage(list, { id: 'nope' }, (m) => m)).toBe(list);
    expect(patchMessage(list, { clientId: 'c1' }, (m) => ({ ...m, status: 'failed' }))[1]!.status).toBe('failed');
    expect(removeMessage(list, { id: 'nope' })).toBe(list);
    expect(ids(removeMessage(list, { clientId: 'c1' }))).toEqual(['m1']);
  });

  it('marks only own messages up to the seq as read', () => {
    const list = build(incoming(1), { ...own('a', 'sent', 2), id: 's2' }, { ...own('b', 'sent', 4), id: 's4' }, own('c'));
    const read = markReadUpTo(list, 3);
    expect(read.map((m) => m.status)).toEqual(['sent', 'read', 'sent', 'sending']);
    expect(markReadUpTo(read, 3)).toBe(read);
  });

  it('property: any arrival order with duplicates gives each seq once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 80 }), (seqs) => {
        const list = build(...seqs.map((seq) => incoming(seq)));
        const expected = [...new Set(seqs)].sort((a, b) => a - b);
        expect(list.map((m) => m.seq)).toEqual(expected);
      }),
    );
  });
});
