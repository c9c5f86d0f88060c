/**
 * The "server side" of the memory transport: one conversation with its durable event log.
 * Every durable event gets the next seq; messages are kept for history pages.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { ConversationState, VerificationChallenge } from '../../core/model';
import type { HistoryPage, IncomingMessage, SendReceipt, SessionSnapshot, TransportEvent } from '../../core/transport';

/** A durable event before it has a seq. @internal */
export type DurableInput =
  | { type: 'message'; message: IncomingMessage }
  | Extract<TransportEvent, { type: 'participant' | 'conversation' | 'queue' | 'handoff' }>;

/** Where the conversation is on the bot → operator path. @internal */
export type Phase = 'bot' | 'verify' | 'queued' | 'operator';

/** @internal */
export interface Conversation {
  readonly id: string;
  readonly token: string;
  /** Last seq given out. */
  seq: number;
  /** Durable events in seq order. */
  readonly log: TransportEvent[];
  readonly messages: IncomingMessage[];
  /** Receipts by clientId: a repeated send gets the same one. */
  readonly receipts: Map<string, SendReceipt>;
  state: ConversationState;
  phase: Phase;
  /** Bumped when the conversation closes: replies scheduled before are dropped. */
  epoch: number;
  /** Misunderstandings in a row. */
  misses: number;
  challenge?: VerificationChallenge;
  position: number;
  /** How many times the operator answered. */
  turns: number;
}

/**
 * A new conversation. Given the snapshot of one this instance does not know (the page was
 * reloaded), it carries on with that id and after that cursor, as a server with storage would.
 * @internal
 */
export function createConversation(resume?: SessionSnapshot): Conversation {
  return {
    id: resume?.conversationId ?? createId(),
    token: resume?.sessionToken ?? createId(),
    seq: Number(resume?.cursor) || 0,
    log: [],
    messages: [],
    receipts: new Map(),
    state: 'open',
    phase: 'bot',
    epoch: 0,
    misses: 0,
    position: 0,
    turns: 0,
  };
}

/** Gives `input` the next seq, stores it and returns the event to deliver. @internal */
export function append(c: Conversation, input: DurableInput): TransportEvent {
  const seq = ++c.seq;
  let event: TransportEvent;
  if (input.type === 'message') {
    const message: IncomingMessage = { ...input.message, conversationId: c.id, seq };
    c.messages.push(message);
    event = { type: 'message', message };
  } else {
    event = { ...input, seq };
  }
  c.log.push(event);
  return event;
}

/** A page of messages older than `before` (a seq, as a string), like a server's history. @internal */
export function historyPage(c: Conversation, before: string | undefined, limit: number): HistoryPage {
  const below = before === undefined ? Infinity : Number(before);
  if (Number.isNaN(below)) throw new TransportError('memory', 'invalid', `bad history cursor ${before}`);
  const older = c.messages.filter((m) => (m.seq ?? 0) < below);
  const page = older.slice(-Math.max(1, limit));
  const first = page[0]?.seq;
  return { messages: page, hasMore: older.length > page.length, ...(first !== undefined ? { before: String(first) } : {}) };
}

/**
 * What a server sends a client resuming from `cursor`: a resync when the cursor is past its log
 * (it cannot tell what the client has), then the state events again and the messages it missed.
 * @internal
 */
export function replay(c: Conversation, cursor: string | undefined): TransportEvent[] {
  const after = Number(cursor ?? 0) || 0;
  const missed = c.log.filter((e) => e.type !== 'message' || (e.message.seq ?? 0) > after);
  return after > c.seq ? [{ type: 'resync', reason: 'unknown cursor' }, ...missed] : missed;
}

/**
 * Lets the conversation follow an event the test or QA panel injected, as if the server's own
 * logic had produced it: a later `rate`, `submitVerification` or handoff step then sees it.
 * @internal
 */
export function observe(c: Conversation, event: TransportEvent): void {
  if (event.type === 'conversation') {
    c.state = event.state;
    if (event.state === 'closed') {
      c.phase = 'bot';
      c.epoch++;
      delete c.challenge;
    }
  } else if (event.type === 'handoff') {
    if (event.state === 'verification_required' && event.challenge) {
      c.phase = 'verify';
      c.challenge = event.challenge;
    } else if (event.state === 'queued') c.phase = 'queued';
    else if (event.state === 'accepted') c.phase = 'operator';
    else if (event.state === 'none' || event.state === 'offline') c.phase = 'bot';
  }
}
