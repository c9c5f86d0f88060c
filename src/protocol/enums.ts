/**
 * Every closed set of wire values, written once. Each is an `as const` array: validators check
 * membership against it at run time and the TypeScript unions are derived from it, so a new value
 * is added in one place and both follow.
 * @module
 */

/** Who wrote a message or event. */
export const ROLES = ['user', 'bot', 'agent', 'system'] as const;
/** What pressing a button does. */
export const ACTION_KINDS = ['reply', 'postback', 'url', 'handoff'] as const;
/** Where a request for a human operator is. */
export const HANDOFF_STATES = ['none', 'requested', 'verification_required', 'queued', 'accepted', 'rejected', 'offline'] as const;
/** Connection state as a transport reports it. */
export const CONNECTION_STATUSES = ['idle', 'connecting', 'online', 'reconnecting', 'offline', 'failed', 'ended'] as const;
/**
 * Where a message is in its life:
 * queued (waiting for a connection) → sending → sent (server acked) → delivered → read;
 * or failed (see `error`). Incoming messages are `sent`, or `read` once the user saw them.
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;
/** Error codes a transport may report. */
export const ERROR_CODES = [
  'network',
  'auth',
  'expired',
  'forbidden',
  'rate_limited',
  'not_found',
  'closed',
  'invalid',
  'too_large',
  'unsupported_type',
  'server',
  'unsupported',
  'timeout',
] as const;
/** Error codes a retry may cure; every other code is a permanent refusal. */
export const RETRYABLE_ERROR_CODES = ['network', 'timeout', 'server', 'rate_limited'] as const;
/** Conversation life-cycle. */
export const CONVERSATION_STATES = ['open', 'queued', 'closed'] as const;
/** How a one-time code reaches the user. */
export const CHALLENGE_METHODS = ['sms_otp', 'email_otp', 'custom'] as const;
/** Outcome of a one-time code submission. */
export const VERIFICATION_RESULTS = ['ok', 'invalid', 'expired'] as const;
/** What happened to a participant. */
export const PARTICIPANT_ACTIONS = ['joined', 'left'] as const;
/** Which way a backend pages history. */
export const HISTORY_MODES = ['backward', 'forward', 'none'] as const;
/** How a backend hands over to a human. */
export const HANDOFF_MODES = ['none', 'signal', 'native'] as const;
/** Customer segment of a signed-in user. */
export const USER_SEGMENTS = ['private', 'business'] as const;
/** Kinds of message parts (see `parts.ts` for each kind's validator). */
export const PART_KINDS = ['text', 'attachment', 'card', 'custom'] as const;

export type ParticipantRole = (typeof ROLES)[number];
export type ActionKind = (typeof ACTION_KINDS)[number];
export type HandoffState = (typeof HANDOFF_STATES)[number];
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type TransportErrorCode = (typeof ERROR_CODES)[number];
export type ConversationState = (typeof CONVERSATION_STATES)[number];
export type ChallengeMethod = (typeof CHALLENGE_METHODS)[number];
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];
export type HistoryMode = (typeof HISTORY_MODES)[number];
export type HandoffMode = (typeof HANDOFF_MODES)[number];
export type UserSegment = (typeof USER_SEGMENTS)[number];
export type PartKind = (typeof PART_KINDS)[number];

/** True when `value` is one of `list` (a type guard narrowing to the list's union). */
export function isOneOf<const L extends readonly string[]>(list: L, value: unknown): value is L[number] {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
