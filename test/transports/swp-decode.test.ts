import { describe, expect, it } from 'vitest';
import { decodeServerFrame } from '../../src/transports/swp/decode';
import { toTransportEvent, welcomeToEvents } from '../../src/transports/swp/map';
import type { WelcomeFrame } from '../../src/transports/swp/frames';

const message = {
  id: 'm1',
  clientId: 'c_1',
  conversationId: 'c9',
  seq: 4,
  from: { id: 'bot', role: 'bot', name: 'Assistant' },
  parts: [
    { kind: 'text', text: 'Hi' },
    { kind: 'hologram', beam: 1 },
  ],
  quickReplies: [
    { id: 'q1', label: 'Yes', kind: 'reply', value: 'yes' },
    { id: 'q2', kind: 'bogus' },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('decodeServerFrame', () => {
  it('drops __proto__, constructor and prototype keys and leaves Object.prototype alone', () => {
    const text =
      '{"t":"event","seq":4,"conversationId":"c9","__proto__":{"polluted":1},"event":{"type":"message","constructor":{"prototype":{"x":1}},"message":' +
      JSON.stringify(message) +
      '}}';
    const result = decodeServerFrame(text);
    expect(result.kind).toBe('frame');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    if (result.kind === 'frame' && result.frame.t === 'event') {
      expect(Object.keys(result.frame)).not.toContain('__proto__');
      expect(Object.getPrototypeOf(result.frame)).toBe(Object.prototype);
    }
  });

  it('keeps ids named like Object.prototype members', () => {
    const m = { ...message, id: '__proto__', conversationId: 'constructor' };
    const result = decodeServerFrame(
      JSON.stringify({ t: 'event', seq: 1, conversationId: 'constructor', event: { type: 'message', message: m } }),
    );
    expect(result.kind).toBe('frame');
    if (result.kind === 'frame' && result.frame.t === 'event' && result.frame.event?.type === 'message') {
      expect(result.frame.event.message.id).toBe('__proto__');
    }
  });

  it('validates messages: unknown parts and bad quick replies are dropped, required fields enforced', () => {
    const result = decodeServerFrame(JSON.stringify({ t: 'event', seq: 4, conversationId: 'c9', event: { type: 'message', message } }));
    expect(result.kind).toBe('frame');
    if (result.kind !== 'frame' || result.frame.t !== 'event' || result.frame.event?.type !== 'message') throw new Error('not a message');
    expect(result.frame.event.message.parts).toEqual([{ kind: 'text', text: 'Hi' }]);
    expect(result.frame.event.message.quickReplies).toEqual([{ id: 'q1', label: 'Yes', kind: 'reply', value: 'yes' }]);

    const { from: _from, ...noFrom } = message;
    const broken = decodeServerFrame(
      JSON.stringify({ t: 'event', seq: 4, conversationId: 'c9', event: { type: 'message', message: noFrom } }),
    );
    expect(broken.kind).toBe('error');
    if (broken.kind === 'error') expect(broken.error.name).toBe('ProtocolError');
  });

  it('ignores unknown frame types and reports unknown event types as seq-only events', () => {
    expect(decodeServerFrame('{"t":"hologram","x":1}')).toEqual({ kind: 'ignored', type: 'hologram' });
    const unknownEvent = decodeServerFrame('{"t":"event","seq":7,"conversationId":"c9","event":{"type":"reaction","emoji":"+1"}}');
    expect(unknownEvent).toEqual({ kind: 'frame', frame: { t: 'event', seq: 7, conversationId: 'c9', event: null } });
  });

  it('turns malformed input into ProtocolError results, never throws', () => {
    for (const bad of [
      'not json',
      '[]',
      'null',
      '{"no":"type"}',
      '{"t":"ack"}',
      '{"t":"event","seq":-1,"conversationId":"c","event":{"type":"queue","position":1}}',
      '{"t":"typing","conversationId":"c"}',
    ]) {
      const result = decodeServerFrame(bad);
      expect(result.kind, bad).toBe('error');
    }
    expect(decodeServerFrame(new Uint8Array([1, 2])).kind).toBe('error');
  });

  it('decodes nack with a tolerant error body', () => {
    const result = decodeServerFrame('{"t":"nack","ref":"f1","error":{"code":"too_large","message":"too big","retryable":false}}');
    expect(result).toEqual({
      kind: 'frame',
      frame: { t: 'nack', ref: 'f1', error: { code: 'too_large', message: 'too big', retryable: false } },
    });
    const unknownCode = decodeServerFrame('{"t":"nack","ref":"f1","error":{"code":"weird"}}');
    if (unknownCode.kind === 'frame' && unknownCode.frame.t === 'nack') expect(unknownCode.frame.error.code).toBe('server');
  });
});

describe('mapping to TransportEvent', () => {
  it('maps messages keeping seq and clientId, and queue events to QueueInfo', () => {
    const result = decodeServerFrame(JSON.stringify({ t: 'event', seq: 4, conversationId: 'c9', event: { type: 'message', message } }));
    if (result.kind !== 'frame' || result.frame.t !== 'event' || !result.frame.event) throw new Error('no event');
    const event = toTransportEvent(4, result.frame.event);
    expect(event).toMatchObject({ type: 'message', message: { id: 'm1', clientId: 'c_1', seq: 4, conversationId: 'c9' } });
    expect(toTransportEvent(9, { type: 'queue', position: 2, etaSeconds: 90 })).toEqual({
      type: 'queue',
      queue: { position: 2, etaSeconds: 90 },
      seq: 9,
    });
  });

  it('turns a welcome snapshot into state events', () => {
    const welcome: WelcomeFrame = {
      t: 'welcome',
      ref: 'h1',
      sessionId: 's1',
      sessionToken: 'tok',
      conversationId: 'c9',
      resumed: true,
      cursor: '12',
      heartbeatMs: 25000,
      capabilities: { rating: false } as WelcomeFrame['capabilities'],
      availability: { operatorsOnline: true },
      user: { id: 'u', role: 'user', verified: false },
      conversation: {
        id: 'c9',
        state: 'queued',
        handoff: 'queued',
        lastSeq: 12,
        queue: { position: 3, etaSeconds: 120 },
        readUpTo: 10,
      },
    };
    const events = welcomeToEvents(welcome, { id: 'op1', role: 'agent', name: 'Anna' });
    expect(events).toEqual([
      { type: 'capabilities', capabilities: { rating: false } },
      { type: 'availability', availability: { operatorsOnline: true } },
      { type: 'conversation', state: 'queued' },
      { type: 'handoff', state: 'queued' },
      { type: 'participant', action: 'left', participant: { id: 'op1', role: 'agent', name: 'Anna' } },
      { type: 'queue', queue: { position: 3, etaSeconds: 120 } },
      { type: 'read', by: { id: 'operator', role: 'bot' }, upTo: 10 },
    ]);
    const withOperator = welcomeToEvents({
      ...welcome,
      conversation: { id: 'c9', state: 'open', handoff: 'accepted', lastSeq: 12, operator: { id: 'op2', role: 'agent' } },
    });
    expect(withOperator).toContainEqual({ type: 'participant', action: 'joined', participant: { id: 'op2', role: 'agent' } });
    expect(withOperator.some((e) => e.type === 'queue')).toBe(false);
  });
});

describe('decodeServerFrame never throws', () => {
  it('on arbitrary JSON and arbitrary frames of every known type', async () => {
    const fc = await import('fast-check');
    const types = ['welcome', 'ack', 'nack', 'event', 'typing', 'history.page', 'availability', 'goaway', 'error', 'ping', 'pong'];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc
            .record({ t: fc.constantFrom(...types), rest: fc.jsonValue() })
            .map(({ t, rest }) =>
              JSON.stringify({ ...(typeof rest === 'object' && rest !== null && !Array.isArray(rest) ? rest : {}), t }),
            ),
        ),
        (text) => {
          const result = decodeServerFrame(text);
          expect(['frame', 'ignored', 'error']).toContain(result.kind);
        },
      ),
      { numRuns: 500 },
    );
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});
