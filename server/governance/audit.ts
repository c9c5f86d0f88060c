/**
 * The audit log: who did what to which conversation or customer, and when. Every area writes to
 * it through {@link audit}; supervisors read and export it (`audit.list`, `audit.export`).
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { ServerContext } from '../domain/context';

/** What was done. Areas add their actions here. */
export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'preview'
  | 'view'
  | 'accept'
  | 'transfer'
  | 'close'
  | 'export'
  | 'erase'
  | 'search'
  | 'note'
  | 'account'
  | 'audit_export'
  | 'retention';

/** One entry, as written. */
export interface AuditEntry {
  /** The operator, or `system` / `cli` for the server's own jobs and the command line. */
  actor: Pick<OperatorPrincipal, 'id' | 'name' | 'role'> | 'system' | 'cli';
  action: AuditAction;
  conversationId?: string;
  /** The customer concerned (user key), when known. */
  userKey?: string;
  /** A short, non-secret detail (e.g. `to op_2`, `format txt`); never message text or codes. */
  detail?: string;
}

/** The longest detail stored; longer ones are cut (a detail is a label, never content). */
export const AUDIT_DETAIL_MAX = 500;

/** The stored form of an entry at time `at`. */
export function auditRecord(entry: AuditEntry, at: number) {
  const actor = typeof entry.actor === 'string' ? { id: entry.actor, name: null, role: null } : entry.actor;
  return {
    at,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: entry.action,
    conversationId: entry.conversationId ?? null,
    userKey: entry.userKey ?? null,
    detail: entry.detail === undefined ? null : entry.detail.slice(0, AUDIT_DETAIL_MAX),
  };
}

/**
 * Writes an entry to the audit log (the store's `audit_log`). Settles once it is stored; a failed
 * write is logged as an error and does not fail the action that was audited.
 */
export async function audit(ctx: ServerContext, entry: AuditEntry): Promise<void> {
  const actor = typeof entry.actor === 'string' ? entry.actor : entry.actor.id;
  try {
    await ctx.store.governance.appendAudit(auditRecord(entry, ctx.config.now()));
  } catch (e) {
    ctx.log.error('audit write failed', { actor, action: entry.action, error: e instanceof Error ? e.message : String(e) });
  }
}
