/**
 * The simulated handoff, as a few scripted steps for the demo: request → optional one-time code
 * (shown in the chat) → queue counting down → "Anna" joins and answers in turn → close.
 * Offline operators end the request at once. The real rules (expiry, attempts, routing) live in
 * the reference server; this only lets the widget's states be seen without one.
 * @module
 */
import { createId } from '../../core/ids';
import type { Part, Participant } from '../../core/model';
import type { VerificationResult } from '../../core/transport';
import type { Conversation } from './conversation';
import type { Core } from './core';
import { record as say, reply } from './say';
import type { HandoffText } from './text';

/** @internal */
export interface Handoff {
  request(): void;
  verify(challengeId: string, code: string): VerificationResult;
  /** The user wrote while an operator is in the chat. */
  userWrote(seq: number): void;
  close(): void;
  /** Restarts the queue countdown after a reconnect (timers died with the disconnect). */
  resume(): void;
}

/** The operator, in the conversation's language. @internal */
export const operator = (t: HandoffText): Participant => ({ id: 'operator-anna', role: 'agent', name: t.op });

const text = (value: string): Part => ({ kind: 'text', text: value });

/** Asks for the one-time code and, since this is a demo, shows it in the chat. */
function challenge(host: Core, c: Conversation, t: HandoffText): void {
  const phone = host.user.phone?.replace(/\D/g, '') ?? '';
  c.phase = 'verify';
  c.challenge = {
    id: createId(),
    method: 'sms_otp',
    prompt: t.prompt,
    destinationHint: `•••${phone.slice(-2) || '12'}`,
    codeLength: host.code.length,
  };
  say(host, { type: 'handoff', state: 'verification_required', challenge: c.challenge });
  const note = {
    id: createId(),
    from: { id: 'system', role: 'system' as const },
    parts: [text(t.code.replace('{code}', host.code))],
    createdAt: new Date().toISOString(),
  };
  say(host, { type: 'message', message: note });
}

/** @internal */
export function createHandoff(host: Core): Handoff {
  const record = (input: Parameters<typeof say>[1]) => say(host, input);
  const queue = (c: Conversation) => record({ type: 'queue', queue: { position: c.position, etaSeconds: c.position * 40 } });

  const tick = (c: Conversation) =>
    host.timers.later(host.queueStepMs, () => {
      if (c.phase !== 'queued' || c !== host.conv) return;
      if (--c.position > 0) {
        queue(c);
        tick(c);
        return;
      }
      c.phase = 'operator';
      c.state = 'open';
      const t = host.t;
      const op = operator(t);
      record({ type: 'participant', action: 'joined', participant: op });
      record({ type: 'handoff', state: 'accepted' });
      reply(host, op, [text(t.opHi.replace('{op}', t.op))]);
    });

  const enqueue = (c: Conversation) => {
    c.phase = 'queued';
    c.state = 'queued';
    delete c.challenge;
    c.position = 1 + Math.floor(host.random() * 3);
    record({ type: 'handoff', state: 'queued' });
    queue(c);
    tick(c);
  };

  return {
    request() {
      const c = host.conv;
      const t = host.t;
      if (c.phase !== 'bot' || !host.scripted) return;
      if (!host.operatorsOnline) {
        const open = new Date(Date.now() + 864e5);
        open.setHours(9, 0, 0, 0);
        record({ type: 'handoff', state: 'offline', availability: { operatorsOnline: false, nextOpenAt: open.toISOString() } });
        reply(host, { id: 'bot', role: 'bot', name: t.bot }, [text(t.offline)]);
        return;
      }
      record({ type: 'handoff', state: 'requested' });
      if (host.verification) challenge(host, c, t);
      else enqueue(c);
    },
    verify(challengeId, code) {
      const c = host.conv;
      // Unscripted, the test owns the challenges (it emits them): only the code is checked.
      if (host.scripted && (c.phase !== 'verify' || c.challenge?.id !== challengeId)) return 'expired';
      if (code !== host.code) return 'invalid';
      if (host.scripted) enqueue(c);
      return 'ok';
    },
    userWrote(seq) {
      const c = host.conv;
      if (c.phase !== 'operator' || !host.scripted) return;
      const t = host.t;
      const op = operator(t);
      host.net.deliver({ type: 'read', by: op, upTo: seq });
      reply(host, op, [text(t.opSay[c.turns++ % t.opSay.length]!)]);
    },
    resume() {
      const c = host.conv;
      if (c.phase === 'queued' && host.scripted) tick(c);
    },
    close() {
      const c = host.conv;
      if (c.phase === 'operator') record({ type: 'participant', action: 'left', participant: operator(host.t) });
      c.phase = 'bot';
      c.state = 'closed';
      c.epoch++;
      c.misses = 0;
      delete c.challenge;
      record({ type: 'conversation', state: 'closed', reason: 'user' });
    },
  };
}
