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
import type { ConversationSummaryFrame, WireConversationSummary } from './conversations';
import type { ParticipantAction, VerificationResult } from './enums';

export type { ConversationSummaryFrame, ConversationsListFrame, WireChannel, WireConversationSummary } from './conversations';
export type { IdentityFrame, LogoutFrame, ProfileFields, ProfileFrame } from './session-frames';

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

// ---------------------------------------------------------------- client → server: frames-client.ts

export type {
  HelloFrame,
  SendFrame,
  TypingFrame,
  ReadFrame,
  HistoryFrame,
  HandoffRequestFrame,
  HandoffCancelFrame,
  HandoffNoteFrame,
  HandoffPreviewFrame,
  HandoffContactFrame,
  VerifySubmitFrame,
  VerifyResendFrame,
  VerifySkipFrame,
  CloseFrame,
  RateFrame,
  PingFrame,
  PongFrame,
  ClientFrame,
} from './frames-client';
import type { HelloFrame, PingFrame, PongFrame } from './frames-client';

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
