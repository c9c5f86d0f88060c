/**
 * SWP/1 client → server frames (types only; the validators are in `client-frames.ts`). Part of
 * `frames.ts`, which re-exports every name here.
 * @module
 */
import type { Action, AttachmentRef } from '../core/model';
import type { ChatUser } from '../core/transport';
import type { CallbackWindow, ContactDetails } from './contact';
import type { ConversationsListFrame } from './conversations';
import type { IdentityFrame, LogoutFrame, ProfileFrame } from './session-frames';

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
  | LogoutFrame
  | IdentityFrame
  | ProfileFrame
  | PingFrame
  | PongFrame;
