/**
 * Several conversations: the one pending "open another conversation" of a session, i.e. the
 * `open` the next hello carries, and the promise the switch waits on.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { ConversationTarget } from '../../core/transport';
import type { HelloFrame } from './frames';

/** The pending open of a session. */
export interface OpenSlot {
  /** The `open` for the next hello, while one is pending. */
  request(): HelloFrame['open'];
  /** Asks for `target` (dropping an earlier ask); resolves when settled, rejects after `timeoutMs`. */
  ask(name: string, target: ConversationTarget, timeoutMs: number): Promise<void>;
  /** Settles the pending open: done, or failed with `error`. */
  settle(error?: Error): void;
}

/** Creates an empty slot. */
export function createOpenSlot(): OpenSlot {
  let open:
    | { request: NonNullable<HelloFrame['open']>; resolve(): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }
    | undefined;
  const settle = (error?: Error) => {
    const o = open;
    open = undefined;
    if (!o) return;
    clearTimeout(o.timer);
    if (error) o.reject(error);
    else o.resolve();
  };
  return {
    request: () => open?.request,
    ask(name, target, timeoutMs) {
      settle(new TransportError(name, 'closed', 'another conversation was asked for', { retryable: false }));
      return new Promise<void>((resolve, reject) => {
        // A re-dial repeats the hello: `ref` makes the server open the conversation it created then.
        const request =
          'conversationId' in target ? { conversationId: target.conversationId } : { channel: target.channel, new: true, ref: createId() };
        const timer = setTimeout(
          () => settle(new TransportError(name, 'timeout', 'the conversation did not open in time', { retryable: true })),
          timeoutMs,
        );
        open = { request, resolve, reject, timer };
      });
    },
    settle,
  };
}
