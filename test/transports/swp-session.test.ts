import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import type { WireEvent } from '../../src/transports/swp/frames';
import { createSwpSession } from '../../src/transports/swp/session';

const msg = (seq: number): WireEvent => ({
  type: 'message',
  message: {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    from: { id: 'bot', role: 'bot' },
    parts: [{ kind: 'text', text: String(seq) }],
    createdAt: new Date(0).toISOString(),
  },
});

describe('SWP session bookkeeping', () => {
  it('applies every seq at most once and never goes backwards, whatever the delivery order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 120 }), (seqs) => {
        const events: TransportEvent[] = [];
        const session = createSwpSession((e) => events.push(e));
        session.restore({ conversationId: 'c1', cursor: '0' });
        for (const seq of seqs) session.applyEvent(seq, msg(seq));
        const applied = events.flatMap((e) => (e.type === 'message' ? [e.message.seq!] : []));
        for (let i = 1; i < applied.length; i++) expect(applied[i]!).toBeGreaterThan(applied[i - 1]!);
        expect(applied.every((s) => s > 0)).toBe(true);
        expect(session.cursor).toBe(Math.max(0, ...applied));
      }),
    );
  });

  it('asks to resume only with a conversation and a cursor, and resyncs when the server cannot resume', () => {
    const events: TransportEvent[] = [];
    const session = createSwpSession((e) => events.push(e));
    expect(session.resumeRequest()).toBeUndefined();
    session.restore({ sessionToken: 't', conversationId: 'c1', cursor: '7' });
    expect(session.resumeRequest()).toEqual({ conversationId: 'c1', cursor: '7' });
    session.restore({ cursor: 'not-a-number' });
    expect(session.cursor).toBe(7);
    const welcome = {
      sessionId: 's',
      sessionToken: 't2',
      conversationId: 'c1',
      resumed: false,
      cursor: '12',
      heartbeatMs: 1000,
      capabilities: {} as never,
      availability: { operatorsOnline: false },
      user: { id: 'u', role: 'user' as const, verified: false },
      conversation: { id: 'c1', state: 'open' as const, handoff: 'none' as const, lastSeq: 12 },
    };
    session.applyWelcome(welcome, true);
    expect(events.at(-1)).toEqual({ type: 'resync', reason: 'cursor no longer available' });
    expect(session.snapshot()).toEqual({ sessionToken: 't2', conversationId: 'c1', cursor: '12' });
    events.length = 0;
    session.applyWelcome({ ...welcome, resumed: true }, true);
    expect(events.some((e) => e.type === 'resync')).toBe(false);
    session.applyWelcome({ ...welcome, conversationId: 'c2', resumed: true }, true);
    expect(events.at(-1)).toEqual({ type: 'resync', reason: 'new conversation' });
  });
});
