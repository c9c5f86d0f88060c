/**
 * The simulated handoff, as a few scripted steps for the demo: request → optional one-time code
 * (shown in the chat) → queue counting down → "Anna" joins and answers in turn → close.
 * Offline operators end the request at once. The real rules (expiry, attempts, routing) live in
 * the reference server; this only lets the widget's states be seen without one.
 * @module
 */
import { createId } from '../../core/ids';
import type { Part, Participant } from '../../core/model';
import type { ChatUser, TransportEvent, VerificationResult } from '../../core/transport';
import type { Conversation, DurableInput } from './conversation';
import type { HandoffText } from './text';

/** What the handoff needs from the transport. @internal */
export interface HandoffHost {
  conversation(): Conversation;
  text(): HandoffText;
  user(): ChatUser;
  record(input: DurableInput): void;
  /** Delivers an ephemeral event (no seq). */
  deliver(event: TransportEvent): void;
  /** Shows typing, then says `parts` after the reply delay (dropped if the conversation closed). */
  reply(from: Participant, parts: Part[]): void;
  later(ms: number, fn: () => void): void;
  /** `false`: requests and codes are checked, but the test emits the handoff events. */
  scripted: boolean;
  verification: boolean;
  code: string;
  operatorsOnline: boolean;
  queueStepMs: number;
  random: () => number;
}

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

/** @internal */
export function createHandoff(host: HandoffHost): Handoff {
  const { record } = host;
  const queue = (c: Conversation) => record({ type: 'queue', queue: { position: c.position, etaSeconds: c.position * 40 } });

  const tick = (c: Conversation) =>
    host.later(host.queueStepMs, () => {
      if (c.phase !== 'queued' || c !== host.conversation()) return;
      if (--c.position > 0) {
        queue(c);
        tick(c);
        return;
      }
      c.phase = 'operator';
      c.state = 'open';
      const t = host.text();
      const op = operator(t);
      record({ type: 'participant', action: 'joined', participant: op });
      record({ type: 'handoff', state: 'accepted' });
      host.reply(op, [text(t.opHi.replace('{op}', t.op))]);
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
      const c = host.conversation();
      const t = host.text();
      if (c.phase !== 'bot' || !host.scripted) return;
      if (!host.operatorsOnline) {
        const open = new Date(Date.now() + 864e5);
        open.setHours(9, 0, 0, 0);
        record({ type: 'handoff', state: 'offline', availability: { operatorsOnline: false, nextOpenAt: open.toISOString() } });
        host.reply({ id: 'bot', role: 'bot', name: t.bot }, [text(t.offline)]);
        return;
      }
      record({ type: 'handoff', state: 'requested' });
      if (!host.verification) return enqueue(c);
      const phone = host.user().phone?.replace(/\D/g, '') ?? '';
      c.phase = 'verify';
      c.challenge = { id: createId(), method: 'sms_otp', prompt: t.prompt, destinationHint: `•••${phone.slice(-2) || '12'}`, codeLength: host.code.length };
      record({ type: 'handoff', state: 'verification_required', challenge: c.challenge });
      const note = { id: createId(), from: { id: 'system', role: 'system' as const }, parts: [text(t.code.replace('{code}', host.code))], createdAt: new Date().toISOString() };
      record({ type: 'message', message: note });
    },
    verify(challengeId, code) {
      const c = host.conversation();
      // Unscripted, the test owns the challenges (it emits them): only the code is checked.
      if (host.scripted && (c.phase !== 'verify' || c.challenge?.id !== challengeId)) return 'expired';
      if (code !== host.code) return 'invalid';
      if (host.scripted) enqueue(c);
      return 'ok';
    },
    userWrote(seq) {
      const c = host.conversation();
      if (c.phase !== 'operator' || !host.scripted) return;
      const t = host.text();
      const op = operator(t);
      host.deliver({ type: 'read', by: op, upTo: seq });
      host.reply(op, [text(t.opSay[c.turns++ % t.opSay.length]!)]);
    },
    resume() {
      const c = host.conversation();
      if (c.phase === 'queued' && host.scripted) tick(c);
    },
    close() {
      const c = host.conversation();
      if (c.phase === 'operator') record({ type: 'participant', action: 'left', participant: operator(host.text()) });
      c.phase = 'bot';
      c.state = 'closed';
      c.epoch++;
      c.misses = 0;
      delete c.challenge;
      record({ type: 'conversation', state: 'closed', reason: 'user' });
    },
  };
}
