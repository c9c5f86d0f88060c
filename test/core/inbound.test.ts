import { describe, expect, it, vi } from 'vitest';
import { applyTransportEvent } from '../../src/core/inbound';
import type { ChatMessage } from '../../src/core/model';
import { createState } from '../../src/core/state';
import { BASIC_CAPABILITIES, type TransportEvent } from '../../src/core/transport';
import { botMessage } from './chat-helpers';

const anna = { id: 'anna', role: 'agent' as const, name: 'Anna' };

function setup(messages: ChatMessage[] = []) {
  const s = createState(BASIC_CAPABILITIES, false);
  s.messages.value = messages;
  const added: ChatMessage[] = [];
  const apply = (event: TransportEvent) => applyTransportEvent(s, event, (m) => added.push(m));
  return { s, added, apply };
}

const mine = (seq: number, status: ChatMessage['status'] = 'sent'): ChatMessage => ({
  id: `s${seq}`,
  clientId: `c${seq}`,
  from: { id: 'me', role: 'user' },
  parts: [{ kind: 'text', text: 'x' }],
  createdAt: '',
  seq,
  status,
});

describe('inbound events', () => {
  it('hands messages to addMessage with status sent unless given', () => {
    const { apply, added } = setup();
    apply({ type: 'message', message: botMessage(1) });
    apply({ type: 'message', message: { ...botMessage(2), status: 'read' } });
    expect(added.map((m) => m.status)).toEqual(['sent', 'read']);
  });

  it('updates and deletes messages by id', () => {
    const { s, apply } = setup([
      { ...botMessage(1), status: 'read' },
      { ...botMessage(2), status: 'sent' },
    ]);
    apply({ type: 'message.updated', message: { ...botMessage(1), parts: [{ kind: 'text', text: 'edited' }] } });
    expect(s.messages.value[0]).toMatchObject({ parts: [{ kind: 'text', text: 'edited' }], status: 'read' });
    apply({ type: 'message.updated', message: botMessage(99) });
    expect(s.messages.value).toHaveLength(2);
    apply({ type: 'message.deleted', id: 'm-2' });
    expect(s.messages.value.map((m) => m.id)).toEqual(['m-1']);
  });

  it('read receipts from the other side mark own messages read; the user’s own are ignored', () => {
    const { s, apply } = setup([mine(1), mine(2), mine(3)]);
    apply({ type: 'read', by: { id: 'me', role: 'user' }, upTo: 3 });
    expect(s.messages.value.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    apply({ type: 'read', by: anna, upTo: 2 });
    expect(s.messages.value.map((m) => m.status)).toEqual(['read', 'read', 'sent']);
  });

  it('tracks the operator by participant events; bots do not count', () => {
    const { s, apply } = setup();
    apply({ type: 'participant', action: 'joined', participant: { id: 'bot', role: 'bot' } });
    expect(s.operator.value).toBeNull();
    apply({ type: 'participant', action: 'joined', participant: anna });
    expect(s.operator.value).toEqual(anna);
    apply({ type: 'participant', action: 'left', participant: anna });
    expect(s.operator.value).toBeNull();
  });

  it('handoff events set the state, challenge, queue and conversation', () => {
    const { s, apply } = setup();
    const challenge = { id: 'ch1', method: 'sms_otp' as const, codeLength: 6 };
    apply({ type: 'handoff', state: 'verification_required', challenge });
    expect(s.handoff.value).toEqual({ state: 'verification_required', challenge });
    apply({ type: 'handoff', state: 'queued' });
    apply({ type: 'queue', queue: { position: 2, etaSeconds: 60 } });
    expect(s.conversation.value).toBe('queued');
    expect(s.queue.value).toEqual({ position: 2, etaSeconds: 60 });
    apply({ type: 'handoff', state: 'accepted' });
    expect(s.conversation.value).toBe('open');
    expect(s.queue.value).toBeNull();
    apply({
      type: 'handoff',
      state: 'offline',
      reason: 'night',
      availability: { operatorsOnline: false, nextOpenAt: '2026-01-02T09:00:00Z' },
    });
    expect(s.handoff.value).toEqual({ state: 'offline', reason: 'night' });
    expect(s.availability.value).toEqual({ operatorsOnline: false, nextOpenAt: '2026-01-02T09:00:00Z' });
  });

  it('a closed conversation clears operator, queue, typing and handoff; reopening clears the rating', () => {
    const { s, apply } = setup();
    s.operator.value = anna;
    s.queue.value = { position: 1 };
    s.typing.value = anna;
    s.handoff.value = { state: 'accepted' };
    s.rated.value = 5;
    apply({ type: 'conversation', state: 'closed' });
    expect([s.conversation.value, s.operator.value, s.queue.value, s.typing.value, s.handoff.value]).toEqual([
      'closed',
      null,
      null,
      null,
      { state: 'none' },
    ]);
    expect(s.rated.value).toBe(5);
    apply({ type: 'conversation', state: 'open' });
    expect(s.rated.value).toBeNull();
  });

  it('availability and capabilities update their signals (capabilities merge)', () => {
    const { s, apply } = setup();
    apply({ type: 'availability', availability: { operatorsOnline: true, replyTimeSeconds: 30 } });
    expect(s.availability.value).toEqual({ operatorsOnline: true, replyTimeSeconds: 30 });
    apply({ type: 'capabilities', capabilities: { cards: true } });
    expect(s.capabilities.value).toEqual({ ...BASIC_CAPABILITIES, cards: true });
  });

  it('ignores unknown event kinds and updates signals in one batch', () => {
    const { s, apply } = setup();
    const seen = vi.fn();
    const off = s.conversation.subscribe(() => seen([s.conversation.value, s.queue.value]));
    seen.mockClear();
    apply({ type: 'handoff', state: 'queued' });
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    expect(() => apply({ type: 'future.thing', data: 1 } as unknown as TransportEvent)).not.toThrow();
  });
});
