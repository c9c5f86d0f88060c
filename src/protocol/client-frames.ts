/**
 * Validators of SWP/1 client → server frames, for a server. Strict readers: a field of the wrong
 * type fails the frame (naming the field), so a buggy or hostile client learns at once; unknown
 * fields are dropped and over-long metadata values are cut.
 * @module
 */
import type { ChatUser } from '../core/transport';
import {
  anyOf,
  array,
  boolean,
  fail,
  fieldPath,
  literal,
  map,
  number,
  object,
  ok,
  oneOf,
  optional,
  orDefault,
  record,
  seq,
  string,
  withDefault,
  type Checker,
  type CheckResult,
} from './check';
import { HANDOFF_NOTE_MAX } from './constants';
import { checkContact, isCallbackWindow, MAX_CONTACT_NOTE, type CallbackWindow, type ContactDetails } from './contact';
import { ACTION_KINDS, USER_SEGMENTS } from './enums';
import type { ClientFrame } from './frames';
import { isRecord, own } from './json';
import { SESSION_FRAME_CHECKERS } from './session-frames';

/** The limits a server applies to client frames. */
export interface ClientFrameLimits {
  /** Longest message text, characters. */
  maxTextLength: number;
  /** Most attachments on one message. */
  maxFiles: number;
}

const id = string({ min: 1, max: 128 });
const opt = (max: number) => optional(string({ max }));
const cut = (max: number) => map(string({ max: Number.MAX_SAFE_INTEGER }), (s) => s.slice(0, max));
const flat = { maxEntries: 50, maxKeyLength: 64 };

const attributes = record(anyOf<string | number | boolean>(cut(500), number(), boolean), flat);

const user: Checker<ChatUser> = object({
  id: opt(256),
  name: opt(200),
  email: opt(200),
  phone: opt(200),
  hash: opt(256),
  hashExpires: optional(number({ min: 0, max: 1e13, integer: true })),
  segment: optional(oneOf(USER_SEGMENTS)),
  attributes: optional(attributes),
});

const metadata = optional(record(cut(1000), flat));

const action = object({
  id,
  label: string({ min: 1, max: 200 }),
  kind: oneOf(ACTION_KINDS),
  value: withDefault(string({ max: 1000 }), ''),
});

function attachments(maxFiles: number): Checker<Array<{ id: string }>> {
  const list = array(object({ id }));
  return (v, path) => (Array.isArray(v) && v.length > maxFiles ? fail(path, `at most ${maxFiles} attachments per message`) : list(v, path));
}

const conversationId = id;

const CONTACT_PROBLEMS = {
  missing: ['', 'needs an e-mail address or a phone number'],
  email: ['email', 'is not a valid e-mail address'],
  phone: ['phone', 'is not a valid phone number (7 to 15 digits, may start with +)'],
} as const;

const contactFields = object({ email: opt(254), phone: opt(40) });
/** A contact with a valid e-mail or phone (or both), normalized. */
const contact: Checker<ContactDetails> = (v, path) => {
  const r = contactFields(v, path);
  if (!r.ok) return r;
  const c = checkContact(r.value);
  if (c.ok) return ok(c.contact);
  const [field, reason] = CONTACT_PROBLEMS[c.problem];
  return fail(field ? fieldPath(path, field) : path, reason);
};
const callbackWindow: Checker<CallbackWindow> = (v, path) =>
  isCallbackWindow(v) ? ok(v) : fail(path, 'must be any, morning, afternoon, evening or a time HH:MM');
const pingPong = <T extends 'ping' | 'pong'>(t: T) => object({ t: literal(t), n: orDefault(number(), 0) });

/** The checker of every client frame type, under `limits`. */
export function clientFrameCheckers(limits: ClientFrameLimits): Record<ClientFrame['t'], Checker<ClientFrame>> {
  return {
    hello: object({
      t: literal('hello'),
      id,
      token: opt(512),
      user: optional(user),
      client: withDefault(
        object({ sdk: withDefault(string({ max: 64 }), 'unknown'), locale: withDefault(string({ max: 35 }), 'en'), timeZone: opt(64) }),
        {
          sdk: 'unknown',
          locale: 'en',
        },
      ),
      resume: optional(object({ conversationId: id, cursor: string({ min: 1, max: 32 }) })),
      open: optional(
        object({ conversationId: optional(id), channel: optional(string({ min: 1, max: 64 })), new: optional(boolean), ref: optional(id) }),
      ),
      metadata,
    }),
    'conversations.list': object({ t: literal('conversations.list'), id }),
    send: object({
      t: literal('send'),
      id,
      conversationId,
      clientId: id,
      text: opt(limits.maxTextLength),
      attachments: optional(attachments(limits.maxFiles)),
      action: optional(action),
      metadata,
    }),
    typing: object({ t: literal('typing'), conversationId, on: boolean }),
    read: object({ t: literal('read'), id, conversationId, upTo: seq }),
    history: object({
      t: literal('history'),
      id,
      conversationId,
      before: optional(seq),
      limit: optional(number({ min: 1, max: 100, integer: true })),
    }),
    'handoff.request': object({
      t: literal('handoff.request'),
      id,
      conversationId,
      reason: opt(200),
      topic: opt(200),
      note: opt(HANDOFF_NOTE_MAX),
    }),
    'handoff.cancel': object({ t: literal('handoff.cancel'), id, conversationId }),
    'handoff.note': object({ t: literal('handoff.note'), id, conversationId, note: string({ max: HANDOFF_NOTE_MAX }) }),
    'handoff.preview': object({ t: literal('handoff.preview'), id, conversationId }),
    'handoff.contact': object({
      t: literal('handoff.contact'),
      id,
      conversationId,
      contact,
      callbackWindow: optional(callbackWindow),
      note: opt(MAX_CONTACT_NOTE),
    }),
    'verify.submit': object({ t: literal('verify.submit'), id, challengeId: id, code: string({ min: 1, max: 32 }) }),
    'verify.resend': object({ t: literal('verify.resend'), id, challengeId: id }),
    'verify.skip': object({ t: literal('verify.skip'), id, challengeId: id }),
    close: object({ t: literal('close'), id, conversationId }),
    rate: object({ t: literal('rate'), id, conversationId, score: number({ min: 1, max: 5, integer: true }), comment: opt(2000) }),
    ...SESSION_FRAME_CHECKERS,
    profile: object({
      t: literal('profile'),
      id,
      user: optional(object({ name: opt(200), email: opt(200), phone: opt(200), attributes: optional(attributes) })),
      locale: optional(string({ min: 2, max: 35 })),
    }),
    ping: pingPong('ping'),
    pong: pingPong('pong'),
  };
}

/** Checks one parsed client frame; an unknown or missing `t` fails on field `t`. */
export function checkClientFrame(value: unknown, checkers: Record<ClientFrame['t'], Checker<ClientFrame>>): CheckResult<ClientFrame> {
  if (!isRecord(value)) return fail('', 'a frame must be a JSON object');
  const t = own(value, 't');
  if (typeof t !== 'string') return fail('t', 'frame has no "t" type');
  if (!Object.prototype.hasOwnProperty.call(checkers, t)) return fail('t', `unknown frame type "${t.slice(0, 40)}"`);
  const r = checkers[t as ClientFrame['t']](value, '');
  return r.ok ? ok(r.value) : r;
}
