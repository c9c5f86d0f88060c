import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import { checkIncomingMessage, checkTransportEvent, vouchFor } from '../../src/protocol/events';

const good = {
  id: 'm1',
  conversationId: 'c1',
  seq: 3,
  from: { id: 'bot', role: 'bot', name: 'Assistant', extra: 'dropped' },
  parts: [{ kind: 'text', text: 'Hi' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  unknownField: { x: 1 },
};

const failure = (value: unknown) => {
  const r = checkTransportEvent(value);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r;
};

describe('checkTransportEvent', () => {
  it('accepts a good message event and drops unknown fields at every level', () => {
    const r = checkTransportEvent({ type: 'message', message: good, junk: true });
    expect(r).toEqual({
      ok: true,
      value: {
        type: 'message',
        message: {
          id: 'm1',
          conversationId: 'c1',
          seq: 3,
          from: { id: 'bot', role: 'bot', name: 'Assistant' },
          parts: [{ kind: 'text', text: 'Hi' }],
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      },
    });
  });

  it('fails the shapes from the issue cleanly, naming the field', () => {
    expect(failure({ type: 'message', message: { ...good, parts: [{ kind: 'text', text: 42 }] } })).toMatchObject({
      field: 'message.parts[0].text',
      reason: 'must be a string',
    });
    expect(failure({ type: 'message', message: { ...good, from: null } }).field).toBe('message.from');
    const { id: _id, ...noId } = good;
    expect(failure({ type: 'message', message: noId }).field).toBe('message.id');
    expect(failure({ type: 'message', message: { ...good, parts: 'Hi' } })).toMatchObject({
      field: 'message.parts',
      reason: 'must be an array',
    });
    expect(failure({ type: 'status', status: 'sleepy' })).toMatchObject({ field: 'status' });
    expect(failure({ type: 'message', message: { ...good, from: { id: 'x', role: 'admin' } } }).field).toBe('message.from.role');
  });

  it('drops a part of an unknown kind and keeps the message', () => {
    const r = checkTransportEvent({
      type: 'message',
      message: {
        ...good,
        parts: [
          { kind: 'hologram', beam: 1 },
          { kind: 'text', text: 'kept' },
        ],
      },
    });
    expect(r.ok && r.value.type === 'message' && r.value.message.parts).toEqual([{ kind: 'text', text: 'kept' }]);
  });

  it('passes events of unknown types through unchanged (forward compatibility)', () => {
    const reaction = { type: 'reaction', emoji: '+1' };
    expect(checkTransportEvent(reaction)).toEqual({ ok: true, value: reaction });
    expect(failure({ type: 7 }).field).toBe('type');
    expect(failure(null).ok).toBe(false);
    expect(failure([]).ok).toBe(false);
  });

  it('does not treat Object.prototype members as event types', () => {
    expect(checkTransportEvent({ type: 'toString' })).toEqual({ ok: true, value: { type: 'toString' } });
    expect(checkTransportEvent({ type: 'hasOwnProperty', x: 1 }).ok).toBe(true);
  });

  it('checks every known event type', () => {
    const participant = { id: 'op1', role: 'agent', name: 'Anna' };
    const ok = [
      { type: 'status', status: 'reconnecting', retryInMs: 1000, error: { code: 'network', message: 'lost', retryable: true } },
      { type: 'capabilities', capabilities: { cards: false, history: 'sideways' } },
      { type: 'message.updated', message: good },
      { type: 'message.deleted', id: 'm1', seq: 4 },
      { type: 'typing', from: participant, on: true },
      { type: 'read', by: participant, upTo: 3 },
      { type: 'participant', action: 'joined', participant },
      { type: 'conversation', state: 'closed', reason: 'done' },
      { type: 'queue', queue: { position: null } },
      { type: 'handoff', state: 'verification_required', challenge: { id: 'ch', method: 'sms_otp', codeLength: 6 } },
      { type: 'availability', availability: { operatorsOnline: false, nextOpenAt: '2026-01-02T09:00:00Z' } },
      { type: 'resync', reason: 'gap' },
      { type: 'error', error: { code: 'mystery', message: 'x' } },
    ];
    for (const event of ok) expect(checkTransportEvent(event), event.type).toMatchObject({ ok: true });
    const caps = checkTransportEvent(ok[1]);
    expect(caps.ok && caps.value).toEqual({ type: 'capabilities', capabilities: { cards: false } });
    // An unknown error code reads as "server" with that code's retryable default.
    const err = checkTransportEvent(ok[12]);
    expect(err.ok && err.value).toEqual({ type: 'error', error: { code: 'server', message: 'x', retryable: true } });

    expect(failure({ type: 'typing', from: participant, on: 'yes' }).field).toBe('on');
    expect(failure({ type: 'read', by: participant, upTo: -1 }).field).toBe('upTo');
    expect(failure({ type: 'participant', action: 'waved', participant }).field).toBe('action');
    expect(failure({ type: 'queue', queue: { position: 'first' } }).field).toBe('queue.position');
    expect(failure({ type: 'handoff', state: 'maybe' }).field).toBe('state');
    expect(failure({ type: 'status', status: 'online', retryInMs: 'soon' }).field).toBe('retryInMs');
  });
});

describe('checkIncomingMessage', () => {
  it('accepts a message without seq or conversation, as a custom transport may deliver it', () => {
    const r = checkIncomingMessage({ id: 'm', from: { id: 'u', role: 'user' }, parts: [], createdAt: 'now', status: 'read' });
    expect(r).toEqual({ ok: true, value: { id: 'm', from: { id: 'u', role: 'user' }, parts: [], createdAt: 'now', status: 'read' } });
  });

  it('names fields under "message"', () => {
    const r = checkIncomingMessage({ ...good, seq: 1.5 });
    expect(r).toMatchObject({ ok: false, field: 'message.seq' });
  });

  it('keeps optional display fields out when they are bad instead of failing the message', () => {
    const r = checkIncomingMessage({
      ...good,
      from: { id: 'bot', role: 'bot', avatarUrl: 12 },
      quickReplies: [{ id: 'q', kind: 'bogus' }],
    });
    expect(r.ok && r.value.from).toEqual({ id: 'bot', role: 'bot' });
    expect(r.ok && 'quickReplies' in r.value).toBe(false);
  });
});

describe('events the SWP transports vouch for', () => {
  it('pass without a second walk; the same shape from anyone else is still checked', () => {
    // Malformed on purpose: a vouched event is not walked, so even this passes; nothing but the
    // built-in transports' own fan-out vouches.
    const made = { type: 'message', message: { id: 'm1', from: null } } as unknown as TransportEvent;
    const copy = structuredClone(made);
    vouchFor(made);
    expect(checkTransportEvent(made)).toEqual({ ok: true, value: made });
    expect(checkTransportEvent(copy).ok).toBe(false);
  });
});
