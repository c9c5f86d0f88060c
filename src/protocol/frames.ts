/**
 * SWP/1 — the support-chat reference wire protocol: frame types shared by the client transports
 * (`src/transports/websocket.ts`, `http.ts`) and the reference server (`server/`).
 * The prose specification is docs/protocol.md; keep the two in step.
 *
 * Types and constants only; the validators of both directions are in `server-frames.ts` and
 * `client-frames.ts`. Free of DOM and Node imports: the server imports it too.
 * @module
 */
import type {
  Action,
  AttachmentRef,
  Availability,
  Capabilities,
  ConversationState,
  HandoffPreview,
  HandoffState,
  Participant,
  Part,
  TransportErrorCode,
  VerificationChallenge,
} from '../core/model';
import type { ChatUser } from '../core/transport';
import type { CallbackWindow, ContactDetails } from './contact';
import type { ConversationSummaryFrame, ConversationsListFrame, WireConversationSummary } from './conversations';
import type { ParticipantAction, VerificationResult } from './enums';

export type { ConversationSummaryFrame, ConversationsListFrame, WireChannel, WireConversationSummary } from './conversations';

export {
  CloseCode,
  DEFAULT_LIMITS,
  HANDOFF_NOTE_MAX,
  SWP_HTTP_PREFIX,
  SWP_SUBPROTOCOL,
  SWP_WS_PATH,
  type ProtocolLimits,
} from './constants';

