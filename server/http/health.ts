/**
 * Probes for orchestrators and monitoring, outside the SWP API:
 * - `GET /healthz`: the process serves HTTP (liveness);
 * - `GET /readyz`: it can take traffic: the store answers, and it is not shutting down (readiness;
 *   503 while draining, so a balancer stops sending before the sockets go);
 * - `GET /metrics`: Prometheus text. With a `metricsToken` it needs `Authorization: Bearer <token>`;
 *   without one it answers loopback clients only.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../domain/context';
import type { Metrics } from '../metrics';
import { bearer } from './respond';

/** What the probes need. */
export interface HealthDeps {
  metrics: Metrics;
  /** True once shutdown started. */
  draining(): boolean;
  /** Bearer token of `/metrics`; loopback only when unset. */
  metricsToken: string | undefined;
}

function text(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayScrape(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return LOOPBACK.has(req.socket.remoteAddress ?? '');
  const given = Buffer.from(bearer(req) ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Answers the probe routes; false when `path` is not one. */
export async function handleHealth(
  ctx: ServerContext,
  deps: HealthDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/healthz') {
    text(res, 200, 'ok\n');
    return true;
  }
  if (path === '/readyz') {
    if (deps.draining()) {
      text(res, 503, 'draining\n');
      return true;
    }
    try {
      await ctx.store.conversation('readyz-probe');
      text(res, 200, 'ready\n');
    } catch (e) {
      ctx.log.warn('readiness: the store does not answer', { error: e instanceof Error ? e.message : String(e) });
      text(res, 503, 'store unavailable\n');
    }
    return true;
  }
  if (path === '/metrics') {
    if (!mayScrape(req, deps.metricsToken)) text(res, 403, 'forbidden\n');
    else text(res, 200, await deps.metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
    return true;
  }
  return false;
}
