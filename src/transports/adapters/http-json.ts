/**
 * JSON over `fetch` for the third-party adapters: a timeout, an optional abort signal, and every
 * failure as a `TransportError` (HTTP status → code, `Retry-After` honoured, network → retryable).
 * @module
 */
import { TransportError } from '../../core/errors';
import { httpError } from '../swp/http-errors';

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** A JSON body, or FormData for a multipart upload. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type JsonClient = <T = unknown>(url: string, request?: JsonRequest) => Promise<T>;

/** A client named `name` (for errors) over `fetchImpl`, each request bounded by `timeoutMs`. */
export function createJsonClient(name: string, fetchImpl: typeof fetch, timeoutMs: number): JsonClient {
  return async <T>(url: string, request: JsonRequest = {}): Promise<T> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const outer = request.signal;
    const onAbort = () => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(request.body !== undefined ? { body: isForm ? (request.body as FormData) : JSON.stringify(request.body) } : {}),
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (outer?.aborted) throw new TransportError(name, 'closed', 'request aborted', { retryable: false, cause: error });
      const timedOut = controller.signal.aborted;
      throw new TransportError(name, timedOut ? 'timeout' : 'network', timedOut ? 'request timed out' : 'network error', {
        retryable: true,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw httpError(name, response.status, text, response.headers.get('Retry-After'));
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new TransportError(name, 'server', 'the backend answered with something other than JSON', { retryable: true, cause: error });
    }
  };
}
