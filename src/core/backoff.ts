/**
 * The one backoff curve of the SDK: the engine's retries (outbox sends, history resyncs) and the
 * transports' reconnects are points on it, with their own settings.
 * @module
 */

/** Reconnect backoff settings. */
export interface BackoffOptions {
  /** Smallest delay before a retry, and the curve's start, ms. @default 1000 */
  minDelayMs?: number;
  /** Largest delay before a retry, ms. @default 30000 */
  maxDelayMs?: number;
  /** Growth factor per failed attempt. @default 1.6 */
  factor?: number;
}

/** A curve: the settings plus how the jitter is drawn. */
export interface BackoffCurve extends BackoffOptions {
  /**
   * `equal`: a uniform pick between half and all of the ceiling (reconnects: clients that dropped
   * together do not come back together, and none comes back at once); `full`: between 0 and the
   * ceiling, never under `floorMs` (the engine's retries, which start small). @default 'equal'
   */
  jitter?: 'equal' | 'full';
  /** Least delay under full jitter, ms. @default 0 */
  floorMs?: number;
}

/**
 * Delay before attempt number `attempt` (0-based): an exponential ceiling `min × factor^attempt`,
 * capped at `max`, with jitter.
 */
export function backoffCurve(attempt: number, curve: BackoffCurve = {}, random: () => number = Math.random): number {
  const min = curve.minDelayMs ?? 1000;
  const max = Math.max(min, curve.maxDelayMs ?? 30_000);
  const ceiling = Math.min(max, min * (curve.factor ?? 1.6) ** Math.max(0, attempt));
  if (curve.jitter === 'full') return Math.max(curve.floorMs ?? 0, Math.floor(random() * ceiling));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** The engine's retries: full jitter over 1 s doubling to 30 s, never under 500 ms. */
const ENGINE_CURVE: BackoffCurve = { minDelayMs: 1000, maxDelayMs: 30_000, factor: 2, jitter: 'full', floorMs: 500 };

/** The engine's retry delay (outbox sends, history resyncs) before attempt `attempt`. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return backoffCurve(attempt, ENGINE_CURVE, random);
}
