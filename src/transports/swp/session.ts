/**
 * Session bookkeeping shared by the SWP/1 transports: token, conversation, cursor (highest applied
 * seq), the operator last seen; welcome handling (state resync, `resync` on lost continuity) and
 * de-duplication of durable events.
 * @module
 */
import type { Participant } from '../../core/model';
import type { ConversationTarget, SessionSnapshot, TransportEvent } from '../../core/transport';
import type { HelloFrame, WelcomeFrame, WireEvent } from './frames';
import { toTransportEvent, welcomeToEvents } from './map';
import { createOpenSlot } from './open-slot';

/** Session state of one transport. */
export interface SwpSession {
  readonly token: string | undefined;
  readonly conversationId: string | undefined;
  /** Highest applied seq. */
  readonly cursor: number | undefined;
  /** Loads a persisted snapshot (from `connect({resume})`). */
  restore(snapshot: SessionSnapshot | undefined): void;
  /** The `resume` to put in hello, when there is something to resume. */
  resumeRequest(): { conversationId: string; cursor: string } | undefined;
  /** Several conversations: the `open` to put in the next hello, while a switch is pending. */
  openRequest(): HelloFrame['open'];
  /**
   * Several conversations: asks the next welcome to be of `target`; resolves when it is applied,
   * rejects after `timeoutMs` (the pending open is dropped then).
   */
  requestOpen(name: string, target: ConversationTarget, timeoutMs: number): Promise<void>;
  /** Drops a pending open, rejecting its promise with `error`. */
  cancelOpen(error: Error): void;
  /**
   * Applies a welcome: emits capabilities, availability and the conversation state, then `resync`
   * when `askedToResume` and the server could not continue from the cursor.
   */
  applyWelcome(welcome: Omit<WelcomeFrame, 't' | 'ref'>, askedToResume: boolean): void;
  /** Applies a durable event unless its seq is not above the cursor; false when dropped. Emits `resync` after a seq gap. */
  applyEvent(seq: number, event: WireEvent | null): boolean;
  /** Moves the cursor forward (never back). */
  advance(seq: number): void;
  /** Starts from `seq` after the server said continuity is lost. */
  resetCursor(seq: number, reason: string): void;
  snapshot(): SessionSnapshot;
  /** Forgets token, conversation and cursor (after logout): the next hello starts a new session. */
  forget(): void;
}

/** Creates the session state; `emit` receives the transport events it produces. */
export function createSwpSession(emit: (event: TransportEvent) => void): SwpSession {
  let token: string | undefined;
  let conversationId: string | undefined;
  let cursor: number | undefined;
  let operator: Participant | null = null;
  const opening = createOpenSlot();

  return {
    get token() {
      return token;
    },
    get conversationId() {
      return conversationId;
    },
    get cursor() {
      return cursor;
    },
    restore(snapshot) {
      if (!snapshot) return;
      if (snapshot.sessionToken !== undefined) token = snapshot.sessionToken;
      if (snapshot.conversationId !== undefined) conversationId = snapshot.conversationId;
      if (snapshot.cursor !== undefined && /^\d{1,15}$/.test(snapshot.cursor)) cursor = Number(snapshot.cursor);
    },
    resumeRequest() {
      return conversationId !== undefined && cursor !== undefined ? { conversationId, cursor: String(cursor) } : undefined;
    },
    openRequest: () => opening.request(),
    requestOpen: (name, target, timeoutMs) => opening.ask(name, target, timeoutMs),
    cancelOpen: (error) => opening.settle(error),
    applyWelcome(w, askedToResume) {
      const sameConversation = conversationId === w.conversationId;
      const switched = conversationId !== undefined && !sameConversation;
      const lostContinuity = (askedToResume || switched) && !(sameConversation && w.resumed);
      token = w.sessionToken;
      conversationId = w.conversationId;
      if (switched) {
        operator = null;
        emit({ type: 'conversation.switched', conversationId: w.conversationId });
      }
      if (w.conversations) emit({ type: 'conversations', conversations: w.conversations, activeId: w.conversationId });
      // Without continuity the server streams nothing older: start at its head and let the SDK refetch.
      if (lostContinuity) cursor = Number(w.cursor);
      else if (cursor === undefined) cursor = 0;
      for (const event of welcomeToEvents({ ...w, t: 'welcome', ref: '' }, operator)) emit(event);
      operator = w.conversation.operator ?? null;
      if (lostContinuity) emit({ type: 'resync', reason: sameConversation ? 'cursor no longer available' : 'new conversation' });
      opening.settle();
    },
    applyEvent(seq, event) {
      if (cursor !== undefined && seq <= cursor) return false;
      // Events are numbered without holes: a jump means some were lost on the way (a faulty
      // proxy or server), so the SDK refetches history once this one is applied.
      const gap = cursor !== undefined && seq > cursor + 1;
      cursor = seq;
      if (event) {
        if (event.type === 'participant' && event.participant.role === 'agent') {
          operator = event.action === 'joined' ? event.participant : null;
        }
        if (event.type === 'conversation' && event.state === 'closed') operator = null;
        emit(toTransportEvent(seq, event));
      }
      if (gap) emit({ type: 'resync', reason: `events before ${seq} are missing` });
      return true;
    },
    advance(seq) {
      if (cursor === undefined || seq > cursor) cursor = seq;
    },
    resetCursor(seq, reason) {
      cursor = seq;
      emit({ type: 'resync', reason });
    },
    forget() {
      token = conversationId = cursor = undefined;
    },
    snapshot() {
      return {
        ...(token !== undefined ? { sessionToken: token } : {}),
        ...(conversationId !== undefined ? { conversationId } : {}),
        ...(cursor !== undefined ? { cursor: String(cursor) } : {}),
      };
    },
  };
}
