/**
 * Decoding of SWP/1 server frames: safe JSON parsing, discriminant and field validation.
 * Unknown frame types and unknown event types are ignored (forward compatibility); a frame that
 * breaks the protocol becomes a `ProtocolError` the caller reports without dropping the connection.
 * @module
 */
import type { Capabilities } from '../../core/model';
import { ProtocolError } from '../../core/errors';
import type { ServerFrame, WireConversation, WireEvent } from './frames';
import { isRecord, parseJson } from './json';
import * as v from './validate';

/** An `event` frame whose event type this client does not know: apply only its seq. */
export interface UnknownEventFrame {
  t: 'event';
  seq: number;
  conversationId: string;
  event: null;
}

/** A validated server frame. */
export type DecodedFrame = ServerFrame | UnknownEventFrame;

/** Result of {@link decodeServerFrame}. */
export type DecodeResult =
  | { kind: 'frame'; frame: DecodedFrame }
  | { kind: 'ignored'; type: string }
  | { kind: 'error'; error: ProtocolError };

const bad = (what: string): DecodeResult => ({ kind: 'error', error: new ProtocolError(`swp: malformed ${what} frame`) });

/** Parses and validates one server frame from a WebSocket text message. */
export function decodeServerFrame(data: unknown): DecodeResult {
  if (typeof data !== 'string') return { kind: 'error', error: new ProtocolError('swp: binary frame where text was expected') };
  let raw: unknown;
  try {
    raw = parseJson(data);
  } catch {
    return { kind: 'error', error: new ProtocolError('swp: frame is not valid JSON') };
  }
  if (!isRecord(raw) || typeof raw.t !== 'string') return { kind: 'error', error: new ProtocolError('swp: frame without a type') };
  return decodeRecord(raw);
}

/** Validates an already parsed frame object. */
export function decodeRecord(raw: Record<string, unknown>): DecodeResult {
  const frame = (f: DecodedFrame): DecodeResult => ({ kind: 'frame', frame: f });
  const t = raw.t;
  switch (t) {
    case 'welcome':
      return decodeWelcome(raw);
    case 'ack': {
      const ref = v.str(raw.ref);
      if (ref === undefined) return bad(t);
      const result = raw.result === 'ok' || raw.result === 'invalid' || raw.result === 'expired' ? raw.result : undefined;
      const seq = v.seqOf(raw.seq);
      const attemptsLeft = v.num(raw.attemptsLeft);
      const strings = { clientId: v.str(raw.clientId), id: v.str(raw.id), createdAt: v.str(raw.createdAt) };
      return frame({
        t,
        ref,
        ...(strings.clientId !== undefined ? { clientId: strings.clientId } : {}),
        ...(strings.id !== undefined ? { id: strings.id } : {}),
        ...(strings.createdAt !== undefined ? { createdAt: strings.createdAt } : {}),
        ...(seq !== undefined ? { seq } : {}),
        ...(result ? { result } : {}),
        ...(attemptsLeft !== undefined ? { attemptsLeft } : {}),
      });
    }
    case 'nack': {
      const ref = v.str(raw.ref);
      return ref === undefined ? bad(t) : frame({ t, ref, error: v.wireError(raw.error) });
    }
    case 'event': {
      const seq = v.seqOf(raw.seq);
      const conversationId = v.str(raw.conversationId);
      if (seq === undefined || conversationId === undefined || !isRecord(raw.event) || typeof raw.event.type !== 'string') return bad(t);
      const event = decodeEvent(raw.event);
      if (event === 'bad') return bad(`${raw.event.type} event`);
      return frame(event === null ? { t, seq, conversationId, event: null } : { t, seq, conversationId, event });
    }
    case 'typing': {
      const from = v.participant(raw.from);
      const conversationId = v.str(raw.conversationId);
      if (!from || conversationId === undefined || typeof raw.on !== 'boolean') return bad(t);
      return frame({ t, conversationId, from, on: raw.on });
    }
    case 'history.page': {
      const ref = v.str(raw.ref);
      if (ref === undefined || !Array.isArray(raw.messages) || typeof raw.hasMore !== 'boolean') return bad(t);
      const messages = raw.messages.map(v.wireMessage);
      if (messages.some((m) => m === undefined)) return bad(t);
      const before = v.seqOf(raw.before);
      return frame({ t, ref, messages: messages as NonNullable<(typeof messages)[number]>[], hasMore: raw.hasMore, ...(before !== undefined ? { before } : {}) });
    }
    case 'availability': {
      const availability = v.availability(raw.availability);
      return availability ? frame({ t, availability }) : bad(t);
    }
    case 'goaway': {
      const reconnectInMs = v.num(raw.reconnectInMs);
      return frame({ t, reconnectInMs: Math.max(0, reconnectInMs ?? 0), reason: v.str(raw.reason) ?? 'goaway' });
    }
    case 'error':
      return frame({ t, error: v.wireError(raw.error) });
    case 'ping': {
      const seq = v.num(raw.seq);
      return frame({ t, n: v.num(raw.n) ?? 0, ...(seq !== undefined && Number.isInteger(seq) && seq >= 0 ? { seq } : {}) });
    }
    case 'pong':
      return frame({ t, n: v.num(raw.n) ?? 0 });
    default:
      return { kind: 'ignored', type: String(t) };
  }
}

