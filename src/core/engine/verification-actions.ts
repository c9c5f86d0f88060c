/**
 * The code step's actions: a code goes to the transport and nowhere else (not into state, events,
 * history or storage); attempts and resend times are the backend's own figures.
 * @module
 */
import type { TransportError } from '../errors';
import type { VerificationChallenge } from '../model';
import type { VerificationResult } from '../transport';
import type { Engine } from './context';

/** @internal */
export interface VerificationActions {
  submitVerification(code: string): Promise<VerificationResult>;
  resendVerification(): Promise<VerificationChallenge>;
  skipVerification(): Promise<void>;
}

/** @internal */
export function createVerificationActions(engine: Engine, unsupported: (what: string) => TransportError): VerificationActions {
  const { s, transport } = engine;
  return {
    // The code goes to the transport and nowhere else: not into state, events, history or storage.
    async submitVerification(code) {
      engine.guard('submitVerification()');
      const challenge = s.handoff.peek().challenge;
      if (!challenge || !transport.submitVerification) return 'expired';
      try {
        const answer = await transport.submitVerification(challenge.id, code.trim());
        const { result, attemptsLeft: left, challenge: after } = typeof answer === 'string' ? { result: answer } : answer;
        const now = s.handoff.peek();
        if (result !== 'ok' && now.challenge?.id === challenge.id) {
          // The server's count, from the challenge it sent back or (older servers) from attemptsLeft.
          const next = after?.id === challenge.id ? after : left !== undefined ? { ...now.challenge, attemptsLeft: left } : now.challenge;
          s.handoff.value = { ...now, lastResult: result, challenge: next };
        }
        return result;
      } catch (error) {
        engine.reportError(error);
        throw error;
      }
    },
    async resendVerification() {
      engine.guard('resendVerification()');
      const h = s.handoff.peek();
      if (!h.challenge || !transport.resendVerification) throw unsupported('cannot send a new code');
      try {
        const next = await transport.resendVerification(h.challenge.id);
        const now = s.handoff.peek();
        if (now.state === 'verification_required')
          s.handoff.value = { state: now.state, challenge: next, ...(now.reason ? { reason: now.reason } : {}) };
        return next;
      } catch (error) {
        // Too early: the wait the server gave becomes the challenge's resend time.
        const wait = (error as TransportError).code === 'rate_limited' ? (error as TransportError).retryAfterMs : undefined;
        const now = s.handoff.peek();
        if (wait !== undefined && now.challenge?.id === h.challenge.id) {
          s.handoff.value = { ...now, challenge: { ...now.challenge, resendAt: new Date(Date.now() + wait).toISOString() } };
        }
        throw error;
      }
    },
    async skipVerification() {
      engine.guard('skipVerification()');
      const h = s.handoff.peek();
      if (!h.challenge || !transport.skipVerification) throw unsupported('cannot go on without a code');
      await transport.skipVerification(h.challenge.id);
    },
  };
}
