/**
 * Validators of what any transport (built-in or custom) emits: core runs every `TransportEvent`
 * through {@link checkTransportEvent} before it touches state.
 * @module
 */
import type { IncomingMessage, TransportEvent } from '../core/transport';
import {
  boolean,
  fail,
  lenient,
  literal,
  number,
  object,
  ok,
  oneOf,
  optional,
  seq,
  string,
  type Checker,
  type CheckResult,
  type Shape,
} from './check';
import { checkCapabilities } from './capabilities';
import { wireConversationList, wireConversationSummary } from './conversations';
import { CONNECTION_STATUSES, CONVERSATION_STATES, HANDOFF_STATES, PARTICIPANT_ACTIONS } from './enums';
import { isRecord, own } from './json';
import { incomingMessage } from './messages';
import { availability, challenge, errorInfo, participant, queueInfo } from './model';

export type { CheckResult } from './check';

const reason = lenient(string({ max: 2000 }));
const optSeq = optional(seq);

/** The validator of every known event type, by `type`. */
const EVENT_SHAPES: { readonly [K in TransportEvent['type']]: Shape } = {
  status: {
    type: literal('status'),
    status: oneOf(CONNECTION_STATUSES),
    retryInMs: optional(number({ min: 0 })),
    error: optional(errorInfo),
  },
  capabilities: { type: literal('capabilities'), capabilities: (v) => ok(checkCapabilities(v)) },
  message: { type: literal('message'), message: incomingMessage },
  'message.updated': { type: literal('message.updated'), message: incomingMessage },
  'message.deleted': { type: literal('message.deleted'), id: string({ max: 256 }), seq: optSeq },
  typing: { type: literal('typing'), from: participant, on: boolean },
  read: { type: literal('read'), by: participant, upTo: seq, seq: optSeq },
  participant: { type: literal('participant'), action: oneOf(PARTICIPANT_ACTIONS), participant, seq: optSeq },
  conversation: { type: literal('conversation'), state: oneOf(CONVERSATION_STATES), reason, seq: optSeq },
  queue: { type: literal('queue'), queue: queueInfo, seq: optSeq },
  handoff: {
    type: literal('handoff'),
    state: oneOf(HANDOFF_STATES),
    challenge: lenient(challenge),
    reason,
    availability: lenient(availability),
    seq: optSeq,
  },
  availability: { type: literal('availability'), availability },
  resync: { type: literal('resync'), reason: string({ max: 2000 }) },
  conversations: { type: literal('conversations'), conversations: wireConversationList, activeId: lenient(string({ max: 256 })) },
  'conversation.summary': { type: literal('conversation.summary'), conversation: wireConversationSummary },
  'conversation.switched': { type: literal('conversation.switched'), conversationId: string({ min: 1, max: 256 }) },
  error: { type: literal('error'), error: errorInfo },
};

const EVENT_CHECKERS = Object.fromEntries(Object.entries(EVENT_SHAPES).map(([type, shape]) => [type, object(shape)])) as Record<
  string,
  Checker<unknown>
>;

/** Events a built-in SWP transport made from frames it had already checked with these validators. */
const vouched = new WeakSet<object>();

/**
 * Marks an event as made from checked frames, so {@link checkTransportEvent} passes it without
 * walking it a second time (a 100,000-character text was checked twice per message). Only the
 * SWP transports call it, for the events they build themselves; never for relayed events.
 */
export function vouchFor(event: TransportEvent): void {
  vouched.add(event);
}

/**
 * Checks one event as any transport may emit it, and cleans it (unknown fields dropped).
 * An event of a type this version does not know passes unchanged: listeners ignore unknown types,
 * so new kinds never break old SDKs (forward compatibility).
 */
export function checkTransportEvent(value: unknown): CheckResult<TransportEvent> {
  if (typeof value === 'object' && value !== null && vouched.has(value)) return ok(value as TransportEvent);
  if (!isRecord(value)) return fail('', 'an event must be an object');
  const type = own(value, 'type');
  if (typeof type !== 'string') return fail('type', 'must be a string');
  const checker = Object.prototype.hasOwnProperty.call(EVENT_CHECKERS, type) ? EVENT_CHECKERS[type] : undefined;
  if (!checker) return ok(value as unknown as TransportEvent);
  return checker(value, '') as CheckResult<TransportEvent>;
}

/** Checks one message as a transport delivers it (from `fetchHistory`, for instance). */
export function checkIncomingMessage(value: unknown): CheckResult<IncomingMessage> {
  return incomingMessage(value, 'message');
}
