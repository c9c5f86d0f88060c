/**
 * Who is behind a console request or operator socket: single sign-on through a trusted reverse
 * proxy's header (`OPERATOR_SSO_HEADER`, believed only from `TRUSTED_PROXIES`), else the
 * session token (cookie or bearer).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../domain/context';
import { clientAddress as addressOf, normalizeAddress } from '../limits/client-address';
import { authenticate, type OperatorAuth, principalOf, requestToken } from './sessions';

/** The client's address: the peer's, or, from a trusted proxy (`TRUSTED_PROXIES`), the nearest untrusted `X-Forwarded-For` hop. */
export function clientAddress(ctx: ServerContext, req: IncomingMessage): string {
  return addressOf(req, ctx);
}

/** The enabled account the SSO header names, when the request came through a trusted proxy. */
export async function ssoAuth(ctx: ServerContext, req: IncomingMessage): Promise<OperatorAuth | undefined> {
  const { ssoHeader } = ctx.config.accounts;
  const proxies = ctx.config.extraLimits.trustedProxies.map(normalizeAddress);
  if (!ssoHeader || !proxies.includes(normalizeAddress(req.socket.remoteAddress ?? ''))) return undefined;
  const raw = req.headers[ssoHeader];
  const username = typeof raw === 'string' ? raw.trim() : undefined;
  if (!username || username.length > 64) return undefined;
  const account = await ctx.store.accounts.accountByUsername(username);
  if (!account || account.disabled) return undefined;
  return { principal: principalOf(account), account };
}

/** The operator behind a request, or undefined. */
export async function authenticateRequest(ctx: ServerContext, req: IncomingMessage): Promise<OperatorAuth | undefined> {
  return (await ssoAuth(ctx, req)) ?? (await authenticate(ctx, requestToken(req)));
}
