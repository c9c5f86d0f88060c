/**
 * Validators of SWP/1 server → client frames. A frame of an unknown type is `ignored`, an event of
 * an unknown type keeps only its seq (forward compatibility); anything else malformed fails,
 * naming the field.
 * @module
 */
import type { Capabilities } from '../core/model';
import {
  array,
  boolean,
  fail,
  lenient,
  literal,
  map,
  number,
  object,
  ok,
  oneOf,
  orDefault,
  seq,
  string,
  type Checker,
  type CheckResult,
  type Shape,
} from './check';
import { checkCapabilities } from './capabilities';
import { wireConversationList, wireConversationSummary } from './conversations';
import { CONVERSATION_STATES, HANDOFF_STATES, PARTICIPANT_ACTIONS, VERIFICATION_RESULTS } from './enums';
import type { ServerFrame, WelcomeFrame, WireConversation, WireEvent } from './frames';
import { isRecord, own } from './json';
import { wireMessage } from './messages';
import { availability, challenge, errorInfo, handoffPreview, participant, queuePosition } from './model';

/** An `event` frame whose event type this client does not know: apply only its seq. */
export interface UnknownEventFrame {
  t: 'event';
  seq: number;
  conversationId: string;
  event: null;
}

/** A validated server frame. */
export type DecodedFrame = ServerFrame | UnknownEventFrame;

/** Outcome of {@link checkServerFrame}: `ignored` for a frame type this version does not know. */
export type ServerFrameResult = CheckResult<DecodedFrame> | { ok: 'ignored'; type: string };

const id = string({ max: 256 });
const text = lenient(string({ max: 2000 }));
const etaSeconds = lenient(number({ min: 0 }));

const EVENTS: { readonly [K in WireEvent['type']]: Shape } = {
  message: { type: literal('message'), message: wireMessage },
  'message.updated': { type: literal('message.updated'), message: wireMessage },
  participant: { type: literal('participant'), action: oneOf(PARTICIPANT_ACTIONS), participant },
  conversation: { type: literal('conversation'), state: oneOf(CONVERSATION_STATES), reason: text },
  queue: { type: literal('queue'), position: queuePosition, etaSeconds },
  handoff: {
    type: literal('handoff'),
    state: oneOf(HANDOFF_STATES),
    challenge: lenient(challenge),
    reason: text,
    availability: lenient(availability),
  },
  read: { type: literal('read'), by: participant, upTo: seq },
};
const EVENT_CHECKERS = new Map(Object.entries(EVENTS).map(([type, shape]) => [type, object(shape) as Checker<WireEvent>]));

/** Checks a durable event: `null` for a type this version does not know. */
export function checkWireEvent(value: unknown, path = 'event'): CheckResult<WireEvent> | null {
  if (!isRecord(value)) return fail(path, 'must be an object');
  const type = own(value, 'type');
  if (typeof type !== 'string') return fail(`${path}.type`, 'must be a string');
  const checker = EVENT_CHECKERS.get(type);
  return checker ? checker(value, path) : null;
}

const eventFrame: Checker<DecodedFrame> = (v, path) => {
  const head = object({ t: literal('event'), seq, conversationId: id })(v, path);
  if (!head.ok) return head;
  const event = checkWireEvent(own(v as Record<string, unknown>, 'event'));
  if (event === null) return ok({ ...head.value, event: null });
  return event.ok ? ok({ ...head.value, event: event.value }) : event;
};

const wireConversation: Checker<WireConversation> = object({
  id,
  state: oneOf(CONVERSATION_STATES),
  handoff: oneOf(HANDOFF_STATES),
  lastSeq: seq,
  challenge: lenient(challenge),
  operator: lenient(participant),
  queue: lenient(object({ position: queuePosition, etaSeconds })),
  readUpTo: lenient(seq),
  handoffReason: lenient(string({ max: 200 })),
});

/** A cursor: a seq as a decimal string (servers may send the number). */
const cursor: Checker<string> = (v, path) => {
  if (typeof v === 'number') return map(seq, String)(v, path);
  const r = string({ max: 32 })(v, path);
  return !r.ok || /^\d+$/.test(r.value) ? r : fail(path, 'must be a decimal seq');
};

