/**
 * The engine's one retry delay (outbox sends, history resyncs). Transports have their own,
 * configurable curve in `transports/swp/backoff.ts`.
 * @module
 */

/** Backoff delay: full jitter over an exponential ceiling, min 500 ms, max 30 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.max(500, Math.floor(random() * ceiling));
}
