/**
 * The Origin allow-list of the operator socket and the console's sign-in requests. The allowed
 * origins are configured (`OPERATOR_ORIGINS`) or derived from the server's own public URL (else the
 * address it listens on), never from the request's Host header: a page on a rebound DNS name
 * carries its own origin and is refused.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../domain/context';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The origins the console may be used from. */
export function allowedOrigins(ctx: ServerContext): Set<string> {
  if (ctx.config.accounts.origins.length > 0) return new Set(ctx.config.accounts.origins);
  const out = new Set<string>();
  try {
    const own = new URL(ctx.publicUrl());
    out.add(own.origin);
    // Loopback is loopback under any of its names (the demo prints 127.0.0.1; people type localhost).
    if (LOOPBACK.has(own.hostname)) for (const h of LOOPBACK) out.add(`${own.protocol}//${h}${own.port ? `:${own.port}` : ''}`);
  } catch {
    // No URL yet: nothing is allowed.
  }
  return out;
}

/** `ok` (an allowed Origin), `missing` (no Origin: a tool, not a browser) or `refused`. */
export function checkOrigin(ctx: ServerContext, req: IncomingMessage): 'ok' | 'missing' | 'refused' {
  const origin = req.headers.origin;
  if (origin === undefined || origin === '') return 'missing';
  return allowedOrigins(ctx).has(origin) ? 'ok' : 'refused';
}
