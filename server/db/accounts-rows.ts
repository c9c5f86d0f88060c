/**
 * Decoding of account and console-session rows (snake_case columns), shared by both engines.
 * @module
 */
import type { OperatorRole } from '../auth/principal';
import type { AccountPatch, AccountRow, ConsoleSessionRow } from './accounts-store';

type Raw = Record<string, unknown>;

export function toAccount(r: Raw): AccountRow {
  return {
    id: r.id as string,
    username: r.username as string,
    displayName: r.display_name as string,
    role: (r.role === 'supervisor' ? 'supervisor' : 'operator') as OperatorRole,
    passwordHash: r.password_hash as string,
    disabled: Number(r.disabled) === 1,
    avatarUrl: (r.avatar_url as string | null) ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export function toConsoleSession(r: Raw): ConsoleSessionRow {
  return {
    id: r.id as string,
    tokenHash: r.token_hash as string,
    accountId: r.account_id as string,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    idleExpiresAt: Number(r.idle_expires_at),
    absoluteExpiresAt: Number(r.absolute_expires_at),
    revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
  };
}

const COLUMNS: Record<keyof AccountPatch, string> = {
  displayName: 'display_name',
  role: 'role',
  passwordHash: 'password_hash',
  disabled: 'disabled',
  avatarUrl: 'avatar_url',
};

/** The columns and values of a patch, in one order (booleans as 0/1). */
export function patchEntries(patch: AccountPatch): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(patch) as Array<[keyof AccountPatch, unknown]>) {
    if (v === undefined) continue;
    out.push([COLUMNS[k], typeof v === 'boolean' ? (v ? 1 : 0) : v]);
  }
  return out;
}

/** The values of an account row in the insert's column order. */
export function accountValues(a: AccountRow, key: string): unknown[] {
  return [a.id, a.username, key, a.displayName, a.role, a.passwordHash, a.disabled ? 1 : 0, a.avatarUrl, a.createdAt, a.updatedAt];
}

export const ACCOUNT_COLUMNS =
  'id, username, username_key, display_name, role, password_hash, disabled, avatar_url, created_at, updated_at';
export const SESSION_COLUMNS = 'id, token_hash, account_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, revoked_at';

export function sessionValues(s: ConsoleSessionRow): unknown[] {
  return [s.id, s.tokenHash, s.accountId, s.createdAt, s.lastSeenAt, s.idleExpiresAt, s.absoluteExpiresAt, s.revokedAt];
}
