/**
 * Typing indicators heard from other processes, each with a deadline. A process that starts an
 * indicator (the bot "typing" during its reply delay, an operator, a customer) stops it itself
 * when it is done; but a process that dies in between never does, and the customers and consoles
 * of the other processes would see "typing…" until their own client-side timeout. So the receiver
 * stops a remote indicator itself once its deadline (`ttlMs`, told by the sender) passes without a
 * stop or a renewal.
 * @module
 */
import type { ServerTypingFrame } from '../../src/protocol/frames';

/** Deadline of a remote indicator whose sender named none (an older process): the clients' own timeout. */
export const DEFAULT_TYPING_TTL_MS = 30_000;
/** Time beyond the bot's typing delay that a bot indicator may last on other processes (the reply's writes). */
export const BOT_TYPING_GRACE_MS = 5000;

/** How long the sender means an indicator to last before it says stop: the bot its delay (plus a grace), others the default. */
export function typingTtlMs(frame: ServerTypingFrame, botDelayMs: number): number {
  return frame.from.role === 'bot' ? botDelayMs + BOT_TYPING_GRACE_MS : DEFAULT_TYPING_TTL_MS;
}

/** The open remote indicators of one process, each with its stop timer. */
export class RemoteTyping {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** `stop` delivers the stop frame locally when a deadline passes. */
  constructor(private readonly stop: (conversationId: string, frame: ServerTypingFrame) => void) {}

  /** A typing frame from another process: an indicator starts (or is renewed) with its deadline, or stops. */
  heard(conversationId: string, frame: ServerTypingFrame, ttlMs = DEFAULT_TYPING_TTL_MS): void {
    const key = `${conversationId}\u0000${frame.from.role}\u0000${frame.from.id}`;
    const running = this.timers.get(key);
    if (running !== undefined) clearTimeout(running);
    this.timers.delete(key);
    if (!frame.on) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.stop(conversationId, { ...frame, on: false });
    }, ttlMs);
    timer.unref?.();
    this.timers.set(key, timer);
  }

  /** Indicators waiting for their stop (for tests and metrics). */
  get open(): number {
    return this.timers.size;
  }

  /** Drops every timer (shutdown). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
