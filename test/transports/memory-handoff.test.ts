import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { connected, ctx, last, messages, settle, textOf } from './memory-helpers';

type Handoff = Extract<TransportEvent, { type: 'handoff' }>;
const handoffs = (events: TransportEvent[]): Handoff[] => events.filter((e): e is Handoff => e.type === 'handoff');

afterEach(() => {
  vi.useRealTimers();
});

describe('memory transport: handoff to the simulated operator', () => {
  it('asks for a code and shows it as a demo; a wrong code is invalid, the right one queues', async () => {
    const { t, events } = await connected({}, { user: { phone: '+44 7700 900123' } });
    await t.requestHandoff({ reason: 'card' });
    const [requested, required] = handoffs(events);
    expect(requested?.state).toBe('requested');
    expect(required).toMatchObject({
      state: 'verification_required',
      challenge: { method: 'sms_otp', codeLength: 6, destinationHint: '•••23' },
    });
    expect(last(events)).toMatchObject({ from: { role: 'system' } });
    expect(textOf(last(events))).toContain('Demo code: 123456');
    const challenge = required!.challenge!;
    expect(await t.submitVerification(challenge.id, '000000')).toBe('invalid');
    expect(await t.submitVerification('someone-else', '123456')).toBe('expired');
    expect(await t.submitVerification(challenge.id, '123456')).toBe('ok');
    expect(
      handoffs(events)
        .map((h) => h.state)
        .slice(0, 3),
    ).toEqual(['requested', 'verification_required', 'queued']);
    expect(await t.submitVerification(challenge.id, '123456')).toBe('expired');
  });

  it('setVerificationResult answers every code with the given result until cleared', async () => {
    const { t, events } = await connected();
    await t.requestHandoff();
    const challenge = handoffs(events).at(-1)!.challenge!;
    t.setVerificationResult('expired');
    expect(await t.submitVerification(challenge.id, '123456')).toBe('expired');
    t.setVerificationResult(undefined);
    expect(await t.submitVerification(challenge.id, '123456')).toBe('ok');
  });

  it('queues with a position counting down, then Anna joins, reads and answers with typing', async () => {
    vi.useFakeTimers();
    const t = createMemoryTransport({ replyDelayMs: 500, queueStepMs: 1000, verification: false, random: () => 0.99 });
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    await t.connect(ctx());
    await vi.advanceTimersByTimeAsync(500);
    await t.requestHandoff();
    expect(handoffs(events).map((h) => h.state)).toEqual(['requested', 'queued']);
    const queue = () => events.flatMap((e) => (e.type === 'queue' ? [e.queue] : []));
    expect(queue()).toEqual([{ position: 3, etaSeconds: 120 }]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(queue().map((q) => q.position)).toEqual([3, 2, 1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.find((e) => e.type === 'participant')).toMatchObject({ action: 'joined', participant: { role: 'agent', name: 'Anna' } });
    expect(handoffs(events).at(-1)?.state).toBe('accepted');
    expect(events.at(-1)).toMatchObject({ type: 'typing', on: true, from: { name: 'Anna' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(textOf(last(events))).toMatch(/I am Anna/);

    const receipt = await t.send({ clientId: 'c1', text: 'my card is lost' });
    expect(events.at(-2)).toEqual({ type: 'read', by: expect.objectContaining({ role: 'agent' }), upTo: receipt.seq });
    expect(events.at(-1)).toMatchObject({ type: 'typing', on: true });
    await vi.advanceTimersByTimeAsync(500);
    expect(last(events)).toMatchObject({ from: { role: 'agent' } });
    expect(textOf(last(events))).toBe('Let me check that for you.');
    await t.disconnect();
  });

  it('closes: the operator leaves, the conversation closes, then it can be rated; a new message reopens it', async () => {
    const { t, events } = await connected({ verification: false });
    await expect(t.rate(5)).rejects.toMatchObject({ code: 'invalid' });
    await t.requestHandoff();
    await settle();
    expect(handoffs(events).at(-1)?.state).toBe('accepted');
    await t.closeConversation();
    expect(events.filter((e) => e.type === 'participant').map((e) => e.type === 'participant' && e.action)).toEqual(['joined', 'left']);
    expect(events.find((e) => e.type === 'conversation')).toMatchObject({ state: 'closed', reason: 'user' });
    await expect(t.rate(0)).rejects.toMatchObject({ code: 'invalid' });
    await expect(t.rate(4, 'quick')).resolves.toBeUndefined();

    await t.send({ clientId: 'c9', text: 'hello again' });
    await settle();
    expect(events.filter((e) => e.type === 'conversation').map((e) => e.type === 'conversation' && e.state)).toEqual(['closed', 'open']);
    expect(last(events)?.from.role).toBe('bot');
  });

  it('closing while queued stops the queue', async () => {
    vi.useFakeTimers();
    const t = createMemoryTransport({ replyDelayMs: 0, queueStepMs: 1000, verification: false, bot: false });
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    await t.connect(ctx());
    await t.requestHandoff();
    await t.closeConversation();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.some((e) => e.type === 'participant')).toBe(false);
    expect(events.filter((e) => e.type === 'queue')).toHaveLength(1);
    await t.disconnect();
  });

  it('reports operators offline with the next opening time', async () => {
    const { t, events } = await connected({ operatorsOnline: false });
    expect(events.find((e) => e.type === 'availability')).toEqual({ type: 'availability', availability: { operatorsOnline: false } });
    await t.requestHandoff();
    await settle();
    const offline = handoffs(events).at(-1)!;
    expect(offline.state).toBe('offline');
    expect(offline.availability?.operatorsOnline).toBe(false);
    expect(Date.parse(offline.availability!.nextOpenAt!)).toBeGreaterThan(Date.now());
    expect(textOf(last(events))).toMatch(/offline/);
  });

  it('a second request while one is in progress changes nothing', async () => {
    const { t, events } = await connected();
    await t.requestHandoff();
    const count = handoffs(events).length;
    await t.requestHandoff();
    expect(handoffs(events)).toHaveLength(count);
  });

  it('resumes the queue countdown after a reconnect', async () => {
    vi.useFakeTimers();
    const t = createMemoryTransport({ replyDelayMs: 0, queueStepMs: 1000, verification: false, bot: false, random: () => 0.5 });
    await t.connect(ctx());
    await t.requestHandoff();
    const saved = t.snapshot();
    await t.disconnect();
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    await t.connect(ctx({ resume: saved }));
    expect(handoffs(events).map((h) => h.state)).toEqual(['requested', 'queued']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(handoffs(events).at(-1)?.state).toBe('accepted');
    expect(messages(events).at(-1)?.from.role).toBe('agent');
    await t.disconnect();
  });
});
