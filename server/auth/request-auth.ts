/**
 * Who is behind a console request or operator socket: single sign-on through a trusted reverse
 * proxy's header (`OPERATOR_SSO_HEADER`, believed only from `OPERATOR_PROXIES`), else the
 * session token (cookie or bearer).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../domain/context';
import { authenticate, type OperatorAuth, principalOf, requestToken } from './sessions';

/** The address of the peer (a proxy or the client), IPv4-mapped IPv6 unwrapped. */
function peerAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** The client's address: the peer's, or, from a trusted proxy, the last `X-Forwarded-For` entry (the one it added). */
export function clientAddress(ctx: ServerContext, req: IncomingMessage): string {
  const peer = peerAddress(req);
  const xff = req.headers['x-forwarded-for'];
  if (!ctx.config.accounts.proxies.includes(peer) || typeof xff !== 'string') return peer;
  const last = xff.split(',').pop()?.trim() ?? '';
  return /^[0-9A-Fa-f.:]{2,45}$/.test(last) ? last : peer;
}

/** The enabled account the SSO header names, when the request came through a trusted proxy. */
export async function ssoAuth(ctx: ServerContext, req: IncomingMessage): Promise<OperatorAuth | undefined> {
  const { ssoHeader, proxies } = ctx.config.accounts;
  if (!ssoHeader || !proxies.includes(peerAddress(req))) return undefined;
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
