/**
 * Conversation actions that go straight to the transport: handoff to a person, the verification
 * code, closing and rating the conversation, and uploads outside the outbox.
 * @module
 */
import { ChatError, TransportError } from '../errors';
import type { AttachmentRef, HandoffPreview, LeaveContactRequest, VerificationChallenge } from '../model';
import type { VerificationResult } from '../transport';
import type { Engine } from './context';

/** @internal */
export interface Actions {
  requestHandoff(reason?: string): Promise<void>;
  cancelHandoff(): Promise<void>;
  handoffPreview(): Promise<HandoffPreview | null>;
  setHandoffNote(note: string): Promise<HandoffPreview | null>;
  submitVerification(code: string): Promise<VerificationResult>;
  resendVerification(): Promise<VerificationChallenge>;
  skipVerification(): Promise<void>;
  closeConversation(): Promise<void>;
  rate(score: number, comment?: string): Promise<void>;
  leaveContact(request: LeaveContactRequest): Promise<void>;
  upload(
    file: Blob & { name?: string },
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<AttachmentRef>;
}

/** @internal */
export function createActions(engine: Engine): Actions {
  const { s, transport, emitter } = engine;
  const unsupported = (what: string) => new TransportError(transport.name, 'unsupported', `this backend ${what}`, { retryable: false });
  return {
    async requestHandoff(reason) {
      engine.guard('requestHandoff()');
      if (!transport.requestHandoff) {
        engine.reportError(unsupported('cannot hand off to a person'));
        return;
      }
      const prev = s.handoff.peek();
      if (prev.state === 'none' || prev.state === 'rejected' || prev.state === 'offline') {
        s.handoff.value = { state: 'requested' };
        emitter.emit('handoff', { state: 'requested' });
      }
      try {
        await transport.requestHandoff(reason !== undefined ? { reason } : {});
      } catch (error) {
        if (s.handoff.peek().state === 'requested') s.handoff.value = prev;
        engine.reportError(error);
      }
    },
    async cancelHandoff() {
      engine.guard('cancelHandoff()');
      try {
        await transport.cancelHandoff?.();
      } catch (error) {
        engine.reportError(error);
      }
    },
    async handoffPreview() {
      engine.guard('handoffPreview()');
      return (await transport.handoffPreview?.()) ?? null;
    },
    async setHandoffNote(note) {
      engine.guard('setHandoffNote()');
      return (await transport.setHandoffNote?.(note)) ?? null;
    },
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
    async closeConversation() {
      engine.guard('closeConversation()');
      try {
        await transport.closeConversation?.();
      } catch (error) {
        engine.reportError(error);
      }
    },
    async rate(score, comment) {
      engine.guard('rate()');
      if (!Number.isInteger(score) || score < 1 || score > 5) throw new ChatError(`support-chat: rating must be 1–5, got ${score}`);
      try {
        await transport.rate?.(score, comment);
        s.rated.value = score;
      } catch (error) {
        engine.reportError(error);
      }
    },
    async leaveContact(request) {
      engine.guard('leaveContact()');
      const error = transport.leaveContact ? null : unsupported('cannot take a contact');
      try {
        if (error) throw error;
        await transport.leaveContact!(request);
      } catch (e) {
        if (!(e instanceof TransportError && e.code === 'invalid')) engine.reportError(e);
        throw e;
      }
    },
    async upload(file, onProgress, signal) {
      engine.guard('upload()');
      if (!transport.upload) throw unsupported('does not accept files');
      return transport.upload(file, {
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress: (p) => onProgress(p.loaded, p.total) } : {}),
      });
    },
  };
}
