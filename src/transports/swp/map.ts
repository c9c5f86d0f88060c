/**
 * Mapping of SWP/1 wire shapes onto the core `TransportEvent` union.
 * @module
 */
import type { Participant } from '../../core/model';
import type { IncomingMessage, TransportEvent, TransportErrorInfo } from '../../core/transport';
import type { TransportError } from '../../core/errors';
import { fromErrorInfo, toErrorInfo as codecToErrorInfo } from '../../protocol/errors';
import type { WelcomeFrame, WireError, WireEvent, WireMessage } from './frames';

/** A wire message as the SDK receives it (keeps `seq` and `clientId`). */
export function toIncomingMessage(m: WireMessage): IncomingMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    from: m.from,
    parts: m.parts,
    createdAt: m.createdAt,
    ...(m.clientId !== undefined ? { clientId: m.clientId } : {}),
    ...(m.quickReplies ? { quickReplies: m.quickReplies } : {}),
    ...(m.action ? { action: m.action } : {}),
  };
}

/** A durable wire event (with the seq of its frame) as a transport event. */
export function toTransportEvent(seq: number, e: WireEvent): TransportEvent {
  switch (e.type) {
    case 'message':
    case 'message.updated':
      return { type: e.type, message: toIncomingMessage(e.message) };
    case 'participant':
      return { type: 'participant', action: e.action, participant: e.participant, seq };
    case 'conversation':
      return { type: 'conversation', state: e.state, seq, ...(e.reason !== undefined ? { reason: e.reason } : {}) };
    case 'queue':
      return {
        type: 'queue',
        queue: { position: e.position, ...(e.etaSeconds !== undefined ? { etaSeconds: e.etaSeconds } : {}) },
        seq,
      };
    case 'handoff':
      return {
        type: 'handoff',
        state: e.state,
        seq,
        ...(e.challenge ? { challenge: e.challenge } : {}),
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.availability ? { availability: e.availability } : {}),
      };
    case 'read':
      return { type: 'read', by: e.by, upTo: e.upTo, seq };
  }
}

/**
 * The state events equivalent to a `welcome` snapshot, so a reconnect resyncs state (conversation,
 * handoff and challenge, operator, queue, read marker), not only messages.
 * @param previousOperator the operator the client last saw joined, to report that they left.
 */
export function welcomeToEvents(w: WelcomeFrame, previousOperator?: Participant | null): TransportEvent[] {
  const c = w.conversation;
  const events: TransportEvent[] = [
    { type: 'capabilities', capabilities: w.capabilities },
    { type: 'availability', availability: w.availability },
    { type: 'conversation', state: c.state },
    {
      type: 'handoff',
      state: c.handoff,
      ...(c.challenge ? { challenge: c.challenge } : {}),
      ...(c.handoffReason ? { reason: c.handoffReason } : {}),
    },
  ];
  if (c.operator) events.push({ type: 'participant', action: 'joined', participant: c.operator });
  else if (previousOperator) events.push({ type: 'participant', action: 'left', participant: previousOperator });
  if (c.queue && (c.state === 'queued' || c.handoff === 'queued')) {
    events.push({
      type: 'queue',
      queue: { position: c.queue.position, ...(c.queue.etaSeconds !== undefined ? { etaSeconds: c.queue.etaSeconds } : {}) },
    });
  }
  if (c.readUpTo !== undefined && c.readUpTo > 0) {
    events.push({ type: 'read', by: { id: 'operator', role: c.operator ? 'agent' : 'bot' }, upTo: c.readUpTo });
  }
  return events;
}

/** Plain-data error info from a wire error (a fresh copy). */
export function toErrorInfo(e: WireError): TransportErrorInfo {
  return { ...e };
}

/** A thrown `TransportError` from a wire error (the protocol's codec). */
export function toTransportError(transport: string, e: WireError | TransportErrorInfo, cause?: unknown): TransportError {
  return fromErrorInfo(transport, e, cause);
}

/** Plain-data error info from a thrown `TransportError` (the protocol's codec). */
export function errorInfoOf(e: TransportError): TransportErrorInfo {
  return codecToErrorInfo(e);
}
