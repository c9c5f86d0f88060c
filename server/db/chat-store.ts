/**
 * The storage interface of the reference server. Every engine (the embedded SQLite one today,
 * PostgreSQL next) implements it over plain row types; the domain code only ever awaits it.
 *
 * Atomicity contract: the methods marked **atomic** must appear indivisible to concurrent callers,
 * also across processes sharing one database. Everything else is a single read or a single write.
 * Sequences over several calls are the caller's business (see `server/domain/serial.ts`).
 * @module
 */
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { AccountStore } from './accounts-store';
import type { DeskStore } from './desk-store';
import type { QueueStore } from './queue-store';
import type { GovernanceStore } from './governance-store';
import type { LimitStore } from './limits-store';
import type { ChallengeRow, ContactRow, ConversationPatch, ConversationRow, SessionRevokeReason, SessionRow, UploadRow } from './rows';

export type { ChallengeRow, ContactRow, ConversationPatch, ConversationRow, SessionRevokeReason, SessionRow, UploadRow } from './rows';

/** What a new conversation needs (the rest starts at its defaults: open, no handoff, seq 0). */
export type NewConversation = Pick<ConversationRow, 'id' | 'userKey' | 'sessionId' | 'segment' | 'locale' | 'createdAt'> & {
  /** @default 'support' */
  channel?: string;
};

/** What the code step's hourly limits count challenges by. */
export type ChallengeKey = { sessionId: string } | { userKey: string } | { remote: string } | { destination: string };

/** Outcome of {@link ChatStore.appendMessage}. */
export interface AppendedMessage {
  /** The stored message (the original one when the clientId was seen before). */
  message: WireMessage;
  /** False when nothing was stored because the clientId was seen before. */
  created: boolean;
}

/** A stored durable event with its seq. */
export interface StoredEvent {
  seq: number;
  event: WireEvent;
}

/** The last rating of a conversation. */
export interface RatingRow {
  score: number;
  comment: string | null;
}

/** The server's persistence, engine-neutral. All methods settle after the write is durable. */
export interface ChatStore {
  /**
   * Settles once every write asked for so far is committed (an engine that commits each write
   * before it settles has nothing to wait for). A reader that stamps "everything up to now" (the
   * long-poll's `conversationsAt`) waits for it, so no write stamped earlier is still invisible.
   */
  settled?(): Promise<void>;

  // ------------------------------------------------------------ parts, one per concern

  /** Operator and supervisor accounts and their console sessions. */
  readonly accounts: AccountStore;
  /** The audit log, retention and erasure. */
  readonly governance: GovernanceStore;
  /** Rate windows and quotas shared by every process on this database. */
  readonly limits: LimitStore;
  /** The console's shift tools (search, canned replies, notes, transfers). */
  readonly desk: DeskStore;
  /** What was announced to waiting customers, shared by every process on this database. */
  readonly announcements: QueueStore;

  // ------------------------------------------------------------ sessions

  /** Stores a new session under the hash of its bearer token. */
  createSession(row: SessionRow, tokenHash: string): Promise<void>;
  /** The session whose token hashes to `hash`. */
  sessionByTokenHash(hash: string): Promise<SessionRow | undefined>;
  /** A session by id. */
  session(id: string): Promise<SessionRow | undefined>;
  /** Saves the profile, locale and metadata of a session and its last-seen time. */
  touchSession(row: SessionRow, now: number): Promise<void>;
  /** Marks a session as verified (passed OTP). */
  markVerified(sessionId: string): Promise<void>;
  /**
   * **Atomic**: ends a session early (its token is refused from now on). Of concurrent callers at
   * most one gets true; false when the session was already revoked or does not exist.
   */
  revokeSession(sessionId: string, now: number, reason: SessionRevokeReason): Promise<boolean>;
  /** Sets when the identity signature of a live signed-in session expires (a refreshed signature). */
  setSessionIdentityExpiry(sessionId: string, expiresAt: number): Promise<void>;
  /** Moves `lastSeenAt` to `now` when it is older than `olderThan` (idle expiry without a write per request). */
  seenSession(sessionId: string, now: number, olderThan: number): Promise<void>;

  // ------------------------------------------------------------ conversations

