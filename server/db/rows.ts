/**
 * Row shapes the store returns (already decoded from SQLite).
 * @module
 */
import type { ConversationState, HandoffState } from '../../src/core/model';
import type { BotState } from '../bot-types';
import type { UserSegment } from '../../src/protocol/enums';

/** What the server knows about the person behind a session (untrusted, shown to operators). */
export interface Profile {
  name?: string;
  email?: string;
  phone?: string;
  segment?: UserSegment;
  attributes?: Record<string, string | number | boolean>;
  /** The browser's IANA time zone (from `hello.client.timeZone`), for times written to the customer. */
  timeZone?: string;
}

/** One browser/device session. */
export interface SessionRow {
  id: string;
  /** `s:<sessionId>` for anonymous visitors, `u:<userId>` for identified users. */
  userKey: string;
  /** The host's user id, set only when proven by an identity hash. */
  userId: string | null;
  /** Passed OTP (or proved identity by HMAC). */
  verified: boolean;
  profile: Profile;
  locale: string;
  metadata: Record<string, string>;
  createdAt: number;
  lastSeenAt: number;
  /** When the identity signature of a signed-in session expires (ms); null for anonymous sessions. */
  identityExpiresAt: number | null;
  /** When the session was ended early (logout, rotation); a revoked token is refused everywhere. */
  revokedAt: number | null;
  revokedReason: SessionRevokeReason | null;
}

/** Why a session was revoked: the widget's `logout()`, a new token on identity change, or an operator/CLI action. */
export type SessionRevokeReason = 'logout' | 'rotated' | 'admin';

/** A conversation and its hand-off state. */
export interface ConversationRow {
  id: string;
  userKey: string;
  sessionId: string;
  state: ConversationState;
  handoff: HandoffState;
  topic: string | null;
  segment: UserSegment;
  locale: 'en' | 'ru';
  operatorId: string | null;
  operatorName: string | null;
  queuedAt: number | null;
  lastSeq: number;
  /** Highest seq of user messages an operator has read. */
  readUpTo: number;
  /** Highest seq the user has read. */
  userReadUpTo: number;
  /** Channel of the conversation (`support` unless created in another; see README "Several conversations"). */
  channel: string;
  botState: BotState;
  /** Queue priority: `urgent` conversations wait ahead of every `normal` one. Set only by the server (the bot). */
  priority: 'normal' | 'urgent';
  /** Why the conversation is urgent (the bot's handoff reason or topic), for the console. */
  priorityReason: string | null;
  /** The customer's note for the operator, added before the handoff (at most 1000 characters). */
  handoffNote: string | null;
  /** Avatar URL (http/https) of the operator who has the conversation. */
  operatorAvatar: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Columns of a conversation that may be changed after creation. */
export type ConversationPatch = Partial<
  Pick<
    ConversationRow,
    | 'state'
    | 'handoff'
    | 'topic'
    | 'segment'
    | 'locale'
    | 'operatorId'
    | 'operatorName'
    | 'queuedAt'
    | 'readUpTo'
    | 'userReadUpTo'
    | 'botState'
    | 'sessionId'
    | 'priority'
    | 'priorityReason'
    | 'handoffNote'
    | 'operatorAvatar'
  >
>;

/** A stored upload. */
export interface UploadRow {
  id: string;
  /** Session id of the uploader, or `op:<operatorId>`. */
  owner: string;
  name: string;
  mimeType: string;
  size: number;
  createdAt: number;
}

/** A one-time code challenge. The code itself is never stored: only its keyed hash. */
export interface ChallengeRow {
  id: string;
  conversationId: string;
  /** The session that asked for the code, and its user key (the hourly limits count by both). */
  sessionId: string;
  userKey: string;
  /** The client address the code was asked from ('' when unknown); codes per address are capped too. */
  remote: string;
  /** Where the code went (the phone's digits, '' when the sender looks it up by user id); capped per hour too. */
  destination: string;
  /** HMAC-SHA256 of the code under the server's secret, hex (see server/domain/verification.ts). */
  codeHash: string;
  attemptsLeft: number;
  expiresAt: number;
  /** When the next code may be asked for (cooldown, hourly limits). */
  resendAt: number;
  /** `locked`: out of attempts; `expired`: its time ran out; `replaced` by a newer code or a skip; `failed`: burnt (rows of schema v1). */
  status: 'pending' | 'passed' | 'failed' | 'replaced' | 'locked' | 'expired';
  createdAt: number;
}

/** A contact a customer left for the next shift while operators were offline. */
export interface ContactRow {
  conversationId: string;
  email: string | null;
  phone: string | null;
  /** `any`, `morning`, `afternoon`, `evening` or `HH:MM`. */
  callbackWindow: string | null;
  note: string | null;
  /**
   * The conversation's `queuedAt` when the contact was left: the contact belongs to that wait only
   * (once an operator accepts, or the conversation waits again later, it no longer puts it first).
   */
  queuedAt: number | null;
  createdAt: number;
}
