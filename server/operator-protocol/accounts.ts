/**
 * Operator protocol frames of the accounts area: the client frames its commands accept (parsed in
 * server/ws/commands/accounts.ts) and the server frames it sends. Documented in docs/protocol.md
 * §16. Supervisors only; an operator's request is refused with `nack forbidden`.
 * @module
 */
import type { OperatorRole } from '../auth/principal';

/** An account as a supervisor sees it (never its password hash). */
export interface AccountSummary {
  id: string;
  username: string;
  name: string;
  role: OperatorRole;
  disabled: boolean;
}

/** Operator → server frames of the accounts area. */
export type AccountsClientFrame =
  /** Every account, by username. */
  | { t: 'accounts.list'; id: string }
  /** Disables an account (its sessions end, its consoles close) or enables it again; not one's own. */
  | { t: 'accounts.disable' | 'accounts.enable'; id: string; username: string };

/** The core `ack`'s fields, absent here (so that code reading them off any `ack` still type-checks). */
type NoCoreFields = { detail?: never; id?: never; seq?: never };

/** Server → operator frames of the accounts area (answers to the frames above). */
export type AccountsServerFrame =
  | ({ t: 'ack'; ref: string; accounts: AccountSummary[] } & NoCoreFields)
  | ({ t: 'ack'; ref: string; account: AccountSummary } & NoCoreFields);
