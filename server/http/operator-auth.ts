/**
 * The console's sign-in routes: `POST /swp/v1/operator/login` (sets the session cookie),
 * `POST /swp/v1/operator/logout` (revokes the session, closes its sockets), `GET
 * /swp/v1/operator/me` and `GET /swp/v1/operator/config` (what the sign-in page shows). Browser
 * requests must come from an allowed Origin (server/auth/origin.ts).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeOperatorSockets } from '../auth/live';
import { signIn } from '../auth/login';
import { checkOrigin } from '../auth/origin';
import { authenticateRequest, clientAddress } from '../auth/request-auth';
import { type OperatorAuth, SESSION_COOKIE } from '../auth/sessions';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { audit } from '../governance/audit';
import { json, noContent, readJson } from './respond';

function cookie(ctx: ServerContext, req: IncomingMessage, value: string, maxAgeS: number): string {
  const secure = (ctx.config.publicUrl ?? '').startsWith('https:') || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

function me(auth: OperatorAuth): Record<string, unknown> {
  const { principal, account } = auth;
  return {
    id: principal.id,
    username: account.username,
    name: principal.name,
    role: principal.role,
    ...(principal.avatarUrl ? { avatarUrl: principal.avatarUrl } : {}),
  };
}

async function login(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req, 8192);
  const rec = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const username = typeof rec.username === 'string' ? rec.username.trim() : '';
  const password = typeof rec.password === 'string' ? rec.password : '';
  if (!username || !password) throw new ServiceError('invalid', 'say "username" and "password"');
  const done = await signIn(ctx, username, password, clientAddress(ctx, req));
  const maxAge = Math.floor((done.expiresAt - ctx.config.now()) / 1000);
  json(res, 200, { operator: me(done), expiresAt: done.expiresAt }, { 'Set-Cookie': cookie(ctx, req, done.token, maxAge) });
}

async function logout(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticateRequest(ctx, req);
  if (auth?.sessionId) {
    await ctx.store.accounts.revokeConsoleSession(auth.sessionId, ctx.config.now());
    closeOperatorSockets(ctx, { sessionId: auth.sessionId }, 'signed out');
    await audit(ctx, { actor: auth.principal, action: 'logout' });
  }
  res.setHeader('Set-Cookie', cookie(ctx, req, '', 0));
  noContent(res);
}

/** Serves the routes (`rest` is the path after `/swp/v1`); false when it is another one. */
export async function handleOperatorAuth(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  const route = `${method} ${rest}`;
  if (!['POST /operator/login', 'POST /operator/logout', 'GET /operator/me', 'GET /operator/config'].includes(route)) return false;
  const origin = checkOrigin(ctx, req);
  if (origin === 'refused') throw new ServiceError('forbidden', 'this origin may not use the console');
  if (route === 'POST /operator/login') await login(ctx, req, res);
  else if (route === 'POST /operator/logout') await logout(ctx, req, res);
  else if (route === 'GET /operator/config') {
    const demo = ctx.config.accounts.demoAccounts.map(({ username, password, role }) => ({ username, password, role }));
    json(res, 200, { sso: ctx.config.accounts.ssoHeader !== undefined, ...(demo.length > 0 ? { demoAccounts: demo } : {}) });
  } else {
    // Not signed in is an answer here, not an error: `{ operator: null }` (the sign-in page asks on every load).
    const auth = await authenticateRequest(ctx, req);
    json(res, 200, { operator: auth ? me(auth) : null });
  }
  return true;
}
