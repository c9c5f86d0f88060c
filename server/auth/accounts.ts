/**
 * Managing accounts (the CLI, the demo's accounts and the tests' hook use these): add, disable,
 * enable, reset. A disabled account or a reset password ends every console session of it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { AccountRow, AccountStore } from '../db/accounts-store';
import { sanitizeAvatarUrl } from '../domain/queue-actions';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import type { OperatorRole } from './principal';

/** A refusal the CLI prints as is. */
export class AccountError extends Error {
  override name = 'AccountError';
}

const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** Why a username cannot be used, or undefined. */
export function usernameProblem(username: string): string | undefined {
  return USERNAME.test(username) ? undefined : 'a username is 1–64 letters, digits and . _ @ -';
}

/** What a new account needs. */
export interface NewAccount {
  username: string;
  role: OperatorRole;
  password: string;
  displayName?: string;
  avatarUrl?: string;
}

/** Adds an account; throws {@link AccountError} for a bad or taken username, a short password or a bad photo URL. */
export async function addAccount(store: AccountStore, input: NewAccount, now = Date.now()): Promise<AccountRow> {
  const problem = usernameProblem(input.username) ?? passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  const displayName = (input.displayName ?? input.username).trim().slice(0, 60) || input.username;
  const avatarUrl = input.avatarUrl ? sanitizeAvatarUrl(input.avatarUrl) : undefined;
  if (input.avatarUrl && !avatarUrl) throw new AccountError('the photo URL must be an http(s) URL of at most 500 characters');
  const row: AccountRow = {
    id: `op_${randomBytes(12).toString('base64url')}`,
    username: input.username,
    displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    disabled: false,
    avatarUrl: avatarUrl ?? null,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await store.createAccount(row))) throw new AccountError(`the username "${input.username}" is taken`);
  return row;
}

async function existing(store: AccountStore, username: string): Promise<AccountRow> {
  const a = await store.accountByUsername(username);
  if (!a) throw new AccountError(`no account "${username}"`);
  return a;
}

/** Disables (or enables) an account; disabling ends its sessions. */
export async function setDisabled(store: AccountStore, username: string, disabled: boolean, now = Date.now()): Promise<AccountRow> {
  const a = await existing(store, username);
  await store.updateAccount(a.id, { disabled }, now);
  if (disabled) await store.revokeAccountSessions(a.id, now);
  return { ...a, disabled };
}

/** Sets a new password and ends every session of the account. */
export async function resetPassword(store: AccountStore, username: string, password: string, now = Date.now()): Promise<AccountRow> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const a = await existing(store, username);
  await store.updateAccount(a.id, { passwordHash: await hashPassword(password) }, now);
  await store.revokeAccountSessions(a.id, now);
  return a;
}

/**
 * Makes sure an account exists, enabled, with this role and password (the demo's accounts at start,
 * the tests' hook): added when missing, else updated.
 */
export async function ensureAccount(store: AccountStore, input: NewAccount, now = Date.now()): Promise<AccountRow> {
  const found = await store.accountByUsername(input.username);
  if (!found) return addAccount(store, input, now);
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  const avatarUrl = input.avatarUrl ? (sanitizeAvatarUrl(input.avatarUrl) ?? null) : found.avatarUrl;
  const patch = {
    role: input.role,
    disabled: false,
    displayName: input.displayName ?? found.displayName,
    avatarUrl,
    ...((await verifyPassword(input.password, found.passwordHash)) ? {} : { passwordHash: await hashPassword(input.password) }),
  };
  await store.updateAccount(found.id, patch, now);
  // A new password or role, or an account enabled again, starts from no session.
  if (patch.passwordHash || patch.role !== found.role || found.disabled) await store.revokeAccountSessions(found.id, now);
  return { ...found, ...patch };
}
