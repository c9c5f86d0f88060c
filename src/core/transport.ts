/**
 * The Transport contract: what every backend adapter implements.
 *
 * Rules (see README "Writing a transport"):
 * 1. One event stream: `on(listener)` receives a discriminated {@link TransportEvent} union.
 *    Unknown event types must be ignored by listeners, so new kinds never break anyone.
 * 2. The SDK owns ids and storage: it generates `clientId` before calling `send`, and persists the
 *    {@link SessionSnapshot} the adapter returns. Adapters keep no storage of their own.
 * 3. `send` is idempotent per `clientId`: the SDK retries with the same id after failures.
 *    Adapters must not queue or replay user messages on their own (one owner for retries).
 * 4. The adapter owns its connection: it reconnects, reports `status`, and after a reconnect
 *    resumes from its cursor or emits `resync` when it cannot guarantee continuity.
 * 5. Durable events carry `seq` (per-conversation, increasing) when the backend has one, so the
 *    SDK can drop duplicates, order, and detect gaps.
 * 6. Failures reject with {@link TransportError} (see errors.ts), never with bare strings.
 * @module
 */
import type {
  Action,
  AttachmentRef,
  Availability,
  Capabilities,
  ChatMessage,
  ConnectionStatus,
  ConversationState,
  HandoffPreview,
  ConversationSummary,
  HandoffState,
  LeaveContactRequest,
  Participant,
  QueueInfo,
  TransportErrorCode,
  VerificationChallenge,
} from './model';

/** Function that removes a listener. */
export type Unsubscribe = () => void;

/** Plain-data error description carried in events (the thrown form is `TransportError`). */
export interface TransportErrorInfo {
  code: TransportErrorCode;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

/** A message as a transport delivers it: the SDK fills in `status`. */
export type IncomingMessage = Omit<ChatMessage, 'status' | 'error'> & { status?: ChatMessage['status'] };

/** Everything a transport can tell the SDK. */
export type TransportEvent =
  | { type: 'status'; status: ConnectionStatus; retryInMs?: number; error?: TransportErrorInfo }
  | { type: 'capabilities'; capabilities: Partial<Capabilities> }
  | { type: 'message'; message: IncomingMessage }
  | { type: 'message.updated'; message: IncomingMessage }
  | { type: 'message.deleted'; id: string; seq?: number }
  | { type: 'typing'; from: Participant; on: boolean }
  | { type: 'read'; by: Participant; upTo: number; seq?: number }
  | { type: 'participant'; action: 'joined' | 'left'; participant: Participant; seq?: number }
  | { type: 'conversation'; state: ConversationState; reason?: string; seq?: number }
  | { type: 'queue'; queue: QueueInfo; seq?: number }
  | {
      type: 'handoff';
      state: HandoffState;
      challenge?: VerificationChallenge;
      reason?: string;
      availability?: Availability;
      seq?: number;
    }
  | { type: 'availability'; availability: Availability }
  /** Several conversations: the whole list (on every welcome); `activeId` is the open one. */
  | { type: 'conversations'; conversations: ConversationSummary[]; activeId?: string }
  /** Several conversations: one conversation changed (a message, a read mark, a close). */
  | { type: 'conversation.summary'; conversation: ConversationSummary }
  /**
   * Several conversations: the transport now talks to another conversation. Messages, handoff and
   * queue state so far belong to the previous one; a `resync` follows.
   */
  | { type: 'conversation.switched'; conversationId: string }
  | { type: 'resync'; reason: string }
  | { type: 'error'; error: TransportErrorInfo };

/** Serialisable session the SDK persists and hands back on the next `connect`. */
export interface SessionSnapshot {
  sessionToken?: string;
  conversationId?: string;
  /** Last applied seq, as an opaque string. */
  cursor?: string;
  adapter?: Record<string, string | number | boolean>;
}

/** The end user, as the host page knows them. */
export interface ChatUser {
  /** The host's own user id, for signed-in customers. */
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Server-computed HMAC proving `id` (see docs/protocol.md "Identity"). */
  hash?: string;
  /** Unix seconds after which `hash` is no longer accepted. */
  hashExpires?: number;
  /** Customer segment: drives the bot's topic menu. */
  segment?: 'private' | 'business';
  /** Extra attributes shown to the operator (plan, account type, ...). */
  attributes?: Record<string, string | number | boolean>;
}

/** What `connect` gets. */
export interface ConnectContext {
  user: ChatUser;
  resume?: SessionSnapshot;
  locale: string;
  /** Page context passed to operators (URL, title). */
  metadata?: Record<string, string>;
}

/** A user message handed to `send`. */
export interface OutgoingMessage {
  clientId: string;
  /**
   * Several conversations: the conversation the message was typed in. A transport that talks to
   * several sends it there; absent, to the conversation it talks to now.
   */
  conversationId?: string;
  text?: string;
  attachments?: AttachmentRef[];
  /** The quick reply or button the user pressed. */
  action?: Action;
  metadata?: Record<string, string>;
}

/** The server's acceptance of a message. */
export interface SendReceipt {
  clientId: string;
  id: string;
  createdAt: string;
  seq?: number;
}

/** A page of older messages. */
export interface HistoryPage {
  messages: IncomingMessage[];
  /** Cursor to pass as `before` for the next (older) page. */
  before?: string;
  hasMore: boolean;
}

/** Upload options. */
export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { loaded: number; total: number }) => void;
}

