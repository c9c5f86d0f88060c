/**
 * The HTTP side of the SWP/1 HTTP transport: one ky instance (bearer token, retries of network
 * errors, 408/429/5xx) and the mapping of every failure to a `TransportError`.
 * @module
 */
import ky, { HTTPError, TimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import { TransportError, isTransportError } from '../../core/errors';
import { httpError, MAX_RETRY_AFTER_MS } from './http-errors';
import { parseJson } from '../../protocol/json';

/** Settings of {@link createHttpClient}. */
export interface HttpClientSettings {
  name: string;
  base: string;
  fetch: typeof fetch;
  requestTimeoutMs: number;
  retryLimit: number;
  /** The session token to send, read at each request. */
  token(): string | undefined;
  log: ((message: string, data?: unknown) => void) | undefined;
}

/** Requests of one HTTP transport. */
export interface HttpClient {
  readonly api: KyInstance;
  /** Runs a request under `signal` unless `kyOptions` has its own; resolves with the parsed body. */
  call(path: string, kyOptions: KyOptions, signal: AbortSignal): Promise<unknown>;
  /** Any failure of a request under `signal` as a `TransportError`. */
  toError(error: unknown, signal: AbortSignal): Promise<TransportError>;
  /** The error for a response body that does not fit the protocol. */
  bad(what: string): TransportError;
}

/** Creates the client. */
export function createHttpClient(settings: HttpClientSettings): HttpClient {
  const { name, log } = settings;
  const api: KyInstance = ky.create({
    prefixUrl: settings.base,
    fetch: settings.fetch,
    timeout: settings.requestTimeoutMs,
    parseJson: (text) => parseJson(text),
    retry: {
      limit: settings.retryLimit,
      methods: ['get', 'post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      backoffLimit: 10_000,
      jitter: true,
      retryOnTimeout: true,
    },
    hooks: {
      beforeRequest: [
        (request) => {
          const token = settings.token();
          if (token !== undefined && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
          log?.('→', `${request.method} ${request.url}`);
        },
      ],
    },
  });

  const toError = async (error: unknown, signal: AbortSignal): Promise<TransportError> => {
    if (isTransportError(error)) return error;
    if (error instanceof HTTPError) {
      let text = '';
      try {
        text = await error.response.text();
      } catch {
        // Body unreadable: the status is enough.
      }
      return httpError(name, error.response.status, text, error.response.headers.get('Retry-After'));
    }
    if (signal.aborted) return new TransportError(name, 'closed', 'request aborted', { retryable: false, cause: error });
    if (error instanceof TimeoutError) return new TransportError(name, 'timeout', 'request timed out', { retryable: true, cause: error });
    if (error instanceof SyntaxError)
      return new TransportError(name, 'server', 'response is not valid JSON', { retryable: false, cause: error });
    return new TransportError(name, 'network', error instanceof Error ? error.message : 'network error', { retryable: true, cause: error });
  };

  return {
    api,
    toError,
    bad: (what) => new TransportError(name, 'server', `malformed ${what} response`, { retryable: false }),
    async call(path, kyOptions, lifeSignal) {
      const signal = kyOptions.signal ?? lifeSignal;
      try {
        const response = await api(path, { ...kyOptions, signal });
        const text = await response.text();
        return text ? parseJson(text) : undefined;
      } catch (error) {
        throw await toError(error, signal);
      }
    },
  };
}
