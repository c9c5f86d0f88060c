/**
 * The storage of operator and supervisor accounts, their password hashes and console sessions
 * (issue 10 item 1): a part of {@link ChatStore} (`store.accounts`), implemented by every engine
 * (`sqlite-accounts.ts`, `pg-accounts.ts`) and checked by `test/server/store-accounts-conformance.ts`.
 * @module
 */
import type { OperatorRole } from '../auth/principal';

/** One operator or supervisor account. */
export interface AccountRow {
  /** `op_…`, random; the operator id in conversations. */
  id: string;
  /** As typed at creation; unique case-insensitively (see {@link usernameKey}). */
  username: string;
  displayName: string;
  role: OperatorRole;
  /** `scrypt$N$r$p$salt$hash` (server/auth/password.ts). */
  passwordHash: string;
  disabled: boolean;
  avatarUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What may change on an account. */
export type AccountPatch = Partial<Pick<AccountRow, 'displayName' | 'role' | 'passwordHash' | 'disabled' | 'avatarUrl'>>;

/** One console sign-in; the token itself is never stored, only its SHA-256. */
export interface ConsoleSessionRow {
  id: string;
  /** Hex SHA-256 of the session token (the cookie's value). */
  tokenHash: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Ends when not used until then (moved on by {@link AccountStore.touchConsoleSession}). */
  idleExpiresAt: number;
  /** Ends then, used or not. */
  absoluteExpiresAt: number;
  revokedAt: number | null;
}

/** Failed sign-ins of one key within a window. */
export interface FailureCount {
  count: number;
  /** The oldest failure counted (ms), or null when none. */
  oldest: number | null;
}

/** The case-insensitive form of a username (unique per store). */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

/** Account storage. */
export interface AccountStore {
  /** Adds an account; false (and nothing stored) when its username is taken. */
  createAccount(row: AccountRow): Promise<boolean>;
  accountById(id: string): Promise<AccountRow | undefined>;
  /** Case-insensitive. */
  accountByUsername(username: string): Promise<AccountRow | undefined>;
  /** Every account, by username. */
  listAccounts(): Promise<AccountRow[]>;
  /** Changes an account; false when there is none with that id. */
  updateAccount(id: string, patch: AccountPatch, now: number): Promise<boolean>;
  createConsoleSession(row: ConsoleSessionRow): Promise<void>;
  /** The session of a token hash (revoked and expired ones too: the caller decides). */
  consoleSession(tokenHash: string): Promise<ConsoleSessionRow | undefined>;
  /** Records use: moves `lastSeenAt` and the idle expiry. */
  touchConsoleSession(id: string, lastSeenAt: number, idleExpiresAt: number): Promise<void>;
  /** Revokes one session (idempotent). */
  revokeConsoleSession(id: string, now: number): Promise<void>;
  /** Revokes every live session of an account; resolves with the ids revoked now. */
  revokeAccountSessions(accountId: string, now: number): Promise<string[]>;
  /** Counts a failed sign-in for `key` (`u:<username>` or `ip:<address>`). */
  recordLoginFailure(key: string, at: number): Promise<void>;
  /** Failures of `key` at or after `since`. */
  loginFailures(key: string, since: number): Promise<FailureCount>;
  /** Forgets the failures of `key` (after a successful sign-in). */
  clearLoginFailures(key: string): Promise<void>;
  /** Deletes failures older than `before` and sessions that ended before it. */
  pruneAccounts(before: number): Promise<void>;
}
