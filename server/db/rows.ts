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
}

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

/** A one-time code challenge. */
export interface ChallengeRow {
  id: string;
  conversationId: string;
  code: string;
  attemptsLeft: number;
  expiresAt: number;
  status: 'pending' | 'passed' | 'failed' | 'replaced';
  createdAt: number;
}
