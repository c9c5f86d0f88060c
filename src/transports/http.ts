/**
 * `createHttpTransport`: the SWP/1 client over plain HTTP (ky), for networks where WebSockets are
 * blocked. Same semantics as the WebSocket transport: `POST /sessions` replaces `hello`, a
 * long-poll `GET /conversations/:id/events?after=N&wait=S` loop replaces the event stream, and every
 * other action is one request. Sends carry `Idempotency-Key: <clientId>`, so retrying them (network
 * errors, 5xx, 429 with `Retry-After`) can never duplicate a message.
 * @module
 */
import { OptionError } from '../core/errors';
import type { LivenessReason, SessionSnapshot, Transport } from '../core/transport';
import type { BackoffOptions } from './swp/backoff';
import { createSwpCommands } from './swp/commands';
import { createHttpCarrier } from './swp/http-carrier';
import { createHttpClient } from './swp/http-client';
import { HttpConnection } from './swp/http-connection';
import { httpSessionEnd } from './swp/http-session-end';
import { createTransportListeners } from './swp/listeners';
import { positiveOption } from './swp/options';
import { createSwpSession } from './swp/session';
import { createTypingThrottle } from './swp/typing-throttle';
import { resolveHttpBase } from './swp/url';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /**
   * The server's `http://` / `https://` base URL (e.g. `https://chat.example.com`); the transport
   * talks to `{baseUrl}/swp/v1/…`. No credentials or query strings.
   */
  baseUrl: string;
  /** `fetch` implementation (tests, proxies, Node). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Seconds the server may hold a long-poll open. @default 25 */
  pollWaitSeconds?: number;
  /** Timeout of ordinary requests, ms (the poll gets `pollWaitSeconds` + 10 s). @default 10000 */
  requestTimeoutMs?: number;
  /** Automatic retries of a request (network errors, 408, 429, 5xx); POST sends are safe to retry. @default 3 */
  retryLimit?: number;
  /** Backoff between failed polls. @default { minDelayMs: 1000, maxDelayMs: 30000, factor: 1.6 } */
  reconnect?: BackoffOptions;
  /** Logs requests (tokens redacted): `true` → console.debug, or your own logger. @default false */
  debug?: boolean | ((message: string, data?: unknown) => void);
}

/** The HTTP transport: the `Transport` contract plus a way to skip a pending retry wait. */
export interface HttpTransport extends Transport {
  /** Retries at once if the poll loop is waiting after a failure (call it on `online`/`visibilitychange`). */
  checkAlive(reason?: LivenessReason): void;
}

const NAME = 'http';

/** Validated numeric options. */
function settingsOf(options: HttpTransportOptions) {
  const rawFetch = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof rawFetch !== 'function') throw new OptionError('fetch', 'no global fetch here: pass a fetch implementation');
  const retryLimit = options.retryLimit ?? 3;
  if (!Number.isInteger(retryLimit) || retryLimit < 0) throw new OptionError('retryLimit', 'expected a whole number ≥ 0');
  return {
    // Browsers throw "Illegal invocation" when window.fetch is called with another `this` (ky calls
    // it as a property of its options), so always call it through a wrapper.
    fetch: ((input, init) => rawFetch.call(globalThis, input, init)) as typeof fetch,
    pollWaitSeconds: positiveOption('pollWaitSeconds', options.pollWaitSeconds, 25),
    requestTimeoutMs: positiveOption('requestTimeoutMs', options.requestTimeoutMs, 10_000),
    retryLimit,
    log:
      options.debug === true
        ? (m: string, d?: unknown) => console.debug(`[support-chat:${NAME}] ${m}`, d ?? '')
        : options.debug || undefined,
  };
}

/**
 * Creates the SWP/1 HTTP transport. Throws `OptionError` for a bad option.
 *
 * `connect()` resolves once `POST /sessions` succeeded (retrying network and server errors with
 * backoff); it rejects on a permanent refusal (e.g. 401 → status `failed`) or on `disconnect()`.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = resolveHttpBase('baseUrl', options.baseUrl);
  const { fetch: doFetch, log, ...settings } = settingsOf(options);
  const listeners = createTransportListeners((error) => log?.('listener threw', error), true);
  const session = createSwpSession(listeners.emit);
  const client = createHttpClient({
    name: NAME,
    base,
    fetch: doFetch,
    requestTimeoutMs: settings.requestTimeoutMs,
    retryLimit: settings.retryLimit,
    token: () => session.token,
    log,
  });
  const carrier = createHttpCarrier({
    name: NAME,
    base,
    fetch: doFetch,
    client,
    session,
    usable: () => connection.phase === 'online' || connection.phase === 'reconnecting',
    online: () => connection.phase === 'online',
    signal: () => connection.signal,
    switchTo: (target) => connection.switchTo(target),
    log,
  });
  const connection = new HttpConnection({
    name: NAME,
    client,
    session,
    pollWaitSeconds: settings.pollWaitSeconds,
    backoff: options.reconnect,
    emit: listeners.emit,
    conversation: () => carrier.conversation(),
  });

  return {
    name: NAME,
    get capabilities() {
      return connection.capabilities;
    },
    connect: (ctx) => connection.connect(ctx),
    disconnect: async () => connection.disconnect(),
    on: (listener) => listeners.on(listener),
    snapshot: (): SessionSnapshot => session.snapshot(),
    checkAlive(reason?: LivenessReason) {
      log?.('checkAlive', reason);
      connection.wake();
    },
    ...createSwpCommands(carrier),
    setTyping: createTypingThrottle((on) => carrier.typing(on)),
    ...httpSessionEnd(connection, session, { name: NAME, httpBase: base, fetch: doFetch, timeoutMs: settings.requestTimeoutMs }),
  };
}
