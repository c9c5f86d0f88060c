/**
 * SWP/1 payload validators in the shape the transports call them: each returns the cleaned value,
 * or `undefined` when the input cannot be used. Thin over the protocol's checkers
 * (`src/protocol`), which hold the rules; this file only adapts their results.
 * @module
 */
import type {
  Action,
  AttachmentRef,
  Availability,
  ConversationState,
  HandoffState,
  Participant,
  Part,
  TransportErrorCode,
  VerificationChallenge,
} from '../../core/model';
import { check, seq, type Checker } from '../../protocol/check';
import { CONVERSATION_STATES, ERROR_CODES, HANDOFF_STATES, isOneOf } from '../../protocol/enums';
import { wireMessage as wireMessageChecker } from '../../protocol/messages';
import * as model from '../../protocol/model';
import { checkPart, UNKNOWN_PART } from '../../protocol/parts';
import type { WireError, WireMessage } from './frames';

const cleaned = <T>(checker: Checker<T>, v: unknown): T | undefined => {
  const r = check(checker, v);
  return r.ok ? r.value : undefined;
};

/** A string, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A finite number, or undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** A non-negative integer, or undefined. */
export const seqOf = (v: unknown): number | undefined => cleaned(seq, v);

/** A participant, or undefined. */
export const participant = (v: unknown): Participant | undefined => cleaned(model.participant, v);
/** A button, or undefined. */
export const action = (v: unknown): Action | undefined => cleaned(model.action, v);
/** An uploaded file, or undefined. */
export const attachment = (v: unknown): AttachmentRef | undefined => cleaned(model.attachment, v);
/** A one-time code challenge, or undefined. */
export const challenge = (v: unknown): VerificationChallenge | undefined => cleaned(model.challenge, v);
/** Operator availability, or undefined. */
export const availability = (v: unknown): Availability | undefined => cleaned(model.availability, v);

/** One part, or undefined for a bad one or one of an unknown kind. */
export function part(v: unknown): Part | undefined {
  const r = checkPart(v, '');
  return r !== UNKNOWN_PART && r.ok ? r.value : undefined;
}

/** A wire message, or undefined when a field is bad. Parts of unknown kinds are dropped. */
export const wireMessage = (v: unknown): WireMessage | undefined => cleaned(wireMessageChecker, v);

/** A conversation state, or undefined. */
export const conversationState = (v: unknown): ConversationState | undefined => (isOneOf(CONVERSATION_STATES, v) ? v : undefined);
/** A handoff state, or undefined. */
export const handoffState = (v: unknown): HandoffState | undefined => (isOneOf(HANDOFF_STATES, v) ? v : undefined);

/** Queue position: a number, or null when unknown. */
export const queuePosition = (v: unknown): number | null | undefined => cleaned(model.queuePosition, v);

/** A known error code; `server` for anything else. */
export const errorCode = (v: unknown): TransportErrorCode => (isOneOf(ERROR_CODES, v) ? v : 'server');

/** A wire error; tolerant: missing pieces get safe defaults. */
export const wireError = (v: unknown): WireError => cleaned(model.errorInfo, v)!;
