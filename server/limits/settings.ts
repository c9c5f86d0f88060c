/**
 * Server options of limits beyond `limits` (windows per session and address, body timeouts, upload quotas), and their resolved form (`config.extraLimits`).
 * @module
 */

/** Options of limits beyond `limits` (windows per session and address, body timeouts, upload quotas) (a part of `ServerOptions`). */
export type ExtraLimitOptions = Record<never, never>;

/** ExtraLimit settings after defaults (`ServerContext.config.extraLimits`). */
export type ExtraLimitSettings = Record<never, never>;

/** Applies the defaults. */
export function resolveExtraLimitSettings(_o: ExtraLimitOptions): ExtraLimitSettings {
  return {};
}
