import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { ServerFrame } from '../../src/transports/swp/frames';
import { connectOperator, OperatorRequestError } from '../helpers/operator-client';
import { Customer, testServer, until } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type EventFrame = Extract<ServerFrame, { t: 'event' }>;
const handoffEvent = (state: string) => (f: ServerFrame) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === state;

describe('handoff', () => {
  it('OTP (wrong code, expiry, success) → queue → accept → relay both ways → close → rate', async () => {
    let now = Date.UTC(2026, 0, 5, 10, 0);
    server = await testServer({ now: () => now, demo: true });
    const { c, welcome } = await Customer.connect(server, { metadata: { url: 'https://bank.example/cards' } });
    const conversationId = welcome.conversationId;
    expect(welcome.user.verified).toBe(false);
    const op = await connectOperator(server.url, 'Anna');

    // 1. Request → verification_required with a challenge; the code is not on the wire.
    expect((await c.request({ t: 'handoff.request', conversationId, reason: 'card blocked' })).t).toBe('ack');
    const v1 = (await c.waitFor(handoffEvent('verification_required'))) as EventFrame;
    const challenge1 = v1.event.type === 'handoff' ? v1.event.challenge! : undefined;
    expect(challenge1).toMatchObject({ method: 'sms_otp', codeLength: 6, attemptsLeft: 5, maxAttempts: 5 });
    const code1 = (await server.lastVerificationCode(conversationId))!;
    expect(code1).toMatch(/^\d{6}$/);
    expect(JSON.stringify(c.frames)).not.toContain(code1);
    await op.waitForQueue((q) => q.verifying.some((i) => i.conversationId === conversationId && i.pendingCode === code1));

    // 2. Wrong code → invalid with attempts left.
    const wrong = code1 === '000000' ? '111111' : '000000';
    expect(await c.request({ t: 'verify.submit', challengeId: challenge1!.id, code: wrong })).toMatchObject({
      t: 'ack',
      result: 'invalid',
      attemptsLeft: 4,
    });

    // 3. Expiry: 5 minutes later the right code is refused as expired.
    now += 5 * 60_000 + 1;
    expect(await c.request({ t: 'verify.submit', challengeId: challenge1!.id, code: code1 })).toMatchObject({
      t: 'ack',
      result: 'expired',
    });

    // 4. Re-request → a new challenge and a new code; success queues the conversation.
    await c.request({ t: 'handoff.request', conversationId });
    await until(() => c.events().filter((e) => e.event.type === 'handoff' && e.event.state === 'verification_required').length === 2);
    const challenge2 = c
      .events()
      .filter((e) => e.event.type === 'handoff')
      .pop()!.event as { challenge: { id: string } };
    expect(challenge2.challenge.id).not.toBe(challenge1!.id);
    const code2 = (await server.lastVerificationCode(conversationId))!;
    expect(await c.request({ t: 'verify.submit', challengeId: challenge2.challenge.id, code: code2 })).toMatchObject({
      t: 'ack',
      result: 'ok',
    });
    await c.waitFor(handoffEvent('queued'));
    const queueEv = (await c.waitFor((f) => f.t === 'event' && f.event.type === 'queue')) as EventFrame;
    expect(queueEv.event).toMatchObject({ type: 'queue', position: 1 });
    expect((queueEv.event as { etaSeconds: number }).etaSeconds).toBeGreaterThan(0);

    // 5. The operator sees the context first, then accepts.
    await op.waitForQueue((q) => q.waiting.some((i) => i.conversationId === conversationId));
    const detail = await op.view(conversationId);
    expect(detail.customer.verified).toBe(true);
    expect(detail.metadata.url).toBe('https://bank.example/cards');
    expect(detail.messages.some((m) => m.from.role === 'bot')).toBe(true);
    await op.accept(conversationId);
    const joined = (await c.waitFor((f) => f.t === 'event' && f.event.type === 'participant')) as EventFrame;
    expect(joined.event).toMatchObject({ action: 'joined', participant: { role: 'agent', name: 'Anna' } });
    await c.waitFor(handoffEvent('accepted'));

    // 6. Relay: operator typing and message reach the customer; the customer's message reaches the operator; the bot is silent.
    op.typing(conversationId, true);
    await c.waitFor((f) => f.t === 'typing' && f.from.role === 'agent' && f.on);
    await op.send(conversationId, 'Hello, this is Anna.');
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'agent');
    const botCountBefore = c.events().filter((e) => e.event.type === 'message' && e.event.message.from.role === 'bot').length;
    await c.request({ t: 'send', conversationId, clientId: 'to-anna', text: 'My card is blocked' });
    await op.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.clientId === 'to-anna');
    c.raw(JSON.stringify({ t: 'typing', conversationId, on: true }));
    await op.waitFor((f) => f.t === 'typing' && f.from.role === 'user' && f.conversationId === conversationId);
    await new Promise((r) => setTimeout(r, 30));
    expect(c.events().filter((e) => e.event.type === 'message' && e.event.message.from.role === 'bot').length).toBe(botCountBefore);

    // 7. Rating before close is refused; operator closes; the customer rates.
    expect(await c.request({ t: 'rate', conversationId, score: 5 })).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    await op.close(conversationId);
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'participant' && f.event.action === 'left');
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'conversation' && f.event.state === 'closed');
    expect(await c.request({ t: 'rate', conversationId, score: 5, comment: 'quick' })).toMatchObject({ t: 'ack' });
    expect(await c.request({ t: 'rate', conversationId, score: 9 })).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    expect((await op.view(conversationId)).rating).toEqual({ score: 5, comment: 'quick' });

    // 8. A new message reopens the conversation with the bot.
    await c.request({ t: 'send', conversationId, clientId: 'after-close', text: 'one more thing' });
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'conversation' && f.event.state === 'open');
    await until(() => c.events().filter((e) => e.event.type === 'message' && e.event.message.from.role === 'bot').length > botCountBefore);

    // Seqs are strictly increasing with no gaps.
    const seqs = c.events().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    await op.disconnect();
    await c.close();
  });

  it('three wrong codes burn the challenge (maxAttempts 3): locked', async () => {
    server = await testServer({ verificationPolicy: { maxAttempts: 3 } });
    const { c, welcome } = await Customer.connect(server);
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    const ev = (await c.waitFor(handoffEvent('verification_required'))) as EventFrame;
    const id = (ev.event as { challenge: { id: string } }).challenge.id;
    const code = (await server.lastVerificationCode(welcome.conversationId))!;
    const wrong = code === '123456' ? '654321' : '123456';
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await c.request({ t: 'verify.submit', challengeId: id, code: wrong }));
    expect(results.map((r) => (r as { attemptsLeft: number }).attemptsLeft)).toEqual([2, 1, 0]);
    expect(results[2]).toMatchObject({ result: 'expired', locked: true });
    expect(await c.request({ t: 'verify.submit', challengeId: id, code })).toMatchObject({ result: 'expired', locked: true });
    await c.close();
  });

  it('skips OTP when verification is off, and only one of two operators gets the conversation', async () => {
    server = await testServer({ verification: false });
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    const a = await connectOperator(server.url, 'Anna');
    const b = await connectOperator(server.url, 'Boris');
    await c.request({ t: 'handoff.request', conversationId });
    await c.waitFor(handoffEvent('queued'));
    await b.waitForQueue((q) => q.waiting.length === 1);
    const results = await Promise.allSettled([a.accept(conversationId), b.accept(conversationId)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(OperatorRequestError);
    expect(lost[0]!.reason.code).toBe('already_taken');
    expect(lost[0]!.reason.message).toMatch(/already taken/);
    // The loser cannot write into it.
    const loser = results[0]!.status === 'rejected' ? a : b;
    await expect(loser.send(conversationId, 'hi')).rejects.toMatchObject({ code: 'forbidden' });
    await a.disconnect();
    await b.disconnect();
    await c.close();
  });

  it('queue positions move up as conversations ahead are taken', async () => {
    server = await testServer({ verification: false });
    const one = await Customer.connect(server);
    const two = await Customer.connect(server);
    await one.c.request({ t: 'handoff.request', conversationId: one.welcome.conversationId });
    await two.c.request({ t: 'handoff.request', conversationId: two.welcome.conversationId });
    await two.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 2);
    const op = await connectOperator(server.url, 'Anna');
    await op.accept(one.welcome.conversationId);
    await two.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 1);
    await op.disconnect();
    await one.c.close();
    await two.c.close();
  });

  it('outside operator hours answers offline with nextOpenAt and a bot notice, and keeps it for the next shift', async () => {
    // Sunday 2026-01-04 12:00 UTC = 15:00 in Moscow; operators work Mon-Fri 09:00-18:00 Moscow time.
    server = await testServer({ operatorHours: 'Mon-Fri 09:00-18:00', timeZone: 'Europe/Moscow', now: () => Date.UTC(2026, 0, 4, 12, 0) });
    const { c, welcome } = await Customer.connect(server);
    expect(welcome.availability.operatorsOnline).toBe(false);
    expect(welcome.availability.nextOpenAt).toBe('2026-01-05T06:00:00.000Z');
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    const off = (await c.waitFor(handoffEvent('offline'))) as EventFrame;
    expect(off.event).toMatchObject({ availability: { operatorsOnline: false, nextOpenAt: '2026-01-05T06:00:00.000Z' } });
    const notice = (await c.waitFor(
      (f) => f.t === 'event' && f.event.type === 'message' && JSON.stringify(f.event.message.parts).includes('offline right now'),
    )) as EventFrame;
    expect(JSON.stringify(notice.event)).toMatch(/kept/);
    const op = await connectOperator(server.url, 'Night');
    await op.waitForQueue((q) => q.waiting.some((i) => i.conversationId === welcome.conversationId && i.handoff === 'offline'));
    // A reconnect resyncs the handoff state from the snapshot.
    const again = await Customer.connect(server, { token: welcome.sessionToken });
    expect(again.welcome.conversation.handoff).toBe('offline');
    await again.c.close();
    await op.disconnect();
    await c.close();
  });
});
