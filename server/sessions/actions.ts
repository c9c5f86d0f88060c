/**
 * What a customer does to their own session: log out (revoke it), hand over a fresh identity
 * signature so that a signed-in session outlives the old one, or change what their page says about
 * them and their language.
 * @module
 */
import type { ProfileFrame } from '../../src/protocol/frames';
import type { SessionRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { botLocale } from '../domain/sessions';
import { ServiceError } from '../domain/errors';
import { checkIdentity, identityRefusal } from '../identity';
import { revokeSession } from './live';

/**
 * The `profile` frame: the name, e-mail, phone and attributes the page now gives (what the console
 * shows as "provided by the customer"), and the language: the session's, and the open
 * conversation's, so that the bot answers in it from its next reply.
 */
export async function updateProfile(ctx: ServerContext, session: SessionRow, frame: ProfileFrame): Promise<void> {
  const now = ctx.config.now();
  if (frame.user) {
    const { name, email, phone, attributes } = frame.user;
    session.profile = {
      ...session.profile,
      ...(name !== undefined ? { name } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(attributes !== undefined ? { attributes } : {}),
    };
  }
  if (frame.locale !== undefined) {
    session.locale = frame.locale;
    const open = await ctx.store.latestConversation(session.userKey);
    if (open && open.state !== 'closed' && open.sessionId === session.id)
      await ctx.store.patchConversation(open.id, { locale: botLocale(frame.locale) }, now);
  }
  await ctx.store.touchSession(session, now);
  ctx.log.debug('profile updated', { session: session.id, locale: frame.locale !== undefined });
}

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