/** Validates a durable event: `null` for unknown types, `'bad'` for known types with bad fields. */
export function decodeEvent(e: Record<string, unknown>): WireEvent | null | 'bad' {
  switch (e.type) {
    case 'message':
    case 'message.updated': {
      const message = v.wireMessage(e.message);
      return message ? { type: e.type, message } : 'bad';
    }
    case 'participant': {
      const participant = v.participant(e.participant);
      if (!participant || (e.action !== 'joined' && e.action !== 'left')) return 'bad';
      return { type: 'participant', action: e.action, participant };
    }
    case 'conversation': {
      const state = v.conversationState(e.state);
      const reason = v.str(e.reason);
      return state ? { type: 'conversation', state, ...(reason !== undefined ? { reason } : {}) } : 'bad';
    }
    case 'queue': {
      const position = v.queuePosition(e.position);
      const etaSeconds = v.num(e.etaSeconds);
      if (position === undefined) return 'bad';
      return { type: 'queue', position, ...(etaSeconds !== undefined ? { etaSeconds } : {}) };
    }
    case 'handoff': {
      const state = v.handoffState(e.state);
      if (!state) return 'bad';
      const challenge = v.challenge(e.challenge);
      const reason = v.str(e.reason);
      const availability = v.availability(e.availability);
      return {
        type: 'handoff',
        state,
        ...(challenge ? { challenge } : {}),
        ...(reason !== undefined ? { reason } : {}),
        ...(availability ? { availability } : {}),
      };
    }
    case 'read': {
      const by = v.participant(e.by);
      const upTo = v.seqOf(e.upTo);
      return by && upTo !== undefined ? { type: 'read', by, upTo } : 'bad';
    }
    default:
      return null;
  }
}

function decodeConversation(raw: unknown): WireConversation | undefined {
  if (!isRecord(raw)) return undefined;
  const id = v.str(raw.id);
  const state = v.conversationState(raw.state);
  const handoff = v.handoffState(raw.handoff);
  const lastSeq = v.seqOf(raw.lastSeq);
  if (id === undefined || !state || !handoff || lastSeq === undefined) return undefined;
  const challenge = v.challenge(raw.challenge);
  const operator = v.participant(raw.operator);
  const readUpTo = v.seqOf(raw.readUpTo);
  let queue: WireConversation['queue'];
  if (isRecord(raw.queue)) {
    const position = v.queuePosition(raw.queue.position);
    const etaSeconds = v.num(raw.queue.etaSeconds);
    if (position !== undefined) queue = { position, ...(etaSeconds !== undefined ? { etaSeconds } : {}) };
  }
  return {
    id,
    state,
    handoff,
    lastSeq,
    ...(challenge ? { challenge } : {}),
    ...(operator ? { operator } : {}),
    ...(queue ? { queue } : {}),
    ...(readUpTo !== undefined ? { readUpTo } : {}),
  };
}

/** Keeps only capability fields of the right type. */
export function decodeCapabilities(raw: unknown): Partial<Capabilities> {
  if (!isRecord(raw)) return {};
  const out: Partial<Capabilities> = {};
  const bools = ['realtime', 'quickReplies', 'cards', 'verification', 'queuePosition', 'closeConversation', 'rating', 'idempotentSend'] as const;
  for (const k of bools) if (typeof raw[k] === 'boolean') out[k] = raw[k] as boolean;
  if (raw.history === 'backward' || raw.history === 'forward' || raw.history === 'none') out.history = raw.history;
  if (raw.humanHandoff === 'none' || raw.humanHandoff === 'signal' || raw.humanHandoff === 'native') out.humanHandoff = raw.humanHandoff;
  for (const k of ['typing', 'readReceipts'] as const) {
    const pair = raw[k];
    if (isRecord(pair) && typeof pair.inbound === 'boolean' && typeof pair.outbound === 'boolean') {
      out[k] = { inbound: pair.inbound, outbound: pair.outbound };
    }
  }
  const a = raw.attachments;
  if (a === false) out.attachments = false;
  else if (isRecord(a)) {
    const maxBytes = v.num(a.maxBytes);
    const maxFiles = v.num(a.maxFiles);
    const accept = Array.isArray(a.accept) ? a.accept.filter((x): x is string => typeof x === 'string') : [];
    if (maxBytes !== undefined && maxFiles !== undefined) out.attachments = { maxBytes, maxFiles, accept };
  }
  return out;
}

/** Validated `welcome` body, shared by the WebSocket frame and the HTTP session response. */
export function decodeWelcome(raw: Record<string, unknown>): DecodeResult {
  const sessionToken = v.str(raw.sessionToken);
  const conversationId = v.str(raw.conversationId);
  const conversation = decodeConversation(raw.conversation);
  const cursor = typeof raw.cursor === 'number' ? String(raw.cursor) : v.str(raw.cursor);
  if (sessionToken === undefined || conversationId === undefined || cursor === undefined || !/^\d+$/.test(cursor)) return bad('welcome');
  const user = isRecord(raw.user) ? raw.user : {};
  return {
    kind: 'frame',
    frame: {
      t: 'welcome',
      ref: v.str(raw.ref) ?? '',
      sessionId: v.str(raw.sessionId) ?? '',
      sessionToken,
      conversationId,
      resumed: raw.resumed === true,
      cursor,
      heartbeatMs: v.num(raw.heartbeatMs) ?? 0,
      capabilities: decodeCapabilities(raw.capabilities) as Capabilities,
      conversation: conversation ?? { id: conversationId, state: 'open', handoff: 'none', lastSeq: Number(cursor) },
      availability: v.availability(raw.availability) ?? { operatorsOnline: false },
      user: { id: v.str(user.id) ?? '', role: 'user', verified: user.verified === true },
    },
  };
}
