/**
 * Ending and extending an SWP/1 session over HTTP, shared by both reference transports:
 * `POST {base}/sessions/logout` revokes the token (the WebSocket transport uses it when its socket
 * is not online), `POST {base}/sessions/identity` hands over a fresh identity signature.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { IdentitySignature } from '../../core/transport';
import { httpError } from './http-errors';

/** Where and how the requests go. */
export interface SessionEndTarget {
  name: string;
  /** `http(s)://host/…/swp/v1`. */
  httpBase: string;
  fetch?: typeof fetch | undefined;
  timeoutMs: number;
}

async function post(target: SessionEndTarget, path: string, token: string, body?: unknown): Promise<number> {
  const doFetch = target.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof doFetch !== 'function') throw new TransportError(target.name, 'unsupported', 'no fetch here', { retryable: false });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), target.timeoutMs);
  try {
    const res = await doFetch.call(globalThis, `${target.httpBase}/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: abort.signal,
    });
    if (res.ok || res.status === 401) return res.status;
    throw httpError(target.name, res.status, await res.text().catch(() => ''), res.headers.get('Retry-After'));
  } catch (error) {
    if (error instanceof TransportError) throw error;
    const timedOut = abort.signal.aborted;
    throw new TransportError(target.name, timedOut ? 'timeout' : 'network', timedOut ? 'request timed out' : 'network error', {
      retryable: true,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Revokes `token`; resolves also when the server no longer knows it (401: nothing left to revoke). */
export async function revokeOverHttp(target: SessionEndTarget, token: string): Promise<void> {
  await post(target, 'sessions/logout', token);
}

/** Hands over a fresh signature; rejects `auth` when the server refuses it. */
export async function refreshOverHttp(target: SessionEndTarget, token: string, identity: IdentitySignature): Promise<void> {
  const status = await post(target, 'sessions/identity', token, identity);
  if (status === 401) throw new TransportError(target.name, 'auth', 'identity refused', { retryable: false });
}
