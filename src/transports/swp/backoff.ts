/**
 * Jittered exponential backoff for reconnects.
 * @module
 */

/** Reconnect backoff settings. */
export interface BackoffOptions {
  /** Smallest delay before a retry, ms. @default 1000 */
  minDelayMs?: number;
  /** Largest delay before a retry, ms. @default 30000 */
  maxDelayMs?: number;
  /** Growth factor per failed attempt. @default 1.6 */
  factor?: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0-based): an exponential ceiling
 * `min × factor^attempt` capped at `max`, with "equal jitter": a uniform pick between half and
 * all of the ceiling, so clients that dropped together do not come back together.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const min = options.minDelayMs ?? 1000;
  const max = Math.max(min, options.maxDelayMs ?? 30_000);
  const ceiling = Math.min(max, min * (options.factor ?? 1.6) ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}