  /** Creates a conversation and returns it as stored. */
  createConversation(c: NewConversation): Promise<ConversationRow>;
  /** A conversation by id. */
  conversation(id: string): Promise<ConversationRow | undefined>;
  /** The newest conversation of a user key. */
  latestConversation(userKey: string): Promise<ConversationRow | undefined>;
  /** The conversations of a user key, newest first, at most `limit`. */
  conversationsOf(userKey: string, limit: number): Promise<ConversationRow[]>;
  /** Changes the given columns (and `updatedAt`) of a conversation; an empty patch does nothing. */
  patchConversation(id: string, patch: ConversationPatch, now: number): Promise<void>;
  /**
   * **Atomic** compare-and-set: gives a conversation waiting for an operator (handoff `queued` or
   * `offline`, no operator, not closed) to `operatorId`, sets handoff `accepted`, state `open` and
   * clears `queuedAt`. Of concurrent callers at most one gets true.
   */
  assign(conversationId: string, operatorId: string, operatorName: string, now: number): Promise<boolean>;
  /**
   * Conversations waiting for an operator (queued, or left for the next shift): `urgent` ones first,
   * then those whose customer left a contact for this wait (contact `queuedAt` equal to the
   * conversation's), then the rest; oldest first within each.
   */
  queue(): Promise<ConversationRow[]>;
  /** Open conversations waiting for the customer's one-time code, least recently changed first. */
  verifying(): Promise<ConversationRow[]>;
  /** Open conversations an operator has, least recently changed first. */
  assigned(): Promise<ConversationRow[]>;

  // ------------------------------------------------------------ events and messages

  /**
   * **Atomic**: allocates the conversation's next seq (`lastSeq + 1`) and stores the event under it.
   * Concurrent appends to one conversation (events and messages alike) get distinct seqs without gaps.
   * @returns the seq.
   */
  appendEvent(conversationId: string, event: WireEvent, now: number): Promise<number>;
  /**
   * **Atomic**: stores a message and its `message` event under the next seq. When the message has a
   * `clientId` already stored in this conversation, stores nothing and returns the original message
   * with `created: false` (also when two such appends race).
   */
  appendMessage(message: Omit<WireMessage, 'seq'>, now: number): Promise<AppendedMessage>;
  /** The message a clientId created in a conversation, if any. */
  messageByClientId(conversationId: string, clientId: string): Promise<WireMessage | undefined>;
  /** Up to `limit` events with seq > `after`, oldest first. */
  eventsAfter(conversationId: string, after: number, limit: number): Promise<StoredEvent[]>;
  /** Up to `limit` messages with seq < `before`, newest first. */
  messagesBefore(conversationId: string, before: number, limit: number): Promise<WireMessage[]>;

  // ------------------------------------------------------------ uploads, ratings, challenges

  /** Stores the description of an uploaded file. */
  insertUpload(row: UploadRow): Promise<void>;
  /** An upload by id. */
  upload(id: string): Promise<UploadRow | undefined>;
  /** Stores a rating of a conversation. */
  insertRating(conversationId: string, score: number, comment: string | null, now: number): Promise<void>;
  /** The newest rating of a conversation. */
  lastRating(conversationId: string): Promise<RatingRow | undefined>;
  /** **Atomic**: stores a new pending challenge and marks any pending one of the conversation `replaced`. */
  insertChallenge(row: Omit<ChallengeRow, 'status'>): Promise<void>;
  /** A challenge by id. */
  challenge(id: string): Promise<ChallengeRow | undefined>;
  /** The newest pending challenge of a conversation. */
  pendingChallenge(conversationId: string): Promise<ChallengeRow | undefined>;
  /** The newest challenge of a conversation, whatever its status. */
  lastChallenge(conversationId: string): Promise<ChallengeRow | undefined>;
  /**
   * **Atomic** compare-and-set of a challenge attempt: only when the challenge is still `pending`
   * with exactly `expectAttemptsLeft` attempts left, sets `attemptsLeft` and `status`.
   * Of concurrent attempts read from the same state at most one gets true; the others re-read.
   */
  updateChallenge(id: string, expectAttemptsLeft: number, attemptsLeft: number, status: ChallengeRow['status']): Promise<boolean>;
  /** Creation times (ascending) of the challenges issued to a session, a user key, a client address or a destination since `since`. */
  challengeTimes(key: ChallengeKey, since: number): Promise<number[]>;

  // ------------------------------------------------------------ contacts left for the next shift

  /** Stores the contact of a conversation, replacing an earlier one. */
  saveContact(row: ContactRow): Promise<void>;
  /** The contact left in a conversation, if any. */
  contact(conversationId: string): Promise<ContactRow | undefined>;

  /** Releases the engine (connections, file handles). The store is unusable afterwards. */
  close(): Promise<void>;
}