/** Why the SDK asks a transport to check its connection (see {@link Transport.checkAlive}). */
export type LivenessReason = 'online' | 'visible' | 'pageshow' | 'wake';

/** Which conversation {@link Transport.openConversation} opens: an existing one, or a new one in a channel. */
export type ConversationTarget = { conversationId: string } | { channel: string };

/** Outcome of an OTP submission: `locked` when the code is out of attempts (distinct from `expired`). */
export type VerificationResult = 'ok' | 'invalid' | 'expired' | 'locked';

/** A transport's fuller answer to a code: the result and the challenge as it stands after it. */
export interface VerificationOutcome {
  result: VerificationResult;
  /** Wrong guesses left after this attempt, as the backend counts them. */
  attemptsLeft?: number;
  /** The challenge after this attempt (attempts left, resend time), when the backend tells. */
  challenge?: VerificationChallenge;
}

/** The contract every backend adapter implements. Optional methods depend on `capabilities`. */
export interface Transport {
  /** Short adapter name for logs and errors, e.g. "websocket". */
  readonly name: string;
  /** Static capabilities; runtime changes come as `capabilities` events. */
  readonly capabilities: Capabilities;
  /** Opens the connection; resolves with the session once first online. */
  connect(ctx: ConnectContext): Promise<SessionSnapshot>;
  /** Closes for good (status `idle`); never reconnects afterwards. Releases timers and sockets. */
  disconnect(): Promise<void>;
  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: (event: TransportEvent) => void): Unsubscribe;
  /** Current session, for the SDK to persist. */
  snapshot(): SessionSnapshot;
  /** Sends a user message; idempotent per `clientId`. Rejects with `TransportError`. */
  send(message: OutgoingMessage): Promise<SendReceipt>;
  fetchHistory?(query: { before?: string; limit?: number }): Promise<HistoryPage>;
  upload?(file: Blob & { name?: string }, options?: UploadOptions): Promise<AttachmentRef>;
  /** Typing indicator; the adapter throttles. */
  setTyping?(on: boolean): void;
  /** Marks everything up to `seq` as read by the user. */
  markRead?(upToSeq: number): Promise<void>;
  requestHandoff?(request?: { reason?: string; topic?: string }): Promise<void>;
  /** Leaves the operator queue, back to the bot (`queueLeave` capability). */
  cancelHandoff?(): Promise<void>;
  /** What the operator will receive with the handoff (`handoffPreview` capability). */
  handoffPreview?(): Promise<HandoffPreview>;
  /** Sets ('' clears) the note for the operator; resolves with the updated preview (`handoffPreview` capability). */
  setHandoffNote?(note: string): Promise<HandoffPreview>;
  submitVerification?(challengeId: string, code: string): Promise<VerificationResult | VerificationOutcome>;
  /** Asks for a new code; resolves with the new challenge, rejects `rate_limited` (with `retryAfterMs`) while it may not. */
  resendVerification?(challengeId: string): Promise<VerificationChallenge>;
  /** Goes on to a person without a code (only when `capabilities.verificationPolicy.fallback` is `queue`). */
  skipVerification?(challengeId: string): Promise<void>;
  closeConversation?(): Promise<void>;
  /** Rates a closed conversation, 1–5. */
  rate?(score: number, comment?: string): Promise<void>;
  /**
   * Leaves a contact and a message for the next shift while operators are offline (capability
   * `leaveMessage`). Rejects with `TransportError` `invalid` when the backend refuses the contact.
   */
  leaveContact?(request: LeaveContactRequest): Promise<void>;
  /**
   * Several conversations (`capabilities.conversations`): talks to another conversation of the
   * session, or to a new one in `channel`. Resolves once switched (after `conversation.switched`).
   */
  openConversation?(target: ConversationTarget): Promise<void>;
  /** Several conversations: the session's conversations, fresh from the backend. */
  listConversations?(): Promise<ConversationSummary[]>;
  /**
   * Checks the connection now: ping, and reconnect at once if it is dead (skipping any remaining
   * backoff). The SDK calls it when the browser comes back `online`, the page becomes visible,
   * is restored from the back/forward cache (`pageshow`), or wakes from sleep. Must not throw.
   */
  checkAlive?(reason?: LivenessReason): void;
  /**
   * Ends the session at the backend (the widget's `logout()`): its token is refused from then on.
   * `session` is the one to end (default: the current one); works without a connection. The
   * transport forgets the token either way. Rejects with `TransportError` when the backend could
   * not be reached (the SDK then just forgets the token; see README "Customer sessions and
   * identity lifetimes").
   */
  logout?(session?: SessionSnapshot): Promise<void>;
  /**
   * Hands the backend a fresh identity signature of the same user (before the old one expires) and
   * uses it for every later reconnect. Rejects `auth` when the backend refuses it.
   */
  refreshIdentity?(identity: IdentitySignature): Promise<void>;
  /**
   * Tells the backend what the page now says about the person (name, e-mail, phone, attributes) or
   * their language, and uses it for every later reconnect. Not online, it resolves and the next
   * connect carries it.
   */
  updateProfile?(update: ProfileUpdate): Promise<void>;
}

/** A change of what the page says about the person, or of their language (see `Transport.updateProfile`). */
export interface ProfileUpdate {
  user?: Pick<ChatUser, 'name' | 'email' | 'phone' | 'attributes'>;
  /** BCP 47. */
  locale?: string;
}

/** `context` with `update` applied (what a transport's later connects carry). @internal */
export function withProfile<C extends { user: ChatUser; locale: string }>(context: C, update: ProfileUpdate): C {
  return { ...context, user: { ...context.user, ...update.user }, ...(update.locale !== undefined ? { locale: update.locale } : {}) };
}

/** A fresh identity signature of the signed-in user (see docs/protocol.md "Identity"). */
export type IdentitySignature = Required<Pick<ChatUser, 'hash' | 'hashExpires'>>;

/** Capabilities of a backend that only does request/response text. */
export const BASIC_CAPABILITIES: Capabilities = {
  realtime: false,
  history: 'none',
  attachments: false,
  typing: { inbound: false, outbound: false },
  readReceipts: { inbound: false, outbound: false },
  quickReplies: false,
  cards: false,
  humanHandoff: 'none',
  verification: false,
  queuePosition: false,
  closeConversation: false,
  rating: false,
  idempotentSend: false,
};
