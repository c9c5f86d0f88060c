/**
 * The public types of the chat engine (re-exported by `chat.ts`).
 * @module
 */
import type { FileInput } from '../attachments';
import type { ChatError } from '../errors';
import type {
  Action,
  AttachmentRef,
  ChatMessage,
  ConnectionStatus,
  HandoffPreview,
  LeaveContactRequest,
  VerificationChallenge,
} from '../model';
import type { ChatPersistence } from '../persistence';
import type { ChatState } from '../state';
import type { ChatUser, ProfileUpdate, SessionSnapshot, Transport, Unsubscribe, VerificationResult } from '../transport';

/** Events a chat emits to the host page. */
export interface ChatEventMap {
  /** Connected for the first time; carries the session. */
  ready: { session: SessionSnapshot };
  open: { source: 'api' | 'user' };
  close: { source: 'api' | 'user' };
  /** A message was added: incoming (bot, operator) or the user's own. */
  message: ChatMessage;
  /** The unread count changed. */
  unread: { count: number };
  /** The connection status changed. */
  status: { status: ConnectionStatus; retryInMs?: number };
  /** Something went wrong; the widget keeps working. */
  error: ChatError;
  /** The handoff to a human moved on. */
  handoff: { state: ChatState['handoff']['value']['state'] };
  /** Several conversations: the chat now shows another conversation. */
  conversation: { conversationId: string };
  /**
   * The signed-in user's identity signature (`user.hashExpires`, Unix seconds) expires in 5 minutes
   * or less: call `refreshIdentity(hash, expires)` with a fresh one, or the session ends then.
   */
  identityExpiring: { expiresAt: number };
}

/** Options of the core engine. */
export interface ChatOptions {
  transport: Transport;
  /** The end user. @default {} (anonymous) */
  user?: ChatUser;
  /** BCP 47 locale sent to the backend. */
  locale: string;
  /** Start with the dialog open. @default false */
  open?: boolean;
  /** Page context for operators (URL, title). */
  metadata?: Record<string, string>;
  /** A session saved earlier, to resume (overrides the persisted one). */
  resume?: SessionSnapshot;
  /** Where history, outbox and session are kept across reloads. @default none (memory only) */
  persistence?: ChatPersistence;
}

/** Options for `send`. */
export interface SendOptions {
  attachments?: AttachmentRef[];
  action?: Action;
}

/** Options for `sendFiles`. */
export interface SendFilesOptions {
  /**
   * Preview URLs the UI made for the files (same order; `blob:` URLs it created and revokes),
   * shown as the placeholders' `thumbnailUrl` until the upload replaces them. Never persisted.
   */
  previewUrls?: ReadonlyArray<string | undefined>;
}

