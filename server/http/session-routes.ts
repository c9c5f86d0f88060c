/**
 * HTTP routes of the session itself: `POST /swp/v1/sessions/logout` (revokes the bearer token's
 * session → 204) and `POST /swp/v1/sessions/identity {hash, hashExpires}` (a fresh identity
 * signature → 204) and `POST /swp/v1/sessions/profile {user?, locale?}` (what the page says about
 * the person, their language → 204). The WebSocket equivalents are the `logout`, `identity` and
 * `profile` frames.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { logout, refreshIdentity, updateProfile } from '../sessions/actions';
import { bodyAsFrame, checkFrame } from '../validate';
import { noContent, readJson } from './respond';

/** Handles the session routes; false when `path` is not one of them. */
export async function handleSessionRoute(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  authenticate: (ctx: ServerContext, req: IncomingMessage) => Promise<SessionRow>,
): Promise<boolean> {
  const routes = ['/sessions/logout', '/sessions/identity', '/sessions/profile'];
  if (req.method !== 'POST' || !routes.includes(path)) return false;
  const session = await authenticate(ctx, req);
  if (path === '/sessions/logout') {
    await logout(ctx, session);
    noContent(res);
    return true;
  }
  const body = await readJson(req, ctx.config.limits.maxFrameBytes);
  const t = path === '/sessions/profile' ? 'profile' : 'identity';
  const checked = checkFrame(bodyAsFrame(body, t, { id: 'http' }), ctx.config.limits);
  if (!checked.ok || checked.frame.t !== t) throw new ServiceError('invalid', checked.ok ? 'bad body' : checked.message);
  if (checked.frame.t === 'profile') await updateProfile(ctx, session, checked.frame);
  else if (checked.frame.t === 'identity') await refreshIdentity(ctx, session, checked.frame.hash, checked.frame.hashExpires);
  noContent(res);
  return true;
}
