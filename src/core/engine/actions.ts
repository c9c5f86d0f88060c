/**
 * Conversation actions that go straight to the transport: handoff to a person, the verification
 * code, closing and rating the conversation, and uploads outside the outbox.
 * @module
 */
import { ChatError, TransportError } from '../errors';
import type { AttachmentRef, HandoffPreview, LeaveContactRequest, VerificationChallenge } from '../model';
import type { VerificationResult } from '../transport';
import type { Engine } from './context';
import { createVerificationActions } from './verification-actions';

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
    ...createVerificationActions(engine, unsupported),
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
