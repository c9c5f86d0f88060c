/**
 * The operator console protocol (JSON over WebSocket at `/swp/v1/operator/ws`), used by the console
 * page and by test/helpers/operator-client.ts. Documented in docs/protocol.md §Operator API.
 * @module
 */
import type { ConversationState, HandoffPreview, HandoffState, Participant } from '../src/core/model';
import type { WireConversation, WireError, WireEvent, WireMessage } from '../src/protocol/frames';
import type { UserSegment } from '../src/protocol/enums';
import type { OperatorRole } from './auth/principal';
import type { AccountsServerFrame } from './operator-protocol/accounts';
import type { DeskServerFrame } from './operator-protocol/desk';
import type { GovernanceServerFrame } from './operator-protocol/governance';

/** Path of the operator WebSocket. */
export const OPERATOR_WS_PATH = '/swp/v1/operator/ws';

/** A conversation as listed in the console. */
export interface QueueItem {
  conversationId: string;
  state: ConversationState;
  handoff: HandoffState;
  topic: string | null;
  segment: UserSegment;
  locale: string;
  /** ISO time the customer started waiting (queue) or last activity. */
  since: string;
  waitSeconds: number;
  customer: { name?: string; verified: boolean; identified: boolean };
  operator?: Participant;
  /** Demo mode only (`demo: true`): the code the demo sender "sent by SMS" while it is pending. */
  pendingCode?: string;
  pageUrl?: string;
  /** The row's title: the topic in words (English), else the customer's first words. */
  title?: string;
  /** `urgent` conversations are listed first and marked. */
  priority: 'normal' | 'urgent';
  /** Why it is urgent (the bot's reason or topic key). */
  priorityReason?: string;
  /** The customer's note for the operator. */
  note?: string;
  /**
   * The contact the customer left while operators were offline. Conversations that left one for
   * their current wait come first in `waiting`; the operator who takes one still sees it.
   */
  contact?: LeftContact;
  /** Several conversations: the channel (`support`, `documents`, …). */
  channel?: string;
  /** The customer's last message in one line (text, else file names), at most 140 characters. */
  preview?: { text: string; at: string };
  /** The customer's messages after the holder's read mark (0 while nobody holds it; counted among the last 20). */
  unread?: number;
  /** Seq of the customer's last message: a console marks a waiting row new when it grew since it last looked. */
  lastCustomerSeq?: number;
}

/** A contact the customer left for the next shift while operators were offline. */
export interface LeftContact {
  email?: string;
  phone?: string;
  /** `any`, `morning`, `afternoon`, `evening` or `HH:MM` (in the customer's `timeZone`). */
  callbackWindow?: string;
  note?: string;
  /** The customer's IANA time zone, when their browser sent it. */
  timeZone?: string;
  /** When it was left (ISO). */
  at: string;
}

/** Everything the console shows. */
export interface QueueSnapshot {
  waiting: QueueItem[];
  verifying: QueueItem[];
  active: QueueItem[];
  operatorsOnline: number;
  /** Demo mode: pending codes are shown in the list; the console shows a "Demo mode: codes are shown" banner. */
  demoCodes?: true;
}

/** Customer context shown before the transcript. */
/** A field of the customer's profile as the console shows it. */
export type CustomerField = 'id' | 'name' | 'email' | 'phone' | 'attributes';

export interface ConversationDetail {
  item: QueueItem;
  conversation: WireConversation;
  customer: {
    id: string;
    name?: string;
    email?: string;
    phone?: string;
    segment: UserSegment;
    verified: boolean;
    identified: boolean;
    attributes: Record<string, string | number | boolean>;
    /**
     * Fields the identity signature proves (`id` for a signed-in user; the signature covers only
     * `user.id`). Every other field (name, e-mail, phone, attributes) was provided by the customer.
     */
    verifiedFields: CustomerField[];
  };
  metadata: Record<string, string>;
  /** Newest messages, oldest first (bot transcript included). */
  messages: WireMessage[];
  rating?: { score: number; comment: string | null };
  /** What the customer was shown they would hand over: note, topic, summary, files, page (topic label in English). */
  handoff: HandoffPreview;
}

/** Operator → server. */
export type OperatorClientFrame =
  | { t: 'hello'; id: string; avatarUrl?: string }
  | { t: 'view'; id: string; conversationId: string }
  | { t: 'accept'; id: string; conversationId: string }
  | { t: 'send'; id: string; conversationId: string; text?: string; attachments?: Array<{ id: string }> }
  | { t: 'typing'; conversationId: string; on: boolean }
  | { t: 'read'; id: string; conversationId: string; upTo?: number }
  | { t: 'close'; id: string; conversationId: string }
  | { t: 'ping'; n: number }
  | { t: 'pong'; n: number };

/** Server → operator. */
export type OperatorServerFrame =
  | { t: 'welcome'; ref: string; operator: Participant; role: OperatorRole; uploadToken: string; queue: QueueSnapshot }
  | { t: 'queue'; queue: QueueSnapshot }
  | { t: 'ack'; ref: string; detail?: ConversationDetail; id?: string; seq?: number }
  | { t: 'nack'; ref: string; error: WireError | { code: 'already_taken'; message: string; retryable: false } }
  | { t: 'event'; conversationId: string; seq: number; event: WireEvent }
  | { t: 'typing'; conversationId: string; from: Participant; on: boolean }
  | { t: 'read'; conversationId: string; upTo: number }
  | { t: 'error'; error: WireError }
  | { t: 'ping'; n: number }
  | { t: 'pong'; n: number }
  | AccountsServerFrame
  | GovernanceServerFrame
  | DeskServerFrame;
