/**
 * Console sessions: a random token in an HttpOnly cookie (or `Authorization: Bearer` for tools),
 * stored only as its SHA-256, with an idle and an absolute lifetime. {@link authenticate} is the one
 * check every console request and the operator socket go through.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AccountRow } from '../db/accounts-store';
import type { ServerContext } from '../domain/context';
import type { OperatorPrincipal } from './principal';

/** The console's cookie. */
export const SESSION_COOKIE = 'swp_operator';
/** A session's last use is written at most this often (ms; a tenth of the idle time when that is less). */
const TOUCH_EVERY_MS = 60_000;

/** Who is behind a request or socket. */
export interface OperatorAuth {
  principal: OperatorPrincipal;
  account: AccountRow;
  /** The console session; undefined when signed in through the SSO header. */
  sessionId?: string;
}

/** The SHA-256 (hex) a token is stored as. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The principal of an account. */
export function principalOf(a: AccountRow): OperatorPrincipal {
  return { id: a.id, name: a.displayName, role: a.role, ...(a.avatarUrl ? { avatarUrl: a.avatarUrl } : {}) };
}

/** Starts a session for an account; resolves with its token (given to the client once, never stored). */
export async function startConsoleSession(
  ctx: ServerContext,
  account: AccountRow,
): Promise<{ token: string; id: string; expiresAt: number }> {
  const now = ctx.config.now();
  const token = randomBytes(32).toString('base64url');
  const id = `cs_${randomBytes(12).toString('base64url')}`;
  const { sessionIdleMs, sessionMaxMs } = ctx.config.accounts;
  const absoluteExpiresAt = now + sessionMaxMs;
  await ctx.store.accounts.createConsoleSession({
    id,
    tokenHash: tokenHash(token),
    accountId: account.id,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: Math.min(now + sessionIdleMs, absoluteExpiresAt),
    absoluteExpiresAt,
    revokedAt: null,
  });
  return { token, id, expiresAt: absoluteExpiresAt };
}

/** The live session of a token (and its enabled account), or undefined. Records the use. */
export async function authenticate(ctx: ServerContext, token: string | undefined): Promise<OperatorAuth | undefined> {
  if (!token || token.length > 200) return undefined;
  const session = await ctx.store.accounts.consoleSession(tokenHash(token));
  const now = ctx.config.now();
  if (!session || session.revokedAt !== null || now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) return undefined;
  const account = await ctx.store.accounts.accountById(session.accountId);
  if (!account || account.disabled) return undefined;
  if (now - session.lastSeenAt >= Math.min(TOUCH_EVERY_MS, ctx.config.accounts.sessionIdleMs / 10)) {
    const idle = Math.min(now + ctx.config.accounts.sessionIdleMs, session.absoluteExpiresAt);
    await ctx.store.accounts.touchConsoleSession(session.id, now, idle);
  }
  return { principal: principalOf(account), account, sessionId: session.id };
}

/** Whether a session (by id) and its account are still good: re-read from the store. */
export async function stillValid(ctx: ServerContext, auth: OperatorAuth, token: string | undefined): Promise<boolean> {
  if (auth.sessionId === undefined) {
    const account = await ctx.store.accounts.accountById(auth.account.id);
    return account !== undefined && !account.disabled;
  }
  return (await authenticate(ctx, token))?.sessionId === auth.sessionId;
}

/** The session token a request carries: the console's cookie, else `Authorization: Bearer`. */
export function requestToken(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
    }
  }
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : undefined;
}
