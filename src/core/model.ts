/**
 * The message model shared by core, transports and UI.
 * Everything here is plain, JSON-serialisable data: no classes, no DOM types.
 * The closed sets of values (roles, statuses, codes, states) are the arrays in
 * `src/protocol/enums.ts`; the unions here are derived from them so validators and types agree.
 * @module
 */
import type {
  ActionKind,
  ChallengeMethod,
  ConnectionStatus,
  ConversationState,
  HandoffMode,
  HandoffState,
  HistoryMode,
  MessageStatus,
  ParticipantRole,
  TransportErrorCode,
} from '../protocol/enums';
import type { WireChannel, WireConversationSummary } from '../protocol/conversations';

export type { CallbackWindow, ContactDetails, LeaveContactRequest } from '../protocol/contact';
export type {
  ActionKind,
  ChallengeMethod,
  ConnectionStatus,
  ConversationState,
  HandoffState,
  MessageStatus,
  ParticipantRole,
  TransportErrorCode,
};

/** A person or bot taking part in a conversation. */
export interface Participant {
  /** Stable id of the participant on the backend. */
  id: string;
  role: ParticipantRole;
  /** Display name, e.g. "Anna" for an operator. */
  name?: string;
  /** Avatar image URL (http/https only; anything else is ignored by the UI). */
  avatarUrl?: string;
}

/**
 * A button the user can press: a quick reply, a card button, or a link.
 * - `reply`: sends `value` as the user's text;
 * - `postback`: sends the action to the backend, showing `label` as the user's message;
 * - `url`: opens `value` (http/https/mailto/tel only) in a new tab;
 * - `handoff`: asks for a human operator.
 */
export interface Action {
  id: string;
  label: string;
  kind: ActionKind;
  value: string;
}

/**
 * A file attached to a message, already uploaded (or about to be: a placeholder whose `id`
 * starts with `local:` stands for a file the SDK still has to upload, see `Chat.sendFiles`).
 */
export interface AttachmentRef {
  id: string;
  /** File name as shown to people. Untrusted: rendered as text only. */
  name: string;
  mimeType: string;
  /** Size in bytes. */
  size: number;
  /** Where to download or show it (http/https/blob only). */
  url?: string;
  thumbnailUrl?: string;
}

/**
 * One piece of a message's content. A `custom` part carries host-defined JSON `data` (at most
 * 64 KB serialised, nested at most 16 deep) under a `type` of at most 100 characters; the UI
 * renders it only through the host's own renderer. Validators: `src/protocol/parts.ts`.
 */
export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'attachment'; attachment: AttachmentRef }
  | { kind: 'card'; title?: string; subtitle?: string; text?: string; imageUrl?: string; actions?: Action[] }
  | { kind: 'custom'; type: string; data: unknown };

/**
 * Why a message failed: a transport's error code, or `upload_interrupted` when the files it was
 * to carry were lost with the page that picked them (a reload mid-upload): attach them again.
 */
export type MessageErrorCode = TransportErrorCode | 'upload_interrupted';

/** Why a message failed. */
export interface MessageError {
  code: MessageErrorCode;
  message: string;
  /** True when a retry may succeed (network); false for a permanent rejection. */
  retryable: boolean;
}

/** A message as the SDK holds it. */
export interface ChatMessage {
  /** Server id once known; until then equal to `clientId`. */
  id: string;
  /** SDK-generated idempotency key of the user's own messages (crypto random, never Math.random). */
  clientId?: string;
  conversationId?: string;
  from: Participant;
  parts: Part[];
  /** Buttons offered under this message; the UI hides them once the user answers. */
  quickReplies?: Action[];
  /** ISO-8601 creation time (server time when known). */
  createdAt: string;
  /** Per-conversation, monotonically increasing order key from the server. */
  seq?: number;
  status: MessageStatus;
  error?: MessageError;
  /** The action this message answered (set on messages created by pressing a button). */
  action?: Action;
  /**
   * Progress of the files this message is uploading before it is sent (see `Chat.sendFiles`), in
   * bytes over all its files. Present only while some file is not uploaded yet; `loaded` never
   * goes down. Kept in memory only (never persisted).
   */
  upload?: { loaded: number; total: number };
}

/** An OTP (one-time code) challenge before a human takes over. */
export interface VerificationChallenge {
  id: string;
  method: ChallengeMethod;
  /** Text to show, e.g. "Enter the code we sent by SMS". */
  prompt?: string;
  /** Masked destination, e.g. "•••12". */
  destinationHint?: string;
  codeLength?: number;
  /** When the code stops working (ISO-8601). */
  expiresAt?: string;
  /** Wrong guesses this code still takes, as the server counts them; 0 = locked. */
  attemptsLeft?: number;
  /** Wrong guesses a code takes in all. */
  maxAttempts?: number;
  /** From when a new code may be asked for (ISO-8601): the cooldown, or the hourly limit. */
  resendAt?: string;
}

