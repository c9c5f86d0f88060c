/**
 * `createHttpTransport`: the SWP/1 client over plain HTTP (ky), for networks where WebSockets are
 * blocked. Same semantics as the WebSocket transport: `POST /sessions` replaces `hello`, a
 * long-poll `GET /conversations/:id/events?after=N&wait=S` loop replaces the event stream, and every
 * other action is one request. Sends carry `Idempotency-Key: <clientId>`, so retrying them (network
 * errors, 5xx, 429 with `Retry-After`) can never duplicate a message.
 * @module
 */
import { OptionError, TransportError } from '../core/errors';
import type { Capabilities } from '../core/model';
import type { ConnectContext, LivenessReason, SessionSnapshot, Transport, TransportEvent } from '../core/transport';
import { backoffDelay, type BackoffOptions } from './swp/backoff';
import { SWP_DEFAULT_CAPABILITIES } from './swp/capabilities';
import { createSwpCommands } from './swp/commands';
import { decodeWelcome } from './swp/decode';
import type { SessionRequest, WelcomeFrame } from './swp/frames';
import { createHttpCarrier } from './swp/http-carrier';
import { createHttpClient, type HttpClient } from './swp/http-client';
import { MAX_RETRY_AFTER_MS } from './swp/http-errors';
import { pollLoop, type PollDeps } from './swp/http-poll';
import { isRecord } from './swp/json';
import { createTransportListeners } from './swp/listeners';
import { errorInfoOf } from './swp/map';
import { positiveOption } from './swp/options';
import { createSwpSession, type SwpSession } from './swp/session';
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
const SDK_VERSION = typeof __SC_VERSION__ === 'string' ? __SC_VERSION__ : 'dev';

type Phase = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'failed';

/** A wait that the connection's end cuts short (false) and `checkAlive` ends early (true). */
function createPause() {
  let wake: (() => void) | undefined;
  let cancel: (() => void) | undefined;
  const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const timer = setTimeout(() => done(true), ms);
      const onAbort = () => done(false);
      const done = (value: boolean) => {
        clearTimeout(timer);
        wake = cancel = undefined;
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      wake = () => done(true);
      cancel = () => done(false);
    });
  return { pause, wake: () => wake?.(), cancel: () => cancel?.() };
}

/** `POST /sessions`: the HTTP hello; applies the welcome to `session`. Returns the server's capabilities. */
async function openSession(client: HttpClient, session: SwpSession, ctx: ConnectContext, signal: AbortSignal): Promise<Capabilities> {
  const resume = session.resumeRequest();
  const body: SessionRequest = {
    ...(session.token !== undefined ? { token: session.token } : {}),
    user: ctx.user,
    client: { sdk: SDK_VERSION, locale: ctx.locale },
    ...(resume ? { resume } : {}),
    ...(ctx.metadata ? { metadata: ctx.metadata } : {}),
  };
  const raw = await client.call('sessions', { method: 'post', json: body }, signal);
  const result = isRecord(raw) ? decodeWelcome(raw) : undefined;
  if (result?.kind !== 'frame' || result.frame.t !== 'welcome') throw client.bad('session');
  const welcome = result.frame as WelcomeFrame;
  // Long-polling delivers events as they happen, so the server's `realtime` stands.
  const capabilities = { ...SWP_DEFAULT_CAPABILITIES, ...welcome.capabilities };
  session.applyWelcome(welcome, resume !== undefined);
  return capabilities;
}

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
    log: options.debug === true ? (m: string, d?: unknown) => console.debug(`[support-chat:${NAME}] ${m}`, d ?? '') : options.debug || undefined,
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
  const listeners = createTransportListeners((error) => log?.('listener threw', error));
  const emit = listeners.emit;
  const session = createSwpSession(emit);
  const client = createHttpClient({ name: NAME, base, fetch: doFetch, requestTimeoutMs: settings.requestTimeoutMs, retryLimit: settings.retryLimit, token: () => session.token, log });
  const waits = createPause();
  let capabilities: Capabilities = { ...SWP_DEFAULT_CAPABILITIES };
  let phase: Phase = 'idle';
  /** Aborts every request of the current connection; replaced on each connect(). */
  let life = new AbortController();
  let currentCtx: ConnectContext | undefined;

  const setStatus = (next: Phase, event: Omit<TransportEvent & { type: 'status' }, 'type'>) => {
    phase = next;
    emit({ type: 'status', ...event });
  };
  const fail = (error: TransportError) => {
    life.abort();
    setStatus('failed', { status: 'failed', error: errorInfoOf(error) });
  };
  const open = async (ctx: ConnectContext, signal: AbortSignal) => {
    capabilities = await openSession(client, session, ctx, signal);
  };
  const carrier = createHttpCarrier({
    name: NAME,
    base,
    fetch: doFetch,
    client,
    session,
    usable: () => phase === 'online' || phase === 'reconnecting',
    online: () => phase === 'online',
    signal: () => life.signal,
    log,
  });
  const poll = (signal: AbortSignal): PollDeps => ({
    client,
    session,
    pollWaitSeconds: settings.pollWaitSeconds,
    backoff: options.reconnect,
    emit,
    conversation: () => carrier.conversation(),
    reconnecting: () => phase === 'reconnecting',
    setOnline: () => setStatus('online', { status: 'online' }),
    setReconnecting: (retryInMs, error) => setStatus('reconnecting', { status: 'reconnecting', retryInMs, error: errorInfoOf(error) }),
    fail,
    reopen: () => open(currentCtx!, signal),
    pause: waits.pause,
  });
  const closedEarly = () => new TransportError(NAME, 'closed', 'disconnected before the connection was ready', { retryable: false });

  /** Opens the session, retrying what may pass later; rejects on a refusal or `disconnect()`. */
  const start = async (ctx: ConnectContext, signal: AbortSignal): Promise<void> => {
    for (let attempt = 0; ; ) {
      try {
        return await open(ctx, signal);
      } catch (raw) {
        const error = raw as TransportError;
        if (signal.aborted) throw closedEarly();
        if (!error.retryable) {
          fail(error);
          throw error;
        }
        const delay = Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt++, options.reconnect)));
        setStatus('reconnecting', { status: 'reconnecting', retryInMs: delay, error: errorInfoOf(error) });
        if (!(await waits.pause(delay, signal))) throw closedEarly();
      }
    }
  };

  return {
    name: NAME,
    get capabilities() {
      return capabilities;
    },
    async connect(ctx) {
      if (phase !== 'idle' && phase !== 'failed') {
        throw new TransportError(NAME, 'invalid', 'connect() called twice; disconnect() first', { retryable: false });
      }
      currentCtx = ctx;
      session.restore(ctx.resume);
      life = new AbortController();
      const signal = life.signal;
      setStatus('connecting', { status: 'connecting' });
      await start(ctx, signal);
      setStatus('online', { status: 'online' });
      void pollLoop(poll(signal), signal);
      return session.snapshot();
    },
    async disconnect() {
      const wasActive = phase !== 'idle';
      life.abort();
      waits.cancel();
      phase = 'idle';
      if (wasActive) emit({ type: 'status', status: 'idle' });
    },
    on: (listener) => listeners.on(listener),
    snapshot: (): SessionSnapshot => session.snapshot(),
    checkAlive(reason?: LivenessReason) {
      log?.('checkAlive', reason);
      waits.wake();
    },
    ...createSwpCommands(carrier),
    setTyping: createTypingThrottle((on) => carrier.typing(on)),
  };
}
