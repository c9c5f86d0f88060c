// Seq gaps: events are numbered without holes, so a jump (an event lost by a faulty proxy or
// server) must make the SDK refetch history instead of silently keeping a hole.
import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import { createSwpSession } from '../../src/transports/swp/session';
import type { WireEvent } from '../../src/transports/swp/frames';

const message = (seq: number): WireEvent => ({
  type: 'message',
  message: {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    from: { id: 'bot', role: 'bot' },
    parts: [{ kind: 'text', text: `#${seq}` }],
    createdAt: new Date(0).toISOString(),
  },
});

describe('SWP session: seq gaps', () => {
  it('applies the event after a gap, then asks for a resync; contiguous events never do', () => {
    const events: TransportEvent[] = [];
    const session = createSwpSession((e) => events.push(e));
    session.restore({ conversationId: 'c1', cursor: '3' });
    session.applyEvent(4, message(4));
    expect(events.map((e) => e.type)).toEqual(['message']);
    session.applyEvent(6, message(6));
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'resync']);
    expect(session.cursor).toBe(6);
    expect(session.applyEvent(5, message(5))).toBe(false);
    expect(events).toHaveLength(3);
  });
});
