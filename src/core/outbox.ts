/**
 * The outbox: sends the user's messages one at a time, in order, with the same clientId on every
 * attempt. Retryable failures go back to `queued` and are retried with jittered exponential
 * backoff while online (and at once when the connection comes back); a permanent rejection marks
 * the message `failed` and the queue moves on. A message may first need work before it is sent
 * (uploading its files, see attachments.ts): `prepare` runs under the same rules.
 * @module
 */
import type { ChatMessage, MessageError, TransportErrorCode } from './model';
import type { OutgoingMessage, SendReceipt } from './transport';
import { backoffDelay } from './backoff';

export { backoffDelay } from './backoff';

/** What the outbox needs from the chat. @internal */
export interface OutboxHost {
  isOnline(): boolean;
  /** Messages waiting to be sent, oldest first. */
  pending(): ChatMessage[];
  /**
   * Work before the send (uploads), with the message `sending`: resolves with the message to send,
   * or null to skip it (cancelled, or already marked failed). Rejections count as send failures.
   */
  prepare?(message: ChatMessage): ChatMessage | null | Promise<ChatMessage | null>;
  toOutgoing(message: ChatMessage): OutgoingMessage;
  send(message: OutgoingMessage): Promise<SendReceipt>;
  markSending(clientId: string): void;
  markSent(clientId: string, receipt: SendReceipt): void;
  markQueued(clientId: string): void;
  markFailed(clientId: string, error: MessageError & { code: TransportErrorCode }): void;
  toError(error: unknown): MessageError & { code: TransportErrorCode; retryAfterMs?: number };
}

/** @internal */
export interface Outbox {
  /** Starts sending if idle. */
  flush(): void;
  /** Resets the backoff (e.g. when the connection comes back) and flushes. */
  kick(): void;
  stop(): void;
}

/** @internal */
export function createOutbox(host: OutboxHost): Outbox {
  let running = false;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay: number) => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
  };

  const run = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && host.isOnline()) {
        const next = host.pending()[0];
        if (!next || next.clientId === undefined) break;
        const clientId = next.clientId;
        host.markSending(clientId);
        try {
          // Not awaited when there is nothing to do: plain messages go out without an extra tick.
          const prepared = host.prepare ? host.prepare(next) : next;
          const ready = prepared instanceof Promise ? await prepared : prepared;
          if (stopped) return;
          if (!ready) continue;
          const receipt = await host.send(host.toOutgoing(ready));
          if (stopped) return;
          attempt = 0;
          host.markSent(clientId, receipt);
        } catch (raw) {
          if (stopped) return;
          const error = host.toError(raw);
          if (error.retryable) {
            host.markQueued(clientId);
            const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt++));
            schedule(Math.min(delay, 60_000));
            break;
          }
          host.markFailed(clientId, { code: error.code, message: error.message, retryable: false });
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    flush() {
      if (timer === undefined) void run();
    },
    kick() {
      attempt = 0;
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      void run();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