/** The chat engine. */
export interface Chat {
  readonly state: ChatState;
  readonly transport: Transport;
  /**
   * Paints the persisted history and outbox. It starts when the chat is created (see
   * `state.lifecycle`); this returns that one restore. It does not reject: a failed load is
   * reported through `error` and the chat goes on from memory (throws DestroyedError after destroy).
   */
  restore(): Promise<void>;
  /** Connects the transport. Safe to call more than once. */
  start(): Promise<void>;
  /** Sends a message; returns it at once (status `sending` or `queued`), or null for empty text. */
  send(text: string, options?: SendOptions): ChatMessage | null;
  /**
   * Sends files, with optional text, as one message under the outbox's rules. The message is
   * added at once (status `queued`/`sending`, one attachment placeholder per file with an id
   * starting `local:`); when the outbox reaches it, each file is uploaded through
   * `transport.upload` (progress in `message.upload`, retryable failures retried with backoff
   * while online), the placeholders are replaced by the returned refs and the message is sent,
   * all with the same clientId. A permanent rejection (too_large, unsupported_type, invalid)
   * marks it `failed`: `retry` uploads what is left, `remove` deletes it (and aborts a running
   * upload). Files stay in memory only: after a reload an unfinished one fails as
   * `upload_interrupted`. Returns null when there are neither files nor text.
   */
  sendFiles(files: readonly FileInput[], text?: string, options?: SendFilesOptions): ChatMessage | null;
  /** Acts on a quick reply or card button (url actions are opened by the UI). */
  choose(action: Action): void;
  /** Keeps the composer text not sent yet (state.draft); saved across reloads. */
  setDraft(text: string): void;
  /**
   * Sends the unsent messages other tabs of this namespace left behind (`persistence.loadUnsent`),
   * same clientId, unless known or deleted here. The embed layer calls it when another tab closes
   * and on a timer. Does nothing without that hook.
   */
  adoptUnsent(): Promise<void>;
  /** Writes everything pending to storage now (e.g. on `pagehide`). */
  flush(): Promise<void>;
  /** Sends a failed message again, with the same clientId. */
  retry(clientId: string): void;
  /** Deletes a failed or queued message, or one still uploading its files (aborting the upload). */
  remove(clientId: string): void;
  open(source?: 'api' | 'user'): void;
  close(source?: 'api' | 'user'): void;
  toggle(source?: 'api' | 'user'): void;
  /** Tells the chat whether the page is visible (unread counting). */
  setPageVisible(visible: boolean): void;
  /**
   * Tells the chat whether the browser has a network (`online`/`offline` events). While offline,
   * `state.connection` reads `offline` ("Waiting for network…") and messages queue; coming back
   * shows the transport's own status again and retries a start that failed.
   */
  setNetworkOnline(online: boolean): void;
  /**
   * Another view of this conversation (another tab) showed the messages up to `messageId`:
   * unread then counts only the bot/operator messages after it. Sends no read receipt.
   * Returns false when that message is not known here (yet).
   */
  markSeenElsewhere(messageId: string): boolean;
  /**
   * Takes the unread count of another view of this conversation (a tab that joins adopts the
   * count of the tabs already open). Ignored while the user is looking at the chat here.
   */
  syncUnread(count: number): void;
  /** The user is typing (throttled by the transport). */
  setTyping(on: boolean): void;
  /** Asks for a human operator. */
  requestHandoff(reason?: string): Promise<void>;
  /** Leaves the operator queue, back to the bot (when `capabilities.queueLeave`). Errors go to the `error` event. */
  cancelHandoff(): Promise<void>;
  /** What the operator will receive with the handoff; null when the backend cannot tell (`capabilities.handoffPreview`). Rejects on failure. */
  handoffPreview(): Promise<HandoffPreview | null>;
  /** Sets ('' clears) the note for the operator, at most 1000 characters; the updated preview. Rejects on failure. */
  setHandoffNote(note: string): Promise<HandoffPreview | null>;
  /** Submits the one-time code of the pending verification challenge. */
  submitVerification(code: string): Promise<VerificationResult>;
  /**
   * Asks for a new code for the pending challenge (servers announcing
   * `capabilities.verificationPolicy.resend`). Resolves with the new challenge (also in
   * `state.handoff`); rejects with a `rate_limited` TransportError while it may not, after moving
   * the challenge's `resendAt` to when it may.
   */
  resendVerification(): Promise<VerificationChallenge>;
  /** Goes on to a person without a code (only with `verificationPolicy.fallback: 'queue'`). */
  skipVerification(): Promise<void>;
  /** Ends the conversation with the operator. */
  closeConversation(): Promise<void>;
  /** Rates the conversation, 1–5. */
  rate(score: number, comment?: string): Promise<void>;
  /**
   * Leaves a contact (e-mail or phone), an optional callback window and a note for the next shift
   * while operators are offline (capability `leaveMessage`). Resolves once the backend stored it;
   * rejects with the `TransportError` (e.g. `invalid` for a contact it refuses), also reported
   * through `error` unless it is `invalid` (the form shows that one itself).
   */
  leaveContact(request: LeaveContactRequest): Promise<void>;
  /**
   * Several conversations (`capabilities.conversations`): talks to another conversation of the
   * person. `state.messages` then holds that one's history (fetched quietly: not counted as
   * unread). Rejects while there are unsent messages (send or remove them first), or when the
   * backend has one conversation only.
   */
  openConversation(conversationId: string): Promise<void>;
  /** Several conversations: starts a new conversation in `channel` (default `support`) and talks to it. */
  newConversation(channel?: string): Promise<void>;
  /** Several conversations: fetches the list (`state.conversations`) again. */
  refreshConversations(): Promise<void>;
  /** Loads the previous page of history. */
  loadOlder(): Promise<void>;
  /** Uploads a file through the transport, outside the outbox (for custom UIs; see `sendFiles`). */
  upload(
    file: Blob & { name?: string },
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<AttachmentRef>;
  on<K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): Unsubscribe;
  /** Reports a problem through the `error` event (used by the layers around the engine). */
  reportError(error: ChatError): void;
  /** Disconnects, stops every timer and removes every listener. */
  destroy(): Promise<void>;
  /**
   * Revokes the session at the backend (its token is refused from then on), without touching the
   * local data. Resolves true when revoked, false when the backend could not be reached (offline;
   * the transports time their requests out) or the transport has no logout; never rejects.
   */
  endSession(): Promise<boolean>;
  /**
   * Logout: `endSession()`, then `destroy()`, then deletes everything saved (history, outbox,
   * session token). Offline, the token is simply forgotten (the server ends it at its idle lifetime).
   */
  logout(): Promise<void>;
  /**
   * Hands a fresh identity signature of the signed-in user to the backend (`hash` and its expiry in
   * Unix seconds): the session lives on past the old one. After the session ended on the old
   * signature's expiry, connects again with the new one.
   */
  refreshIdentity(hash: string, hashExpires: number): Promise<void>;
  /**
   * Tells the backend what the page now says about the person (name, e-mail, phone, attributes)
   * or their language (the bot answers in it), without a reconnect; every later reconnect carries
   * it too. Offline, it resolves and the next connect carries it.
   */
  updateProfile(update: ProfileUpdate): Promise<void>;
  readonly destroyed: boolean;
}
