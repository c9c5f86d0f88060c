/**
 * The audit log: who did what to which conversation or customer, and when. Every area writes to
 * it through {@link audit}; supervisors read and export it.
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
  | 'account';

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

/** Writes an entry to the audit log (interim: to the log only, until the audit store exists). */
export async function audit(ctx: ServerContext, entry: AuditEntry): Promise<void> {
  const actor = typeof entry.actor === 'string' ? entry.actor : entry.actor.id;
  ctx.log.info('audit', { actor, action: entry.action, conversation: entry.conversationId, detail: entry.detail });
}
