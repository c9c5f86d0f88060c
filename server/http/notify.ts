/**
 * `POST /swp/v1/admin/notifications`: the host's back office posts to a person's read-only
 * notifications channel (`{ userId, text }`, e.g. "Your card has been reissued"). Needs
 * `Authorization: Bearer <operatorToken>`; on a server with `demoControls`, the demo page may post
 * without one and without `userId`, to everyone connected now (the demo's "Send a notification").
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../domain/context';
import { postNotification } from '../domain/conversations';
import { ServiceError } from '../domain/errors';
import { bearer, json, readJson } from './respond';

function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Who may post: the operator token's holder, or the demo page of a demo server. */
function authorize(ctx: ServerContext, req: IncomingMessage): 'admin' | 'demo' {
  const token = bearer(req);
  const expected = ctx.config.operatorToken;
  if (expected !== undefined && token !== undefined && same(expected, token)) return 'admin';
  if (ctx.config.demoControls && token === undefined && sameOrigin(req)) return 'demo';
  throw new ServiceError(
    expected === undefined && !ctx.config.demoControls ? 'not_found' : 'auth',
    'notifications need the operator token',
  );
}

/** Serves the route; false when the path is another one. */
export async function handleNotify(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path !== '/admin/notifications' || req.method !== 'POST') return false;
  const who = authorize(ctx, req);
  const body = await readJson(req, ctx.config.limits.maxFrameBytes);
  const rec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = typeof rec.text === 'string' ? rec.text : '';
  const userId = typeof rec.userId === 'string' && rec.userId.length <= 256 ? rec.userId : undefined;
  const userKey = typeof rec.userKey === 'string' && rec.userKey.length <= 300 ? rec.userKey : undefined;
  let keys: string[];
  if (userId !== undefined) keys = [`u:${userId}`];
  else if (userKey !== undefined) keys = [userKey];
  else if (who === 'demo') keys = ctx.hub.connectedUsers();
  else throw new ServiceError('invalid', 'say whom to notify: "userId"');
  const posted = [];
  for (const key of keys) posted.push(await postNotification(ctx, key, { text }));
  json(res, 201, { posted });
  return true;
}
