/**
 * Server options of the audit log, retention and erasure, and their resolved form (`config.governance`).
 * @module
 */

/** How long data is kept, in days; 0 keeps it forever. */
export interface RetentionOptions {
  /** Closed conversations (untouched this long) with their messages, events, ratings, contacts and files. @default 365 */
  conversationDays?: number;
  /** Verification records (one-time code challenges). @default 30 */
  challengeDays?: number;
  /** Audit log entries. @default 730 */
  auditDays?: number;
  /** How often the sweeper runs, ms (it also runs at start). 0 only sweeps at start. @default 3_600_000 */
  sweepEveryMs?: number;
  /** Rows (conversations, challenges, entries) deleted per batch; the sweeper yields between batches. @default 200 */
  batchSize?: number;
}

/** Options of the audit log, retention and erasure (a part of `ServerOptions`). */
export interface GovernanceOptions {
  /** What the retention sweeper deletes and when (see README "Retention and erasure"). */
  retention?: RetentionOptions;
  /**
   * Durability of the embedded SQLite engine: `normal` (WAL; a power loss may lose the last
   * transactions, a crash of the process nothing committed) or `full` (each commit synced first).
   * @default 'normal'
   */
  sqliteSynchronous?: 'normal' | 'full';
}

/** Governance settings after defaults (`ServerContext.config.governance`). */
export interface GovernanceSettings {
  retention: Required<RetentionOptions>;
}

/** The documented defaults of {@link RetentionOptions}. */
export const RETENTION_DEFAULTS: Readonly<Required<RetentionOptions>> = {
  conversationDays: 365,
  challengeDays: 30,
  auditDays: 730,
  sweepEveryMs: 3_600_000,
  batchSize: 200,
};

/** The SQLite engine's options these settings give. */
export function sqliteOptions(o: GovernanceOptions): { synchronous: 'normal' | 'full' } {
  return { synchronous: o.sqliteSynchronous === 'full' ? 'full' : 'normal' };
}

/** Applies the defaults. */
export function resolveGovernanceSettings(o: GovernanceOptions): GovernanceSettings {
  const r = o.retention ?? {};
  const pick = <K extends keyof RetentionOptions>(k: K): number => {
    const v = r[k];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : RETENTION_DEFAULTS[k];
  };
  return {
    retention: {
      conversationDays: pick('conversationDays'),
      challengeDays: pick('challengeDays'),
      auditDays: pick('auditDays'),
      sweepEveryMs: pick('sweepEveryMs'),
      batchSize: Math.max(1, Math.floor(pick('batchSize'))),
    },
  };
}
