/**
 * Validators of messages in their three forms: on the wire (server-ordered, always with a seq),
 * as a transport hands them to the SDK, and as the SDK stores them.
 * @module
 */
import type { ChatMessage, MessageError } from '../core/model';
import type { IncomingMessage } from '../core/transport';
import { lenient, map, object, ok, oneOf, optional, seq, string, withDefault, type Checker } from './check';
import { ERROR_CODES, MESSAGE_STATUSES } from './enums';
import type { WireMessage } from './frames';
import { action, actions, MAX_ID_LENGTH, participant } from './model';
import { parts } from './parts';

const id = string({ max: MAX_ID_LENGTH });
const timestamp = string({ max: 64 });
/** Quick replies; an empty list is left out. */
const quickReplies = lenient(map(actions, (list) => (list.length ? list : undefined)));

/** A message in an SWP/1 frame: every field but the extras is required. */
export const wireMessage: Checker<WireMessage> = object({
  id,
  clientId: lenient(id),
  conversationId: id,
  seq,
  from: participant,
  parts,
  quickReplies,
  action: lenient(action),
  createdAt: timestamp,
});

/** A message as any transport may deliver it (the SDK fills in `status` when missing). */
export const incomingMessage: Checker<IncomingMessage> = object({
  id,
  clientId: lenient(id),
  conversationId: lenient(id),
  seq: optional(seq),
  from: participant,
  parts,
  quickReplies,
  action: lenient(action),
  createdAt: timestamp,
  status: optional(oneOf(MESSAGE_STATUSES)),
});

/** Why a stored message failed: the transport codes plus `upload_interrupted`; gaps get defaults. */
export const messageError: Checker<MessageError> = object({
  code: withDefault(oneOf([...ERROR_CODES, 'upload_interrupted'] as const), 'network'),
  message: withDefault(string({ max: 2000 }), 'failed'),
  retryable: (v) => ok(v === true),
});

/** A message as the SDK persists it: `status` is required, `error` kept only when readable. */
export const storedMessage: Checker<ChatMessage> = object({
  id,
  clientId: lenient(id),
  conversationId: lenient(id),
  seq: lenient(seq),
  from: participant,
  parts,
  quickReplies,
  action: lenient(action),
  createdAt: timestamp,
  status: oneOf(MESSAGE_STATUSES),
  error: lenient(messageError),
});