/**
 * The server's rules of the code step (`capabilities.verificationPolicy`), so that the widget can
 * show them. Absent: the backend does not announce them (no resend, no fallback shown).
 */
export interface VerificationPolicy {
  codeLength: number;
  /** A code's lifetime, seconds. */
  ttlSeconds: number;
  /** Cooldown before a new code, seconds. */
  resendAfterSeconds: number;
  /** Wrong guesses per code before it is locked. */
  maxAttempts: number;
  /** Codes per session and per user per hour. */
  maxCodesPerHour: number;
  /** The backend takes `resendVerification()`. */
  resend: boolean;
  /** What "Didn't get a code?" offers besides a new code: call `phone`, or wait for a person unverified. */
  fallback: 'none' | 'phone' | 'queue';
  /** The line to call with `fallback: 'phone'`. */
  phone?: string;
}

/** Queue details while waiting for an operator. */
export interface QueueInfo {
  position: number | null;
  etaSeconds?: number;
}

/** Operator availability as the backend reports it. */
export interface Availability {
  operatorsOnline: boolean;
  /** When operators are back (ISO-8601), when they are offline. */
  nextOpenAt?: string;
  /** Typical time to first reply, in seconds. */
  replyTimeSeconds?: number;
}

/** What a backend supports; the UI hides what is missing. */
export interface Capabilities {
  /** Server pushes events (else request/response only). */
  realtime: boolean;
  history: HistoryMode;
  attachments: false | { maxBytes: number; maxFiles: number; accept: string[] };
  typing: { inbound: boolean; outbound: boolean };
  readReceipts: { inbound: boolean; outbound: boolean };
  quickReplies: boolean;
  cards: boolean;
  humanHandoff: HandoffMode;
  verification: boolean;
  /** Limits and ways out of the code step (see {@link VerificationPolicy}); absent when not announced. */
  verificationPolicy?: VerificationPolicy;
  queuePosition: boolean;
  closeConversation: boolean;
  rating: boolean;
  /** Backend dedupes repeated sends by clientId. */
  idempotentSend: boolean;
  /**
   * Several conversations per person: the channels the backend offers (see README "Several
   * conversations and notifications"). Absent or `false`: one conversation, no list.
   */
  conversations?: false | { channels: ConversationChannel[] };
  /**
   * While operators are offline the customer can leave a contact (e-mail or phone) and a message
   * for the next shift (`Chat.leaveContact`); absent means false.
   */
  leaveMessage?: boolean;
  /** A phone line for urgent cases, offered as a `tel:` link when no operator is online. */
  emergencyPhone?: string;
  /**
   * Backend masks card numbers (`•••• 1111`) in the messages it stores and shows operators, whatever
   * the client sent. The widget's own guard (the `sensitiveGuard` option) runs either way.
   */
  cardMasking?: boolean;
  /**
   * Bot and operator text uses the safe rich-text subset (bold, italic, code, lists, links: see
   * the README's "Formatted text"). Absent or false: their text is shown literally, as typed.
   */
  richText?: boolean;
  /** The customer can leave the operator queue (`Chat.cancelHandoff`). Absent: false. */
  queueLeave?: boolean;
  /** The customer can see what the operator will receive and add a note (`Chat.handoffPreview`, `Chat.setHandoffNote`). Absent: false. */
  handoffPreview?: boolean;
}

/**
 * What the operator receives with a handoff, as the backend computed it: the customer sees it
 * before a person takes over. Untrusted text: rendered as text only.
 */
export interface HandoffPreview {
  /** Topic key chosen with the bot, e.g. `cards`. */
  topic?: string;
  /** The topic in words, in the conversation's language. */
  topicLabel?: string;
  /** Buttons pressed on the way (the topic path), oldest first. */
  path: string[];
  /** The customer's last few typed questions, oldest first. */
  questions: string[];
  /** Files the customer sent. */
  attachments: Array<{ name: string }>;
  /** The page the chat was opened on. */
  pageUrl?: string;
  /** The customer's note for the operator. */
  note?: string;
  /** The server marked the conversation urgent. */
  urgent?: boolean;
}

/** A channel of conversations (`support`, the read-only `notifications`, `documents`, …). */
export type ConversationChannel = WireChannel;

/** One conversation of the person, without its messages (see `state.conversations`). */
export type ConversationSummary = WireConversationSummary;