/** Validated `welcome` body, shared by the WebSocket frame and the HTTP session response. */
export function checkWelcome(raw: unknown): CheckResult<WelcomeFrame> {
  const required = object({
    sessionToken: string({ max: 4096 }),
    conversationId: id,
    cursor,
  })(raw, 'welcome');
  if (!required.ok) return required;
  const { sessionToken, conversationId } = required.value;
  const cursorText = required.value.cursor;
  const r = raw as Record<string, unknown>;
  const user = isRecord(own(r, 'user')) ? (own(r, 'user') as Record<string, unknown>) : {};
  const conversation = wireConversation(own(r, 'conversation'), 'welcome.conversation');
  const heartbeat = number({ min: 0 })(own(r, 'heartbeatMs'), '');
  const avail = availability(own(r, 'availability'), '');
  const list = wireConversationList(own(r, 'conversations'), 'welcome.conversations');
  return ok({
    ...(list.ok ? { conversations: list.value } : {}),
    t: 'welcome',
    ref: typeof own(r, 'ref') === 'string' ? (own(r, 'ref') as string) : '',
    sessionId: typeof own(r, 'sessionId') === 'string' ? (own(r, 'sessionId') as string) : '',
    sessionToken,
    conversationId,
    resumed: own(r, 'resumed') === true,
    cursor: cursorText,
    heartbeatMs: heartbeat.ok ? heartbeat.value : 0,
    capabilities: checkCapabilities(own(r, 'capabilities')) as Capabilities,
    conversation: conversation.ok
      ? conversation.value
      : { id: conversationId, state: 'open', handoff: 'none', lastSeq: Number(cursorText) },
    availability: avail.ok ? avail.value : { operatorsOnline: false },
    user: {
      id: typeof own(user, 'id') === 'string' ? (own(user, 'id') as string) : '',
      role: 'user',
      verified: own(user, 'verified') === true,
    },
  });
}

const pingSeq = lenient(seq);
const FRAMES: Record<string, Checker<DecodedFrame>> = {
  welcome: (v) => checkWelcome(v),
  ack: object({
    t: literal('ack'),
    ref: string(),
    clientId: lenient(id),
    id: lenient(id),
    seq: lenient(seq),
    createdAt: lenient(string({ max: 64 })),
    result: lenient(oneOf(VERIFICATION_RESULTS)),
    attemptsLeft: lenient(number()),
    locked: lenient(boolean),
    challenge: lenient(challenge),
    preview: lenient(handoffPreview),
    conversations: lenient(wireConversationList),
  }),
  'conversation.summary': object({ t: literal('conversation.summary'), conversation: wireConversationSummary }),
  nack: object({ t: literal('nack'), ref: string(), error: errorInfo }),
  event: eventFrame,
  typing: object({ t: literal('typing'), conversationId: id, from: participant, on: boolean }),
  'history.page': object({
    t: literal('history.page'),
    ref: string(),
    messages: array(wireMessage),
    before: lenient(seq),
    hasMore: boolean,
  }),
  availability: object({ t: literal('availability'), availability }),
  goaway: object({
    t: literal('goaway'),
    reconnectInMs: map(orDefault(number(), 0), (n) => Math.max(0, n)),
    reason: orDefault(string(), 'goaway'),
  }),
  error: object({ t: literal('error'), error: errorInfo }),
  ping: object({ t: literal('ping'), n: orDefault(number(), 0), seq: pingSeq }),
  pong: object({ t: literal('pong'), n: orDefault(number(), 0) }),
};

/** Checks one parsed server frame (an object with a string `t`). */
export function checkServerFrame(raw: Record<string, unknown>): ServerFrameResult {
  const t = own(raw, 't');
  if (typeof t !== 'string') return fail('t', 'must be a string');
  const checker = Object.prototype.hasOwnProperty.call(FRAMES, t) ? FRAMES[t] : undefined;
  return checker ? checker(raw, '') : { ok: 'ignored', type: t };
}