/** Error body of `nack`, `error` frames and HTTP problem responses. */
export interface WireError {
  code: TransportErrorCode;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

/** A message on the wire: always server-ordered. */
export interface WireMessage {
  id: string;
  clientId?: string;
  conversationId: string;
  seq: number;
  from: Participant;
  parts: Part[];
  quickReplies?: Action[];
  action?: Action;
  createdAt: string;
}

/** Conversation state snapshot, sent in `welcome` so a reconnect resyncs state, not only messages. */
export interface WireConversation {
  id: string;
  state: ConversationState;
  handoff: HandoffState;
  challenge?: VerificationChallenge;
  operator?: Participant;
  queue?: { position: number | null; etaSeconds?: number };
  /** Highest seq of this conversation. */
  lastSeq: number;
  /** Highest seq of the user's own messages the operator/bot has read. */
  readUpTo?: number;
  /** Why the handoff is where it is, when that matters after a reconnect (e.g. `contact_left`). */
  handoffReason?: string;
}

/** Durable events (they carry a seq in the enclosing `event` frame). */
export type WireEvent =
  | { type: 'message'; message: WireMessage }
  | { type: 'message.updated'; message: WireMessage }
  | { type: 'participant'; action: ParticipantAction; participant: Participant }
  | { type: 'conversation'; state: ConversationState; reason?: string }
  | { type: 'queue'; position: number | null; etaSeconds?: number }
  | { type: 'handoff'; state: HandoffState; challenge?: VerificationChallenge; reason?: string; availability?: Availability }
  | { type: 'read'; by: Participant; upTo: number };

// ---------------------------------------------------------------- client → server

/** First frame on every connection. */
export interface HelloFrame {
  t: 'hello';
  id: string;
  /** Session token from an earlier `welcome`; omit on the first visit. */
  token?: string;
  user?: ChatUser;
  /** `timeZone`: the browser's IANA time zone, so the server writes times in the customer's clock. */
  client: { sdk: string; locale: string; timeZone?: string };
  resume?: { conversationId: string; cursor: string };
  /**
   * Several conversations: open this conversation of the session (`conversationId`), or a new one
   * in `channel` (`new: true`; a repeated `ref` opens the one it created); wins over `resume`. Without it the server resumes `resume`'s
   * conversation when it is the session's, else the newest writable one.
   */
  open?: { conversationId?: string; channel?: string; new?: boolean; ref?: string };
  metadata?: Record<string, string>;
}

export interface SendFrame {
  t: 'send';
  id: string;
  conversationId: string;
  clientId: string;
  text?: string;
  attachments?: Array<Pick<AttachmentRef, 'id'>>;
  action?: Action;
  metadata?: Record<string, string>;
}

export interface TypingFrame {
  t: 'typing';
  conversationId: string;
  on: boolean;
}
export interface ReadFrame {
  t: 'read';
  id: string;
  conversationId: string;
  upTo: number;
}
export interface HistoryFrame {
  t: 'history';
  id: string;
  conversationId: string;
  /** Return messages with seq < before (omit for the newest page). */
  before?: number;
  limit?: number;
}
export interface HandoffRequestFrame {
  t: 'handoff.request';
  id: string;
  conversationId: string;
  reason?: string;
  topic?: string;
  /** The customer's note for the operator (at most 1000 characters; `handoffPreview` capability). */
  note?: string;
}
/** Leaves the operator queue: back to the bot, handoff `none`, reason `cancelled_by_user` (`queueLeave`). */
export type HandoffCancelFrame = { t: 'handoff.cancel'; id: string; conversationId: string };
/** Sets ('' clears) the note for the operator, at most 1000 characters; answered with `preview` (`handoffPreview`). */
export type HandoffNoteFrame = { t: 'handoff.note'; id: string; conversationId: string; note: string };
/** Asks what the operator will receive; answered by an `ack` with `preview` (`handoffPreview`). */
export type HandoffPreviewFrame = { t: 'handoff.preview'; id: string; conversationId: string };
/** Leaves a contact for the next shift while operators are offline (answered by `ack`). */
export interface HandoffContactFrame {
  t: 'handoff.contact';
  id: string;
  conversationId: string;
  contact: ContactDetails;
  callbackWindow?: CallbackWindow;
  note?: string;
}
export interface VerifySubmitFrame {
  t: 'verify.submit';
  id: string;
  challengeId: string;
  code: string;
}
/** Asks for a new code (cooldown and hourly limits permitting; else `nack` `rate_limited` with `retryAfterMs`). */
export interface VerifyResendFrame {
  t: 'verify.resend';
  id: string;
  challengeId: string;
}
/** Goes on to a person without a code (servers with `verificationPolicy.fallback: 'queue'`). */
export interface VerifySkipFrame {
  t: 'verify.skip';
  id: string;
  challengeId: string;
}
export interface CloseFrame {
  t: 'close';
  id: string;
  conversationId: string;
}
export interface RateFrame {
  t: 'rate';
  id: string;
  conversationId: string;
  score: number;
  comment?: string;
}
export interface PingFrame {
  t: 'ping';
  n: number;
  /**
   * Server pings only: the highest seq the server has sent on this connection. A client whose cursor
   * is lower lost events on the way (even the last ones, which no later event would reveal) and resyncs.
   */
  seq?: number;
}
export interface PongFrame {
  t: 'pong';
  n: number;
}

export type ClientFrame =
  | HelloFrame
  | ConversationsListFrame
  | SendFrame
  | TypingFrame
  | ReadFrame
  | HistoryFrame
  | HandoffRequestFrame
  | HandoffCancelFrame
  | HandoffNoteFrame
  | HandoffPreviewFrame
  | HandoffContactFrame
  | VerifySubmitFrame
  | VerifyResendFrame
  | VerifySkipFrame
  | CloseFrame
  | RateFrame
  | PingFrame
  | PongFrame;

// ---------------------------------------------------------------- server → client

export interface WelcomeFrame {
  t: 'welcome';
  ref: string;
  sessionId: string;
  /** Opaque, unguessable token: send it in the next `hello` (or `Authorization: Bearer`). */
  sessionToken: string;
  conversationId: string;
  /** True when the server streams every event after `resume.cursor`; false means resync. */
  resumed: boolean;
  /** Highest seq of the conversation. */
  cursor: string;
  heartbeatMs: number;
  capabilities: Capabilities;
  conversation: WireConversation;
  availability: Availability;
  user: { id: string; role: 'user'; verified: boolean };
  /** Several conversations: the session's conversations, newest change first. */
  conversations?: WireConversationSummary[];
}

export interface AckFrame {
  t: 'ack';
  ref: string;
  /** For `send`: the message's ids (the original ones when the clientId was seen before). */
  clientId?: string;
  id?: string;
  seq?: number;
  createdAt?: string;
  /** For `verify.submit`. */
  result?: VerificationResult;
  attemptsLeft?: number;
  /** For `verify.submit`: out of attempts (sent with `result: 'expired'`, which older clients understand). */
  locked?: boolean;
  /** For `verify.submit` (the challenge after this attempt) and `verify.resend` (the new challenge). */
  challenge?: VerificationChallenge;
  /** For `handoff.preview` and `handoff.note`: what the operator will receive. */
  preview?: HandoffPreview;
  /** For `conversations.list`. */
  conversations?: WireConversationSummary[];
}

export interface NackFrame {
  t: 'nack';
  ref: string;
  error: WireError;
}

export interface EventFrame {
  t: 'event';
  seq: number;
  conversationId: string;
  event: WireEvent;
}

export interface ServerTypingFrame {
  t: 'typing';
  conversationId: string;
  from: Participant;
  on: boolean;
}

export interface HistoryPageFrame {
  t: 'history.page';
  ref: string;
  messages: WireMessage[];
  /** Pass as `before` for the next, older page. */
  before?: number;
  hasMore: boolean;
}

export interface AvailabilityFrame {
  t: 'availability';
  availability: Availability;
}

export interface GoawayFrame {
  t: 'goaway';
  reconnectInMs: number;
  reason: string;
}

export interface ErrorFrame {
  t: 'error';
  error: WireError;
}

export type ServerFrame =
  | WelcomeFrame
  | ConversationSummaryFrame
  | AckFrame
  | NackFrame
  | EventFrame
  | ServerTypingFrame
  | HistoryPageFrame
  | AvailabilityFrame
  | GoawayFrame
  | ErrorFrame
  | PingFrame
  | PongFrame;

// ---------------------------------------------------------------- HTTP fallback bodies

/** `POST /swp/v1/sessions` body: the hello minus `t` and `id`. Response: `WelcomeFrame` minus `t`/`ref`. */
export type SessionRequest = Omit<HelloFrame, 't' | 'id'>;

/** `GET /swp/v1/conversations/:id/events?after=N&wait=25` response. */
export interface EventsResponse {
  events: Array<{ seq: number; event: WireEvent }>;
  /** Ephemeral signals since the last poll (typing); never replayed. */
  ephemeral?: Array<ServerTypingFrame | AvailabilityFrame>;
  cursor: string;
  /** Several conversations: summaries of the session's other conversations that changed during the hold. */
  conversations?: WireConversationSummary[];
  /**
   * Several conversations: the server's clock at this response, opaque; pass it as
   * `conversationsSince` in the next poll to hear of the changes in between.
   */
  conversationsAt?: string;
}
