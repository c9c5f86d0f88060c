/**
 * Public types of the in-page memory transport.
 * @module
 */
import type { Capabilities, ConnectionStatus, TransportErrorCode } from '../../core/model';
import type { IncomingMessage, OutgoingMessage, Transport, TransportEvent } from '../../core/transport';

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
  /** Overrides of the advertised capabilities, e.g. to test how the UI hides features. */
  capabilities?: Partial<Capabilities>;
}

/** Error the next `send` rejects with (see {@link MemoryTransport.failNextSend}). */
export interface SimulatedSendError {
  /** @default "network" */
  code?: TransportErrorCode;
  /** @default true */
  retryable?: boolean;
}

/**
 * The memory transport: a complete {@link Transport} plus switches that simulate faults and
 * inject events, for tests, the demo page and QA.
 */
export interface MemoryTransport extends Required<Transport> {
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
  /** Makes the next `send` reject with a `TransportError` (retryable `network` by default). */
  failNextSend(error?: SimulatedSendError): void;
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
   * Injects a message from the "server" (a bot message by default): it gets an id, a seq and
   * a place in history, and is delivered like any other event. Returns the stored message.
   */
  emitIncoming(message: string | (Partial<IncomingMessage> & { text?: string })): IncomingMessage;
  /** Delivers `event` to listeners as is, at once, whatever the connection state (no seq, not stored). */
  emit(event: TransportEvent): void;
}
