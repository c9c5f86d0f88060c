/**
 * Validators of the model shapes (participant, action, attachment, challenge, availability,
 * queue, error info). They are tolerant readers: required fields must be right, optional display
 * fields that are wrong are left out, unknown fields are dropped.
 * @module
 */
import type { Action, AttachmentRef, Availability, HandoffPreview, Participant, QueueInfo, VerificationChallenge } from '../core/model';
import type { TransportErrorInfo } from '../core/transport';
import {
  array,
  boolean,
  lenient,
  nullable,
  number,
  object,
  ok,
  oneOf,
  orDefault,
  seq,
  string,
  type Checker,
  type CheckResult,
} from './check';
import { ACTION_KINDS, CHALLENGE_METHODS, ERROR_CODES, ROLES, isOneOf } from './enums';
import { isRetryableCode } from './errors';
import { isRecord } from './json';

/** Longest id of anything (message, participant, attachment, conversation). */
export const MAX_ID_LENGTH = 256;
/** Longest URL kept. */
export const MAX_URL_LENGTH = 4000;

const id = string({ max: MAX_ID_LENGTH });
const url = lenient(string({ max: MAX_URL_LENGTH }));

/** A person or bot taking part. */
export const participant: Checker<Participant> = object({
  id,
  role: oneOf(ROLES),
  name: lenient(string({ max: 500 })),
  avatarUrl: url,
});

/** A button: quick reply, card button or link. */
export const action: Checker<Action> = object({
  id,
  label: string({ max: 1000 }),
  kind: oneOf(ACTION_KINDS),
  value: string({ max: MAX_URL_LENGTH }),
});

/** Buttons; bad ones are left out (a list with one broken button still shows the others). */
export const actions: Checker<Action[]> = array(action, { max: 50, dropInvalid: true });

/** An uploaded file. */
export const attachment: Checker<AttachmentRef> = object({
  id,
  name: string({ max: 1000 }),
  mimeType: string({ max: 255 }),
  size: number({ min: 0 }),
  url,
  thumbnailUrl: url,
});

/** A one-time code challenge. */
export const challenge: Checker<VerificationChallenge> = object({
  id,
  method: oneOf(CHALLENGE_METHODS),
  prompt: lenient(string({ max: 1000 })),
  destinationHint: lenient(string({ max: 200 })),
  codeLength: lenient(number({ min: 1, max: 64, integer: true })),
  expiresAt: lenient(string({ max: 64 })),
  attemptsLeft: lenient(number({ min: 0, integer: true })),
  maxAttempts: lenient(number({ min: 1, integer: true })),
  resendAt: lenient(string({ max: 64 })),
});

/** Operator availability. */
export const availability: Checker<Availability> = object({
  operatorsOnline: boolean,
  nextOpenAt: lenient(string({ max: 64 })),
  replyTimeSeconds: lenient(number({ min: 0 })),
});

/** A queue position (null when unknown). */
export const queuePosition: Checker<number | null> = nullable(number({ min: 0 }));

/** Queue details. */
export const queueInfo: Checker<QueueInfo> = object({
  position: queuePosition,
  etaSeconds: lenient(number({ min: 0 })),
});

/** A known error code. */
export const errorCode = oneOf(ERROR_CODES);

/**
 * Error info as an untrusted party sends it. Tolerant: an unknown code reads as `server`, a
 * missing message as the code, a missing `retryable` as the code's default; it never fails.
 */
export const errorInfo: Checker<TransportErrorInfo> = (v): CheckResult<TransportErrorInfo> => {
  const r = isRecord(v) ? v : {};
  const code = isOneOf(ERROR_CODES, r.code) ? r.code : 'server';
  const message = typeof r.message === 'string' ? r.message.slice(0, 2000) : code;
  const retryAfter = seq(r.retryAfterMs, '');
  return ok({
    code,
    message,
    retryable: typeof r.retryable === 'boolean' ? r.retryable : isRetryableCode(code),
    ...(retryAfter.ok ? { retryAfterMs: retryAfter.value } : {}),
  });
};

const texts = (max: number) => orDefault(array(string({ max: 2000 }), { max, dropInvalid: true }), [] as string[]);

/** What the operator will receive with a handoff (tolerant: a wrong list is read as empty). */
export const handoffPreview: Checker<HandoffPreview> = object({
  topic: lenient(string({ max: 200 })),
  topicLabel: lenient(string({ max: 200 })),
  path: texts(20),
  questions: texts(20),
  attachments: orDefault(array(object({ name: string({ max: 500 }) }), { max: 50, dropInvalid: true }), [] as Array<{ name: string }>),
  pageUrl: url,
  note: lenient(string({ max: 2000 })),
  urgent: lenient(boolean),
});
