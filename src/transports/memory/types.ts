/**
 * Public types of the in-page memory transport.
 * @module
 */
import type { Capabilities, ConnectionStatus, Participant, TransportErrorCode } from '../../core/model';
import type { IncomingMessage, OutgoingMessage, SendReceipt, Transport, TransportEvent, VerificationResult } from '../../core/transport';
import type { AckOverrides } from './sends';

export type { AckOverrides } from './sends';

/** Options of {@link createMemoryTransport}. */
export interface MemoryTransportOptions {
  /** Scripted demo bot: greets, offers topics, answers. `false` makes a bare echo backend. @default true */
  bot?: boolean;
  /** Delay before a bot or operator reply (typing is shown meanwhile). Use 0 in tests. @default 600 */
  replyDelayMs?: number;
  /** Simulated network latency added to every call and reply. @default 0 */
  latencyMs?: number;
  /** Ask for a one-time code before the handoff; the code is shown in the chat ("Demo code: …"). @default true */
  verification?: boolean;
  /** The code that passes verification. @default "123456" */
  verificationCode?: string;
  /** Whether operators are online; when `false` a handoff ends `offline` with `availability.nextOpenAt`. @default true */
  operatorsOnline?: boolean;
  /** Time between queue position updates while waiting for the operator. @default 1500 */
  queueStepMs?: number;
  /** Random source for non-id things (queue position, nothing else). Ids always come from crypto. @default Math.random */
  random?: () => number;
  /**
   * Scripted handoff steps (code, queue, operator joins and answers). `false`: requests and codes
   * are only checked and recorded, and the test emits the handoff events itself. @default true
   */
  handoff?: boolean;
  /** Deliver the user's own accepted messages back as `message` events, like most servers. @default true */
  echo?: boolean;
  /** Overrides of the advertised capabilities, e.g. to test how the UI hides features. */
  capabilities?: Partial<Capabilities>;
}

/** One call the SDK made on the transport, as {@link MemoryTransport.calls} lists it. */
export interface MemoryCall {
  method: keyof Transport;
  args: readonly unknown[];
}

/** What {@link MemoryTransport.emitIncoming} takes: text, a message (any part may be left out), or any event. */
export type IncomingInput =
  | string
  | (Omit<Partial<IncomingMessage>, 'from'> & { text?: string; from?: Participant | 'bot' | 'operator' | 'system' })
  | TransportEvent;

/** Error the next `send` rejects with (see {@link MemoryTransport.failNextSend}). */
export interface SimulatedSendError {
  /** @default "network" */
  code?: TransportErrorCode;
  /** @default true */
  retryable?: boolean;
}

/** Transport methods the emulator does not have (their capabilities are off). */
type NotEmulated =
  | 'cancelHandoff'
  | 'handoffPreview'
  | 'setHandoffNote'
  | 'resendVerification'
  | 'skipVerification'
  | 'openConversation'
  | 'listConversations';

/**
 * The memory transport: a complete {@link Transport} (but the queue's leave and preview) plus
 * switches that simulate faults and inject events, for tests, the demo page and QA.
 */

export interface MemoryTransport extends Required<Omit<Transport, NotEmulated>> {
  /** Current connection status. */
  readonly status: ConnectionStatus;
  /** Every send the "server" accepted, in order (a repeated clientId is listed once). */
  readonly sentMessages: readonly OutgoingMessage[];
  /** Last value passed to `setTyping`. */
  readonly userTyping: boolean;
  /** Highest seq passed to `markRead` (0 before any). */
  readonly readUpTo: number;
  /** Delays every call, ack and reply by `ms` from now on. */
  setLatency(ms: number): void;
  /** Every call the SDK made, in order (sends include retries), for tests to assert on. */
  readonly calls: readonly MemoryCall[];
  /** Listeners subscribed through `on`. */
  readonly listenerCount: number;
  /** Makes the next `send` reject with a `TransportError` (retryable `network` by default). */
  failNextSend(error?: SimulatedSendError): void;
  /** Makes the next `connect` fail (status `failed`) with `error` (a `network` TransportError by default). */
  failNextConnect(error?: unknown): void;
  /** Manual ack: from now on every `send` waits until {@link MemoryTransport.ack} or {@link MemoryTransport.reject}. */
  holdSends(): void;
  /** Back to acking at once; sends still held stay held until acked or rejected. */
  releaseSends(): void;
  /** Held sends, oldest first. */
  pendingSends(): OutgoingMessage[];
  /** Accepts the held send `clientId` (optionally with the seq and id to give it); returns its receipt. */
  ack(clientId: string, overrides?: AckOverrides): SendReceipt;
  /** Rejects the held send `clientId` with `error` (a TransportError or plain data for one). */
  reject(clientId: string, error?: unknown): void;
  /** Answers the next verifications with `result` whatever the code (`undefined`: check the code again). */
  setVerificationResult(result: VerificationResult | undefined): void;
  /**
   * Drops the connection: status `reconnecting`, then `online` again after `reconnectAfterMs`
   * (default 1000). Events of that time are delivered after the reconnect, in seq order.
   */
  dropConnection(options?: { reconnectAfterMs?: number }): void;
  /** Goes `offline` until {@link MemoryTransport.goOnline}; events are held back meanwhile. */
  goOffline(): void;
  /** Comes back `online` and delivers what was held back. */
  goOnline(): void;
  /**
   * Injects what a server would send. Text or a message (from the bot by default; `from` may be
   * `'operator'` or `'system'`) gets an id, a seq and a place in history; a durable event without
   * a seq gets one. The emulator's state follows (a `conversation: closed` event closes it).
   * Returns the message stored, if one was.
   */
  emitIncoming(input: Exclude<IncomingInput, TransportEvent>): IncomingMessage;
  emitIncoming(input: IncomingInput): IncomingMessage | undefined;
  /**
   * Delivers `event` as is, at once, whatever the connection state (no seq added, not stored);
   * the emulator's state still follows it. For tests of gaps, duplicates and odd servers.
   */
  emit(event: TransportEvent): void;
}
