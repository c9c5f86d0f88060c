/**
 * The simulated operator: request → optional one-time code → queue counting down → "Anna" joins
 * and answers → the conversation closes. Offline operators end the request at once.
 * @module
 */
import { createId } from '../../core/ids';
import type { Part, Participant } from '../../core/model';
import type { ChatUser, TransportEvent, VerificationResult } from '../../core/transport';
import type { Conversation, DurableInput } from './conversation';
import type { BotText } from './text';

const CODE_TTL_MS = 5 * 60_000;
const ATTEMPTS = 3;

/** What the handoff needs from the transport. @internal */
export interface HandoffHost {
  conversation(): Conversation;
  text(): BotText;
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
export const operator = (t: BotText): Participant => ({ id: 'operator-anna', role: 'agent', name: t.op });

const text = (value: string): Part => ({ kind: 'text', text: value });

/** 09:00 tomorrow, local time, as ISO-8601. */
function nextOpening(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d.toISOString();
}

/** @internal */
export function createHandoff(host: HandoffHost): Handoff {
  const challenge = () => {
    const c = host.conversation();
    const t = host.text();
    const phone = host.user().phone?.replace(/\D/g, '') ?? '';
    c.phase = 'verify';
    c.challenge = {
      id: createId(),
      method: 'sms_otp',
      prompt: t.prompt,
      destinationHint: `•••${phone.slice(-2) || '12'}`,
      codeLength: host.code.length,
      expiresAt: new Date(Date.now() + CODE_TTL_MS).toISOString(),
      attemptsLeft: ATTEMPTS,
    };
    host.record({ type: 'handoff', state: 'verification_required', challenge: c.challenge });
    host.record({
      type: 'message',
      message: { id: createId(), from: { id: 'system', role: 'system' }, parts: [text(t.code.replace('{code}', host.code))], createdAt: new Date().toISOString() },
    });
  };

  const tick = (c: Conversation) => {
    host.later(host.queueStepMs, () => {
      if (c.phase !== 'queued' || c !== host.conversation()) return;
      if (--c.position > 0) {
        host.record({ type: 'queue', queue: { position: c.position, etaSeconds: c.position * 40 } });
        tick(c);
        return;
      }
      c.phase = 'operator';
      c.state = 'open';
      const t = host.text();
      const op = operator(t);
      host.record({ type: 'participant', action: 'joined', participant: op });
      host.record({ type: 'handoff', state: 'accepted' });
      host.reply(op, [text(t.opHi.replace('{op}', op.name!))]);
    });
  };

  const enqueue = () => {
    const c = host.conversation();
    c.phase = 'queued';
    c.state = 'queued';
    delete c.challenge;
    c.position = 1 + Math.floor(host.random() * 3);
    host.record({ type: 'handoff', state: 'queued' });
    host.record({ type: 'queue', queue: { position: c.position, etaSeconds: c.position * 40 } });
    tick(c);
  };

  return {
    request() {
      const c = host.conversation();
      if (c.phase !== 'bot' || !host.scripted) return;
      if (!host.operatorsOnline) {
        host.record({ type: 'handoff', state: 'offline', availability: { operatorsOnline: false, nextOpenAt: nextOpening() } });
        host.reply({ id: 'bot', role: 'bot', name: host.text().bot }, [text(host.text().offline)]);
        return;
      }
      host.record({ type: 'handoff', state: 'requested' });
      if (host.verification) challenge();
      else enqueue();
    },
    verify(challengeId, code) {
      // Unscripted, the test owns the challenges (it emits them): only the code is checked.
      if (!host.scripted) return code === host.code ? 'ok' : 'invalid';
      const c = host.conversation();
      const current = c.challenge;
      if (c.phase !== 'verify' || !current || current.id !== challengeId) return 'expired';
      if (Date.parse(current.expiresAt!) <= Date.now()) {
        challenge();
        return 'expired';
      }
      if (code === host.code) {
        enqueue();
        return 'ok';
      }
      if (current.attemptsLeft <= 1) {
        // Out of attempts: this code is burnt, a new one is "sent".
        challenge();
        return 'expired';
      }
      c.challenge = { ...current, attemptsLeft: current.attemptsLeft - 1 };
      host.record({ type: 'handoff', state: 'verification_required', challenge: c.challenge });
      return 'invalid';
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
      if (c.phase === 'operator') host.record({ type: 'participant', action: 'left', participant: operator(host.text()) });
      c.phase = 'bot';
      c.state = 'closed';
      c.epoch++;
      c.misses = 0;
      delete c.challenge;
      host.record({ type: 'conversation', state: 'closed', reason: 'user' });
    },
  };
}
