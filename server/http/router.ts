/**
 * The HTTP request handler: SWP/1 API (with CORS), uploads and files, the operator console,
 * static directories.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWP_HTTP_PREFIX } from '../../src/protocol/frames';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { answerBodyTimeout, BodyTimeout, registerBodyTimeouts } from '../limits/body-timeouts';
import { handleApi } from './api';
import { handleHealth, type HealthDeps } from './health';
import { handleOperatorAuth } from './operator-auth';
import { json, problem, problemOf, setCors } from './respond';
import { serveFile } from './static';
import { type ExportDeps, handleTranscriptExport } from './transcript';
import { handleDownload, handleUpload, type UploadDeps } from './uploads';

/** Content-Security-Policy of the operator console. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** What the handler needs besides the context. */
export interface RouterDeps extends UploadDeps, HealthDeps, ExportDeps {
  consoleDir: string;
}

/** Builds the request handler. */
export function createRequestHandler(ctx: ServerContext, deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const mounts = Object.entries(ctx.config.staticDirs).sort((a, b) => b[0].length - a[0].length);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    registerBodyTimeouts(req, res, ctx.config.extraLimits);
    if (await handleHealth(ctx, deps, req, res, path)) return;
    if (path === SWP_HTTP_PREFIX || path.startsWith(SWP_HTTP_PREFIX + '/')) {
      setCors(res);
      if (method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      const rest = path.slice(SWP_HTTP_PREFIX.length);
      if (rest === '/health' && method === 'GET') return json(res, 200, { ok: true });
      if (rest === '/uploads' && method === 'POST') return handleUpload(ctx, deps, req, res, url.searchParams);
      const file = /^\/files\/([A-Za-z0-9_-]{1,64})$/.exec(rest);
      if (file && (method === 'GET' || method === 'HEAD')) return handleDownload(ctx, deps, res, file[1]!, method);
      if (await handleOperatorAuth(ctx, req, res, rest)) return;
      if (await handleTranscriptExport(ctx, deps, req, res, rest, url.searchParams)) return;
      if (await handleApi(ctx, req, res, rest, url.searchParams)) return;
      return problem(res, 'not_found', `no route ${method} ${path}`);
    }
    if (method !== 'GET' && method !== 'HEAD') return problem(res, 'unsupported', 'method not allowed', { status: 405 });
    if (path === '/console' || path.startsWith('/console/')) {
      const rel = path === '/console' || path === '/console/' ? 'index.html' : path.slice('/console/'.length);
      const headers = { 'Content-Security-Policy': CONSOLE_CSP, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
      if (await serveFile(res, deps.consoleDir, rel, headers, method)) return;
      return notFound(res);
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix) && path + '/' !== prefix) continue;
      const rel = path.startsWith(prefix) ? path.slice(prefix.length) : '';
      if (await serveFile(res, dir, rel || '.', {}, method)) return;
    }
    notFound(res);
  };
  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      ctx.metrics.inc('sc_errors_total', { code: e instanceof ServiceError ? e.code : 'server' });
      if (e instanceof BodyTimeout) return answerBodyTimeout(req, res, (status) => problem(res, 'timeout', e.message, { status }));
      if (e instanceof ServiceError) return problemOf(res, e);
      ctx.log.error('http request failed', { url: req.url ?? '', error: e instanceof Error ? e.message : String(e) });
      problem(res, 'server', 'internal error');
    });
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('Not found');
}
