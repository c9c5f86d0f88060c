/**
 * What a customer does to their own session: log out (revoke it), or hand over a fresh identity
 * signature so that a signed-in session outlives the old one.
 * @module
 */
import type { SessionRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { checkIdentity, identityRefusal } from '../identity';
import { revokeSession } from './live';

/** The widget's `logout()`: the session's token is refused from now on; its connections close. */
export async function logout(ctx: ServerContext, session: SessionRow): Promise<void> {
  await revokeSession(ctx, session, 'logout');
}

/**
 * A fresh signature of the session's own user: the session now ends when it expires. Refused
 * (`auth`) when invalid, already expired or too far ahead; `invalid` for an anonymous session.
 */
export async function refreshIdentity(ctx: ServerContext, session: SessionRow, hash: string, hashExpires: number): Promise<void> {
  if (session.userId === null) throw new ServiceError('invalid', 'an anonymous session has no identity to refresh');
  const max = ctx.config.sessions.identityMaxLifetimeMs;
  const problem = checkIdentity(ctx.config.identitySecret, session.userId, hash, hashExpires, ctx.config.now(), max);
  if (problem) throw new ServiceError('auth', identityRefusal(problem, max));
  const expiresAt = hashExpires * 1000;
  await ctx.store.setSessionIdentityExpiry(session.id, expiresAt);
  session.identityExpiresAt = expiresAt;
  ctx.log.debug('identity refreshed', { session: session.id });
}
