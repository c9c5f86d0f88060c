/**
 * SWP/1 several conversations: the summary of a conversation a session has (in `welcome`, in the
 * answer to `conversations.list`, in `conversation.summary` frames and in long-poll responses) and
 * its validator. A client keeps one conversation's messages; the others are summaries.
 * @module
 */
import { array, boolean, lenient, number, object, oneOf, string, type Checker } from './check';
import { CONVERSATION_STATES, ROLES } from './enums';
import type { ConversationState, ParticipantRole } from './enums';

/** A channel the server offers (`support`, `notifications`, `documents`, …). */
export interface WireChannel {
  id: string;
  /** Display title; without it the client names known ids itself. */
  title?: string;
  /** Nobody but the server writes here: the server refuses a customer's send. */
  readOnly: boolean;
}

/** One conversation of the session, without its messages. */
export interface WireConversationSummary {
  id: string;
  channel: string;
  title?: string;
  state: ConversationState;
  readOnly: boolean;
  /** The newest message, as plain text (attachments as their file name). */
  lastMessage?: { text: string; from: ParticipantRole; at: string };
  /** ISO time of the last change (the newest message, else the creation). */
  updatedAt: string;
  /** Bot, operator and system messages after the customer's read mark. */
  unread: number;
}

/** Asks for the session's conversation list (answered by an `ack` with `conversations`). */
export interface ConversationsListFrame {
  t: 'conversations.list';
  id: string;
}

/** A conversation of the session changed (a message, a read mark, a close). */
export interface ConversationSummaryFrame {
  t: 'conversation.summary';
  conversation: WireConversationSummary;
}

const id = string({ min: 1, max: 256 });

/** Checks a channel description. */
export const wireChannel: Checker<WireChannel> = object({ id, title: lenient(string({ max: 200 })), readOnly: boolean });

/** Checks a conversation summary. */
export const wireConversationSummary: Checker<WireConversationSummary> = object({
  id,
  channel: id,
  title: lenient(string({ max: 200 })),
  state: oneOf(CONVERSATION_STATES),
  readOnly: boolean,
  lastMessage: lenient(object({ text: string({ max: 2000 }), from: oneOf(ROLES), at: string({ max: 64 }) })),
  updatedAt: string({ max: 64 }),
  unread: number({ min: 0, integer: true }),
});

/** Checks a list of summaries (a bad entry is left out). */
export const wireConversationList: Checker<WireConversationSummary[]> = array(wireConversationSummary, { dropInvalid: true, max: 500 });
