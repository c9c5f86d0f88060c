/**
 * Server options of customer session lifetimes and identity expiry, and their resolved form (`config.sessions`).
 * @module
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Options of customer session lifetimes and identity expiry (a part of `ServerOptions`). */
export interface SessionLifetimeOptions {
  /** A session token unused for this long is refused (ms). @default 30 days */
  sessionIdleMs?: number;
  /** A session token older than this is refused, however busy (ms). @default 90 days */
  sessionMaxAgeMs?: number;
  /**
   * Longest lifetime of an identity signature (`user.hashExpires` at most this far ahead of the
   * server's clock, ms); a signed-in session ends when its signature expires. @default 24 hours
   */
  identityMaxLifetimeMs?: number;
  /** How often a live connection re-reads its session (revoked by another process, ms). @default 60 s */
  sessionRecheckMs?: number;
}

/** SessionLifetime settings after defaults (`ServerContext.config.sessions`). */
export interface SessionLifetimeSettings {
  idleMs: number;
  maxAgeMs: number;
  identityMaxLifetimeMs: number;
  recheckMs: number;
}

/** Applies the defaults. */
export function resolveSessionLifetimeSettings(o: SessionLifetimeOptions): SessionLifetimeSettings {
  const positive = (name: string, v: number | undefined, d: number): number => {
    if (v === undefined) return d;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number of milliseconds`);
    return v;
  };
  return {
    idleMs: positive('sessionIdleMs', o.sessionIdleMs, 30 * DAY),
    maxAgeMs: positive('sessionMaxAgeMs', o.sessionMaxAgeMs, 90 * DAY),
    identityMaxLifetimeMs: positive('identityMaxLifetimeMs', o.identityMaxLifetimeMs, 24 * HOUR),
    recheckMs: positive('sessionRecheckMs', o.sessionRecheckMs, 60_000),
  };
}
