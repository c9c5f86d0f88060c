/**
 * The engine's side of the code step: attempts and lockout come from the transport's answer, a
 * new code replaces the challenge (a refusal moves its resend time), and the code itself never
 * reaches state, events, history or storage.
 */
import { describe, expect, it } from 'vitest';
import { createChat } from '../../src/core/chat';
import { TransportError } from '../../src/core/errors';
import type { VerificationChallenge } from '../../src/core/model';
import { createMemoryStore, createPersistence } from '../../src/core/persistence';
import type { VerificationOutcome } from '../../src/core/transport';
import { createFakeTransport, flush } from './chat-helpers';

const CODE = '482913';
const challenge = (over: Partial<VerificationChallenge> = {}): VerificationChallenge => ({
  id: 'ch1',
  method: 'sms_otp',
  codeLength: 6,
  attemptsLeft: 5,
  maxAttempts: 5,
  ...over,
});

describe('chat: the code step', () => {
  it('takes attempts and the lockout from the answer; resend replaces the challenge; the code is never kept', async () => {
    const store = createMemoryStore();
    const t = createFakeTransport({ autoAck: true });
    const answers: VerificationOutcome[] = [
      { result: 'invalid', challenge: challenge({ attemptsLeft: 1 }) },
      { result: 'locked', challenge: challenge({ attemptsLeft: 0, resendAt: '2030-01-01T00:00:30.000Z' }) },
    ];
    Object.assign(t, {
      submitVerification: async () => answers.shift()!,
      resendVerification: async (id: string) => {
        if (id !== 'ch1') throw new Error('wrong challenge');
        return challenge({ id: 'ch2' });
      },
    });
    const chat = createChat({ transport: t, locale: 'en', persistence: createPersistence({ store, namespace: 'code' }) });
    const seen: unknown[] = [];
    for (const type of ['handoff', 'message', 'error', 'state'] as const) chat.on(type as 'handoff', (e) => seen.push(e));
    await chat.start();
    t.emit({ type: 'handoff', state: 'verification_required', challenge: challenge() });
    await flush();

    expect(await chat.submitVerification(` ${CODE} `)).toBe('invalid');
    expect(chat.state.handoff.value).toMatchObject({ lastResult: 'invalid', challenge: { attemptsLeft: 1 } });
    expect(await chat.submitVerification(CODE)).toBe('locked');
    expect(chat.state.handoff.value).toMatchObject({ lastResult: 'locked', challenge: { attemptsLeft: 0 } });

    const next = await chat.resendVerification();
    expect(next.id).toBe('ch2');
    expect(chat.state.handoff.value).toEqual({ state: 'verification_required', challenge: challenge({ id: 'ch2' }) });
    await chat.destroy();

    const stored = await Promise.all((await store.keys('')).map((k) => store.get(k)));
    expect(stored.join('\n')).not.toContain(CODE);
    expect(JSON.stringify(seen)).not.toContain(CODE);
    expect(JSON.stringify(chat.state.messages.value)).not.toContain(CODE);
    expect(JSON.stringify(chat.state.handoff.value)).not.toContain(CODE);
  });

  it('an older server that sends only attemptsLeft still sets the count shown', async () => {
    const t = createFakeTransport({ autoAck: true });
    Object.assign(t, { submitVerification: async () => ({ result: 'invalid', attemptsLeft: 2 }) });
    const chat = createChat({ transport: t, locale: 'en' });
    await chat.start();
    t.emit({ type: 'handoff', state: 'verification_required', challenge: challenge({ attemptsLeft: 3 }) });
    await flush();
    expect(await chat.submitVerification('1')).toBe('invalid');
    expect(chat.state.handoff.value.challenge!.attemptsLeft).toBe(2);
    await chat.destroy();
  });

  it('a refused resend moves the resend time to what the server said', async () => {
    const t = createFakeTransport({ autoAck: true });
    Object.assign(t, {
      resendVerification: async () => {
        throw new TransportError('fake', 'rate_limited', 'too soon', { retryAfterMs: 20_000 });
      },
    });
    const chat = createChat({ transport: t, locale: 'en' });
    await chat.start();
    t.emit({ type: 'handoff', state: 'verification_required', challenge: challenge({ resendAt: new Date(0).toISOString() }) });
    await flush();
    const before = Date.now();
    await expect(chat.resendVerification()).rejects.toMatchObject({ code: 'rate_limited' });
    const at = Date.parse(chat.state.handoff.value.challenge!.resendAt!);
    expect(at).toBeGreaterThanOrEqual(before + 20_000);
    expect(at).toBeLessThan(before + 25_000);
    await chat.destroy();
  });

  it('without resend on the backend, resendVerification rejects unsupported', async () => {
    const t = createFakeTransport({ autoAck: true });
    const chat = createChat({ transport: t, locale: 'en' });
    await chat.start();
    t.emit({ type: 'handoff', state: 'verification_required', challenge: challenge() });
    await flush();
    await expect(chat.resendVerification()).rejects.toMatchObject({ code: 'unsupported' });
    await chat.destroy();
  });
});
