/**
 * Console sign-in: the password check, limited per username and per client address (failures are
 * counted in the store, so the limit holds across processes and restarts), and audited.
 * @module
 */
import { usernameKey } from '../db/accounts-store';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { audit } from '../governance/audit';
import { hashPassword, MAX_PASSWORD_LENGTH, needsRehash, verifyDummy, verifyPassword } from './password';
import { type OperatorAuth, principalOf, startConsoleSession } from './sessions';

/** A successful sign-in. */
export interface SignedIn extends OperatorAuth {
  token: string;
  expiresAt: number;
}

/** Refuses with 429 while either key has used up its failures; resolves otherwise. */
async function checkLimit(ctx: ServerContext, keys: string[], now: number): Promise<void> {
  const { loginMaxFailures, loginWindowMs } = ctx.config.accounts;
  for (const key of keys) {
    const { count, oldest } = await ctx.store.accounts.loginFailures(key, now - loginWindowMs);
    if (count >= loginMaxFailures && oldest !== null) {
      throw new ServiceError('rate_limited', 'too many failed sign-ins; try again later', Math.max(1000, oldest + loginWindowMs - now));
    }
  }
}

async function failed(ctx: ServerContext, keys: string[], now: number, username: string | undefined, address: string): Promise<never> {
  for (const key of keys) await ctx.store.accounts.recordLoginFailure(key, now);
  // Now and then, forget what is past every window.
  if (Math.random() < 0.05) await ctx.store.accounts.pruneAccounts(now - Math.max(ctx.config.accounts.loginWindowMs, 24 * 3600_000));
  // An unknown username is not repeated: it may be a password typed into the wrong field.
  const who = username === undefined ? 'an unknown username' : `username ${username}`;
  await audit(ctx, { actor: 'system', action: 'login_failed', detail: `${who} from ${address}` });
  throw new ServiceError('auth', 'wrong username or password');
}

/** Checks a username and password from `address`; starts a console session. */
export async function signIn(ctx: ServerContext, username: string, password: string, address: string): Promise<SignedIn> {
  const now = ctx.config.now();
  const keys = [`u:${usernameKey(username)}`, `ip:${address}`];
  await checkLimit(ctx, keys, now);
  const account = username.length <= 64 ? await ctx.store.accounts.accountByUsername(username) : undefined;
  const ok =
    password.length <= MAX_PASSWORD_LENGTH && account ? await verifyPassword(password, account.passwordHash) : await verifyDummy(password);
  // A disabled account is refused like a wrong password (after the same work).
  if (!ok || !account || account.disabled) return failed(ctx, keys, now, account?.username, address);
  await ctx.store.accounts.clearLoginFailures(keys[0]!);
  if (needsRehash(account.passwordHash)) {
    await ctx.store.accounts.updateAccount(account.id, { passwordHash: await hashPassword(password) }, now);
  }
  const session = await startConsoleSession(ctx, account);
  const principal = principalOf(account);
  await audit(ctx, { actor: principal, action: 'login', detail: `from ${address}` });
  return { principal, account, sessionId: session.id, token: session.token, expiresAt: session.expiresAt };
}
