/**
 * The chat's state as signals. Core actions write it; everyone else reads `ChatState`
 * (read-only signals), so a component re-renders only for the slices it reads.
 * @module
 */
import { signal, type ReadonlySignal, type Signal } from '@preact/signals-core';
import type {
  Availability,
  Capabilities,
  ChatMessage,
  ConnectionStatus,
  ConversationState,
  ConversationSummary,
  HandoffState,
  Participant,
  QueueInfo,
  VerificationChallenge,
} from './model';
import type { TransportErrorInfo } from './transport';

/** Handoff progress with its challenge, when one is pending. */
export interface HandoffInfo {
  state: HandoffState;
  challenge?: VerificationChallenge;
  reason?: string;
  /** Result of the last code submission, for the verification form. */
  lastResult?: 'invalid' | 'expired' | 'locked';
}

/**
 * Where the engine is in its start-up:
 * - `restoring`: the saved history, outbox and draft are being loaded (only with persistence; it
 *   starts when the chat is created). Actions called now (send, sendFiles, choose, retry, remove,
 *   setDraft) are queued and applied after the restore, in call order, so restored unsent
 *   messages stay ahead of newer ones.
 * - `ready`: restored (or nothing to restore); not connected yet, or the first connect failed.
 * - `live`: `start()` connected once; reconnects show in `connection`, not here.
 */
export type ChatLifecycle = 'restoring' | 'ready' | 'live';

/** Read-only view of the chat state. */
export interface ChatState {
  /** Messages in display order (server order by seq; unsent ones last, in send order). */
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  readonly connection: ReadonlySignal<ConnectionStatus>;
  /** Milliseconds until the next reconnect attempt, while reconnecting. */
  readonly retryInMs: ReadonlySignal<number | undefined>;
  readonly isOpen: ReadonlySignal<boolean>;
  /** Bot/operator messages the user has not seen yet. */
  readonly unread: ReadonlySignal<number>;
  /** Who is typing now, if anyone. */
  readonly typing: ReadonlySignal<Participant | null>;
  readonly handoff: ReadonlySignal<HandoffInfo>;
  readonly queue: ReadonlySignal<QueueInfo | null>;
  /** The operator who joined, if any. */
  readonly operator: ReadonlySignal<Participant | null>;
  readonly conversation: ReadonlySignal<ConversationState>;
  readonly availability: ReadonlySignal<Availability | null>;
  readonly capabilities: ReadonlySignal<Capabilities>;
  /** More history can be loaded above the first message. */
  readonly hasMoreHistory: ReadonlySignal<boolean>;
  /** The last connection-level error, cleared when back online. */
  readonly lastError: ReadonlySignal<TransportErrorInfo | null>;
  /** Set after the conversation closed and a rating was sent. */
  readonly rated: ReadonlySignal<number | null>;
  /** Text typed in the composer and not sent yet; survives reloads. */
  readonly draft: ReadonlySignal<string>;
  /**
   * Whether the browser says it has a network (`navigator.onLine` and the `online`/`offline`
   * events, as told by `setNetworkOnline`). While `offline`, `connection` reads `offline` too.
   */
  readonly network: ReadonlySignal<'online' | 'offline'>;
  /** Start-up phase: `restoring` → `ready` → `live` (see {@link ChatLifecycle}). */
  readonly lifecycle: ReadonlySignal<ChatLifecycle>;
  /**
   * Several conversations (`capabilities.conversations`): the person's conversations, most
   * recently changed first, with the server's unread count each. Empty without the capability.
   */
  readonly conversations: ReadonlySignal<readonly ConversationSummary[]>;
  /** The conversation `messages` belong to, once the backend said. */
  readonly conversationId: ReadonlySignal<string | undefined>;
}

/** Writable state; only core actions hold it. @internal */
export interface WritableChatState {
  messages: Signal<readonly ChatMessage[]>;
  connection: Signal<ConnectionStatus>;
  retryInMs: Signal<number | undefined>;
  isOpen: Signal<boolean>;
  unread: Signal<number>;
  typing: Signal<Participant | null>;
  handoff: Signal<HandoffInfo>;
  queue: Signal<QueueInfo | null>;
  operator: Signal<Participant | null>;
  conversation: Signal<ConversationState>;
  availability: Signal<Availability | null>;
  capabilities: Signal<Capabilities>;
  hasMoreHistory: Signal<boolean>;
  lastError: Signal<TransportErrorInfo | null>;
  rated: Signal<number | null>;
  draft: Signal<string>;
  network: Signal<'online' | 'offline'>;
  lifecycle: Signal<ChatLifecycle>;
  conversations: Signal<readonly ConversationSummary[]>;
  conversationId: Signal<string | undefined>;
}

/** Creates the state. @internal */
export function createState(capabilities: Capabilities, open: boolean): WritableChatState {
  return {
    messages: signal<readonly ChatMessage[]>([]),
    connection: signal<ConnectionStatus>('idle'),
    retryInMs: signal<number | undefined>(undefined),
    isOpen: signal(open),
    unread: signal(0),
    typing: signal<Participant | null>(null),
    handoff: signal<HandoffInfo>({ state: 'none' }),
    queue: signal<QueueInfo | null>(null),
    operator: signal<Participant | null>(null),
    conversation: signal<ConversationState>('open'),
    availability: signal<Availability | null>(null),
    capabilities: signal(capabilities),
    hasMoreHistory: signal(false),
    lastError: signal<TransportErrorInfo | null>(null),
    rated: signal<number | null>(null),
    draft: signal(''),
    network: signal<'online' | 'offline'>('online'),
    lifecycle: signal<ChatLifecycle>('ready'),
    conversations: signal<readonly ConversationSummary[]>([]),
    conversationId: signal<string | undefined>(undefined),
  };
}
