/**
 * HTTP response helpers: JSON, RFC 9457 problem responses, CORS, bounded body reading.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportErrorCode } from '../../src/core/model';
import { ServiceError, statusOf, toWireError } from '../domain/errors';
import { BodyClock, bodyTimeoutsOf } from '../limits/body-timeouts';

/** Sends a JSON body. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Sends `204 No Content`. */
export function noContent(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

/** Sends an `application/problem+json` error with a protocol error `code`. */
export function problem(
  res: ServerResponse,
  code: TransportErrorCode,
  message: string,
  options: { retryAfterMs?: number; status?: number; extra?: Record<string, unknown> } = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = options.status ?? statusOf(code);
  const wire = toWireError(code, message, options.retryAfterMs);
  const body = JSON.stringify({ type: `about:blank`, title: message, status, ...wire, ...options.extra });
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  };
  if (options.retryAfterMs !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(options.retryAfterMs / 1000)));
  res.writeHead(status, headers);
  res.end(body);
}

/** Sends a ServiceError as a problem response. */
export function problemOf(res: ServerResponse, e: ServiceError): void {
  problem(res, e.code, e.message, e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {});
}

/** CORS for the public API: any origin (the widget runs on customers' sites), bearer auth, no cookies. */
export function setCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
}

/**
 * Reads a request body up to `max` bytes; throws `too_large` beyond, and {@link BodyTimeout} when it
 * stalls or takes too long (the request's registered timeouts).
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > max) {
      reject(new ServiceError('too_large', `body larger than ${max} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const settle = (e: Error | undefined, body?: Buffer): void => {
      if (done) return;
      done = true;
      clock.stop();
      if (e) reject(e);
      else resolve(body!);
    };
    const clock = new BodyClock(bodyTimeoutsOf(req), (e) => settle(e));
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      clock.touch();
      size += chunk.length;
      if (size > max) return settle(new ServiceError('too_large', `body larger than ${max} bytes`));
      chunks.push(chunk);
    });
    req.on('end', () => settle(undefined, Buffer.concat(chunks, size)));
    req.on('error', (e) => settle(e));
    req.on('close', () => settle(new ServiceError('invalid', 'the request was aborted')));
  });
}

/** Reads and parses a JSON body (empty body → `{}`). */
export async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const buf = await readBody(req, max);
  if (buf.length === 0) return {};
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    throw new ServiceError('invalid', 'malformed JSON body');
  }
}

/** The bearer token of a request, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : undefined;
}
