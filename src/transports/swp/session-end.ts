/**
 * Ending and extending an SWP/1 session over HTTP, shared by both reference transports:
 * `POST {base}/sessions/logout` revokes the token (the WebSocket transport uses it when its socket
 * is not online), `POST {base}/sessions/identity` hands over a fresh identity signature.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { IdentitySignature, ProfileUpdate } from '../../core/transport';

/** Where and how the requests go. */
export interface SessionEndTarget {
  name: string;
  /** `http(s)://host/…/swp/v1`. */
  httpBase: string;
  fetch?: typeof fetch | undefined;
  timeoutMs: number;
}

/** POSTs with the bearer token; resolves with the status (2xx or 401), rejects `network` otherwise. */
async function post(target: SessionEndTarget, path: string, token: string, body?: IdentitySignature | ProfileUpdate): Promise<number> {
  const doFetch = target.fetch ?? globalThis.fetch;
  let status = 0;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), target.timeoutMs);
  try {
    const res = await doFetch.call(globalThis, `${target.httpBase}/sessions/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: abort.signal,
    });
    status = res.status;
  } catch {
    // Offline, refused or timed out: below.
  } finally {
    clearTimeout(timer);
  }
  if ((status >= 200 && status < 300) || status === 401) return status;
  throw new TransportError(target.name, 'network', `${path} failed`, { retryable: true });
}

/** Revokes `token`; resolves also when the server no longer knows it (401: nothing left to revoke). */
export async function revokeOverHttp(target: SessionEndTarget, token: string): Promise<void> {
  await post(target, 'logout', token);
}

/** Tells the server the new profile or language; a 401 (the session ended) is left to the next connect. */
export async function profileOverHttp(target: SessionEndTarget, token: string, update: ProfileUpdate): Promise<void> {
  await post(target, 'profile', token, update);
}

/** Hands over a fresh signature; rejects `auth` when the server refuses it. */
export async function refreshOverHttp(target: SessionEndTarget, token: string, identity: IdentitySignature): Promise<void> {
  if ((await post(target, 'identity', token, identity)) === 401)
    throw new TransportError(target.name, 'auth', 'identity refused', { retryable: false });
}
