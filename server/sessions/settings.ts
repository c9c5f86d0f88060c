/**
 * Server options of customer session lifetimes and identity expiry, and their resolved form (`config.sessions`).
 * @module
 */

/** Options of customer session lifetimes and identity expiry (a part of `ServerOptions`). */
export type SessionLifetimeOptions = Record<never, never>;

/** SessionLifetime settings after defaults (`ServerContext.config.sessions`). */
export type SessionLifetimeSettings = Record<never, never>;

/** Applies the defaults. */
export function resolveSessionLifetimeSettings(_o: SessionLifetimeOptions): SessionLifetimeSettings {
  return {};
}
