/**
 * What both Rasa channels share: the sender/session id, bot utterances → events (each message
 * with an id of its own, ordered by arrival: Rasa has no ids or seq), the user's own message shown
 * once per clientId (the backend has no echo and no dedupe), and the code step of the custom rule.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { ConnectionStatus, VerificationChallenge } from '../../core/model';
import type { VerificationResult } from '../../core/transport';
import type { OutgoingMessage, SendReceipt, SessionSnapshot, TransportEvent } from '../../core/transport';
import { createTransportListeners } from '../swp/listeners';
import { fromBot } from './map';
import type { RasaCustomOutcome, ResolvedRasaOptions } from './options';

export type StatusExtra = { retryInMs?: number; error?: { code: TransportError['code']; message: string; retryable: boolean } };

export function createRasaCore(name: string, o: ResolvedRasaOptions) {
  const listeners = createTransportListeners();
  const emit = (e: TransportEvent) => listeners.emit(e);
  /** Ids of this page's messages: a random prefix, so a reload never reuses one. */
  const prefix = createId();
  let n = 0;
  let sessionId = '';
  let status: ConnectionStatus = 'idle';
  const receipts = new Map<string, SendReceipt>();
  const outcomeWaiters = new Set<(o: RasaCustomOutcome | null) => void>();

  const handle = (utterances: unknown[]): void => {
    for (const raw of utterances) {
      for (const item of fromBot(raw, `rasa:${prefix}:${++n}`, sessionId, o.customRule)) {
        if ('message' in item) {
          emit({ type: 'message', message: item.message });
          for (const w of [...outcomeWaiters]) w(null);
          continue;
        }
        const outcome = item.outcome;
        for (const w of [...outcomeWaiters]) w(outcome);
        if (outcome.kind === 'verification') {
          const challenge: VerificationChallenge = { ...outcome.challenge, id: outcome.challenge.id ?? `rasa-otp:${prefix}:${n}` };
          emit({ type: 'handoff', state: 'verification_required', challenge });
        } else if (outcome.kind === 'handoff') {
          emit({ type: 'handoff', state: outcome.state, ...(outcome.reason ? { reason: outcome.reason } : {}) });
        }
      }
    }
  };

  return {
    listeners,
    emit,
    handle,
    get sessionId() {
      return sessionId;
    },
    set sessionId(id: string) {
      sessionId = id;
    },
    /** The stored session id, or a new one. */
    resumeId: (resume: SessionSnapshot | undefined): { id: string; fresh: boolean } => {
      const stored = resume?.adapter?.senderId;
      if (typeof stored === 'string' && stored) return { id: stored, fresh: false };
      return { id: createId(), fresh: true };
    },
    setStatus(next: ConnectionStatus, extra: StatusExtra = {}) {
      if (next === status && extra.retryInMs === undefined && !extra.error) return;
      status = next;
      emit({ type: 'status', status: next, ...extra });
    },
    get status() {
      return status;
    },
    snapshot: (): SessionSnapshot => (sessionId ? { conversationId: sessionId, adapter: { senderId: sessionId } } : {}),
    /** What goes to the bot for a message: a pressed button's payload, else the text. */
    textFor: (m: OutgoingMessage): string => m.action?.value ?? m.text ?? '',
    /** A known receipt for a clientId already sent. */
    receipt: (clientId: string) => receipts.get(clientId),
    /** Shows the user's message (once) and keeps its receipt. */
    accepted(m: OutgoingMessage): SendReceipt {
      const receipt: SendReceipt = { clientId: m.clientId, id: `rasa:u:${m.clientId}`, createdAt: new Date().toISOString() };
      receipts.set(m.clientId, receipt);
      const text = m.action?.label ?? m.text ?? '';
      emit({
        type: 'message',
        message: {
          id: receipt.id,
          clientId: m.clientId,
          conversationId: sessionId,
          from: { id: 'user', role: 'user' },
          parts: [{ kind: 'text', text }],
          ...(m.action ? { action: m.action } : {}),
          createdAt: receipt.createdAt,
        },
      });
      return receipt;
    },
    /** Sends a code through `post` and reads the bot's answer as the result. */
    verify: (code: string, post: (text: string) => Promise<void>) => verifyCode(name, o, outcomeWaiters, code, post),
  };
}

export type RasaCore = ReturnType<typeof createRasaCore>;

/**
 * A code goes to the bot as a message; its answer is the result: an `otp_result` outcome, a new
 * code step (`invalid`), a handoff (`ok`), or plain messages and then quiet (`ok`).
 */
async function verifyCode(
  name: string,
  o: ResolvedRasaOptions,
  waiters: Set<(o: RasaCustomOutcome | null) => void>,
  code: string,
  post: (text: string) => Promise<void>,
): Promise<VerificationResult> {
  let cancel: () => void = () => undefined;
  const answer = new Promise<VerificationResult>((resolve, reject) => {
    let sawMessage = false;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const done = (r: VerificationResult | Error) => {
      waiters.delete(waiter);
      clearTimeout(limit);
      clearTimeout(quiet);
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const waiter = (outcome: RasaCustomOutcome | null) => {
      if (outcome?.kind === 'verification_result') return done(outcome.result);
      if (outcome?.kind === 'verification') return done('invalid');
      if (outcome?.kind === 'handoff') return done('ok');
      sawMessage = true;
      clearTimeout(quiet);
      quiet = setTimeout(() => done('ok'), 500);
    };
    const limit = setTimeout(
      () => done(sawMessage ? 'ok' : new TransportError(name, 'timeout', 'the bot did not answer the code', { retryable: true })),
      o.requestTimeoutMs,
    );
    waiters.add(waiter);
    cancel = () => {
      waiters.delete(waiter);
      clearTimeout(limit);
      clearTimeout(quiet);
    };
  });
  try {
    await post((o.verificationMessage ?? ((c: string) => c))(code));
  } catch (error) {
    cancel();
    throw error;
  }
  return answer;
}
