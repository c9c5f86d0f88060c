/**
 * Operator protocol frames of the governance area: the client frames its commands accept (parsed in
 * server/ws/commands/governance.ts) and the server frames it sends. Documented in docs/protocol.md §Operator API.
 * Supervisors only; an operator's request is refused with `nack forbidden`.
 * @module
 */
import type { AuditRecord, PurgeCounts } from '../db/governance-store';

export type { AuditRecord, PurgeCounts } from '../db/governance-store';

/** Operator → server frames of the governance area. */
export type GovernanceClientFrame =
  /** A page of the audit log, newest first; `before` is the last `id` of the previous page. */
  | { t: 'audit.list'; id: string; before?: number; actor?: string; conversationId?: string; action?: string; limit?: number }
  /** The audit log (filtered as `audit.list`, newest first, at most 50,000 entries) as CSV. Itself audited. */
  | { t: 'audit.export'; id: string; actor?: string; conversationId?: string; action?: string; since?: number }
  /** Erases one customer's data; exactly one key. */
  | { t: 'gov.erase'; id: string; userId?: string; sessionId?: string; conversationId?: string };

/** The core `ack`'s fields, absent here (so that code reading them off any `ack` still type-checks). */
type NoCoreFields = { detail?: never; id?: never; seq?: never };

/** What `gov.erase` did. */
export interface ErasedSummary {
  /** `user <id>`, `session <id>` or `conversation <id>`. */
  key: string;
  counts: PurgeCounts;
  filesRemoved: number;
}

/** Server → operator frames of the governance area (answers to the frames above). */
export type GovernanceServerFrame =
  | ({ t: 'ack'; ref: string; entries: AuditRecord[]; next?: number } & NoCoreFields)
  | ({ t: 'ack'; ref: string; csv: string; count: number } & NoCoreFields)
  | ({ t: 'ack'; ref: string; erased: ErasedSummary } & NoCoreFields);
