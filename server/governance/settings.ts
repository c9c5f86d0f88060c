/**
 * Server options of the audit log, retention and erasure, and their resolved form (`config.governance`).
 * @module
 */

/** Options of the audit log, retention and erasure (a part of `ServerOptions`). */
export type GovernanceOptions = Record<never, never>;

/** Governance settings after defaults (`ServerContext.config.governance`). */
export type GovernanceSettings = Record<never, never>;

/** Applies the defaults. */
export function resolveGovernanceSettings(_o: GovernanceOptions): GovernanceSettings {
  return {};
}
