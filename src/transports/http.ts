/**
 * `createHttpTransport`: the SWP/1 client over plain HTTP (ky), for networks where WebSockets are
 * blocked. Same semantics as the WebSocket transport: `POST /sessions` replaces `hello`, a
 * long-poll `GET /conversations/:id/events?after=N&wait=S` loop replaces the event stream, and every
 * other action is one request. Sends carry `Idempotency-Key: <clientId>`, so retrying them (network
 * errors, 5xx, 429 with `Retry-After`) can never duplicate a message.
 * @module
 */
import ky, { HTTPError, TimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import { OptionError, TransportError, isTransportError } from '../core/errors';
import type { AttachmentRef, Capabilities } from '../core/model';
import type {
  ConnectContext,
  HistoryPage,
  LivenessReason,
  OutgoingMessage,
  SendReceipt,
  SessionSnapshot,
  Transport,
  TransportEvent,
  UploadOptions,
  Unsubscribe,
  VerificationResult,
} from '../core/transport';
import { positiveOption } from './swp/options';
import { backoffDelay, type BackoffOptions } from './swp/backoff';
import { decodeEvent, decodeRecord, decodeWelcome } from './swp/decode';
import type { SessionRequest, WelcomeFrame } from './swp/frames';
import { httpError, MAX_RETRY_AFTER_MS } from './swp/http-errors';
import { isRecord, parseJson } from './swp/json';
import { errorInfoOf, toIncomingMessage } from './swp/map';
import { createSwpSession } from './swp/session';
import { createTypingThrottle } from './swp/typing-throttle';
import { uploadFile } from './swp/upload';
import { resolveHttpBase } from './swp/url';
import { seqOf, wireMessage } from './swp/validate';
import { SWP_DEFAULT_CAPABILITIES } from './swp/capabilities';

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

/**
 * Creates the SWP/1 HTTP transport. Throws `OptionError` for a bad option.
 *
 * `connect()` resolves once `POST /sessions` succeeded (retrying network and server errors with
 * backoff); it rejects on a permanent refusal (e.g. 401 → status `failed`) or on `disconnect()`.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = resolveHttpBase('baseUrl', options.baseUrl);
  const rawFetch = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof rawFetch !== 'function') throw new OptionError('fetch', 'no global fetch here: pass a fetch implementation');
  // Browsers throw "Illegal invocation" when window.fetch is called with another `this` (ky calls
  // it as a property of its options), so always call it through a wrapper.
  const doFetch: typeof fetch = (input, init) => rawFetch.call(globalThis, input, init);
  const pollWaitSeconds = positiveOption('pollWaitSeconds', options.pollWaitSeconds, 25);
  const requestTimeoutMs = positiveOption('requestTimeoutMs', options.requestTimeoutMs, 10_000);
  const retryLimit = options.retryLimit ?? 3;
  if (!Number.isInteger(retryLimit) || retryLimit < 0) throw new OptionError('retryLimit', 'expected a whole number ≥ 0');
  const log = options.debug === true ? (m: string, d?: unknown) => console.debug(`[support-chat:${NAME}] ${m}`, d ?? '') : options.debug || undefined;

  const listeners = new Set<(event: TransportEvent) => void>();
  const emit = (event: TransportEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log?.('listener threw', error);
      }
    }
  };
  const session = createSwpSession(emit);
  let capabilities: Capabilities = { ...SWP_DEFAULT_CAPABILITIES };
  let phase: Phase = 'idle';
  /** Aborts every request of the current connection; replaced on each connect(). */
  let life = new AbortController();
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeWait: (() => void) | undefined;

  const api: KyInstance = ky.create({
    prefixUrl: base,
    fetch: doFetch,
    timeout: requestTimeoutMs,
    parseJson: (text) => parseJson(text),
    retry: {
      limit: retryLimit,
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
          if (session.token !== undefined && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${session.token}`);
          log?.('→', `${request.method} ${request.url}`);
        },
      ],
    },
  });

  /** Runs a request; every failure becomes a `TransportError`. */
  const call = async <T>(path: string, kyOptions: KyOptions, read: (body: unknown) => T): Promise<T> => {
    const signal = kyOptions.signal ?? life.signal;
    try {
      const response = await api(path, { ...kyOptions, signal });
      const text = await response.text();
      return read(text ? parseJson(text) : undefined);
    } catch (error) {
      throw await toError(error, signal);
    }
  };

  const toError = async (error: unknown, signal: AbortSignal): Promise<TransportError> => {
    if (isTransportError(error)) return error;
    if (error instanceof HTTPError) {
      let text = '';
      try {
        text = await error.response.text();
      } catch {
        // Body unreadable: the status is enough.
      }
      return httpError(NAME, error.response.status, text, error.response.headers.get('Retry-After'));
    }
    if (signal.aborted) return new TransportError(NAME, 'closed', 'request aborted', { retryable: false, cause: error });
    if (error instanceof TimeoutError) return new TransportError(NAME, 'timeout', 'request timed out', { retryable: true, cause: error });
    if (error instanceof SyntaxError) return new TransportError(NAME, 'server', 'response is not valid JSON', { retryable: false, cause: error });
    return new TransportError(NAME, 'network', error instanceof Error ? error.message : 'network error', { retryable: true, cause: error });
  };

  const bad = (what: string) => new TransportError(NAME, 'server', `malformed ${what} response`, { retryable: false });

  const requireConversation = (): string => {
    const id = session.conversationId;
    if ((phase !== 'online' && phase !== 'reconnecting') || id === undefined) {
      throw new TransportError(NAME, 'network', 'not connected', { retryable: true });
    }
    return id;
  };
  const conversationPath = (suffix: string) => `conversations/${encodeURIComponent(requireConversation())}/${suffix}`;

  const setStatus = (next: Phase, event: Omit<TransportEvent & { type: 'status' }, 'type'>) => {
    phase = next;
    emit({ type: 'status', ...event });
  };

  const fail = (error: TransportError) => {
    life.abort();
    setStatus('failed', { status: 'failed', error: errorInfoOf(error) });
  };

  /** Waits `ms` unless the connection ends (resolves false) or `checkAlive`-style wake-ups. */
  const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const done = (value: boolean) => {
        if (waitTimer !== undefined) clearTimeout(waitTimer);
        waitTimer = undefined;
        wakeWait = undefined;
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => done(false);
      signal.addEventListener('abort', onAbort, { once: true });
      wakeWait = () => done(true);
      waitTimer = setTimeout(() => done(true), ms);
    });

  // ------------------------------------------------------------------ session and poll loop

  const openSession = async (ctx: ConnectContext): Promise<void> => {
    const resume = session.resumeRequest();
    const body: SessionRequest = {
      ...(session.token !== undefined ? { token: session.token } : {}),
      user: ctx.user,
      client: { sdk: SDK_VERSION, locale: ctx.locale },
      ...(resume ? { resume } : {}),
      ...(ctx.metadata ? { metadata: ctx.metadata } : {}),
    };
    const welcome = await call('sessions', { method: 'post', json: body }, (raw) => {
      const result = isRecord(raw) ? decodeWelcome(raw) : undefined;
      if (result?.kind !== 'frame' || result.frame.t !== 'welcome') throw bad('session');
      return result.frame as WelcomeFrame;
    });
    // Long-polling delivers events as they happen, so the server's `realtime` stands.
    capabilities = { ...SWP_DEFAULT_CAPABILITIES, ...welcome.capabilities };
    session.applyWelcome(welcome, resume !== undefined);
  };

  const pollOnce = async (signal: AbortSignal): Promise<void> => {
    const conversationId = requireConversation();
    let status: number;
    let text: string;
    try {
      const response = await api(`conversations/${encodeURIComponent(conversationId)}/events`, {
        // After a failure, a quick poll (wait=0) proves the way back at once, then long-polls resume.
        searchParams: { after: session.cursor ?? 0, wait: phase === 'reconnecting' ? 0 : pollWaitSeconds },
        timeout: pollWaitSeconds * 1000 + 10_000,
        retry: 0,
        signal,
        throwHttpErrors: (code) => code !== 410,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw await toError(error, signal);
    }
    let raw: unknown;
    try {
      raw = text ? parseJson(text) : undefined;
    } catch {
      throw bad('events');
    }
    if (status === 410) {
      // The gap is no longer available: continue from the cursor the server returns; the SDK refetches.
      const cursor = isRecord(raw) ? seqOf(typeof raw.cursor === 'string' ? Number(raw.cursor) : raw.cursor) : undefined;
      if (cursor === undefined) throw bad('resync');
      session.resetCursor(cursor, 'cursor no longer available');
      return;
    }
    if (!isRecord(raw) || !Array.isArray(raw.events)) throw bad('events');
    for (const item of raw.events) {
      if (!isRecord(item) || !isRecord(item.event)) continue;
      const seq = seqOf(item.seq);
      const event = decodeEvent(item.event);
      if (seq === undefined || event === 'bad') {
        emit({ type: 'error', error: { code: 'invalid', message: 'swp: malformed event in poll response', retryable: false } });
        continue;
      }
      session.applyEvent(seq, event);
    }
    for (const item of Array.isArray(raw.ephemeral) ? raw.ephemeral : []) {
      if (!isRecord(item)) continue;
      const decoded = decodeRecord(item);
      if (decoded.kind !== 'frame') continue;
      const f = decoded.frame;
      if (f.t === 'typing' && f.conversationId === conversationId) emit({ type: 'typing', from: f.from, on: f.on });
      if (f.t === 'availability') emit({ type: 'availability', availability: f.availability });
    }
    const cursor = seqOf(typeof raw.cursor === 'string' ? Number(raw.cursor) : raw.cursor);
    // The cursor is the seq of the last event returned: above what was applied, events went missing.
    if (cursor !== undefined && session.cursor !== undefined && cursor > session.cursor) session.resetCursor(cursor, 'events missing from a poll response');
    else if (cursor !== undefined) session.advance(cursor);
  };

  const pollLoop = async (signal: AbortSignal): Promise<void> => {
    let attempt = 0;
    let reopened = false;
    while (!signal.aborted) {
      try {
        await pollOnce(signal);
        attempt = 0;
        reopened = false;
        if (phase === 'reconnecting' && !signal.aborted) setStatus('online', { status: 'online' });
      } catch (raw) {
        if (signal.aborted) return;
        const error = raw as TransportError;
        if (error.code === 'auth' && !reopened && currentCtx) {
          // The server may have lost the session (a restart on fresh storage): a new hello opens a
          // new one, as over WebSocket (resync follows from the welcome). Once; then it is final.
          reopened = true;
          try {
            await openSession(currentCtx);
            continue;
          } catch {
            if (signal.aborted) return;
          }
        }
        if (error.code === 'auth' || error.code === 'expired' || error.code === 'forbidden') return fail(error);
        const delay = Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt++, options.reconnect)));
        setStatus('reconnecting', { status: 'reconnecting', retryInMs: delay, error: errorInfoOf(error) });
        if (!(await pause(delay, signal))) return;
        if (error.code === 'not_found') {
          // The server forgot the conversation: open a new session (resync follows from the welcome).
          try {
            if (currentCtx) await openSession(currentCtx);
          } catch {
            // Next round reports it.
          }
        }
      }
    }
  };

  let currentCtx: ConnectContext | undefined;

  const transport: HttpTransport = {
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
      let attempt = 0;
      for (;;) {
        try {
          await openSession(ctx);
          break;
        } catch (raw) {
          const error = raw as TransportError;
          if (signal.aborted) throw new TransportError(NAME, 'closed', 'disconnected before the connection was ready', { retryable: false });
          if (!error.retryable) {
            fail(error);
            throw error;
          }
          const delay = Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt++, options.reconnect)));
          setStatus('reconnecting', { status: 'reconnecting', retryInMs: delay, error: errorInfoOf(error) });
          if (!(await pause(delay, signal))) {
            throw new TransportError(NAME, 'closed', 'disconnected before the connection was ready', { retryable: false });
          }
        }
      }
      setStatus('online', { status: 'online' });
      void pollLoop(signal);
      return session.snapshot();
    },

    async disconnect() {
      const wasActive = phase !== 'idle';
      life.abort();
      if (waitTimer !== undefined) clearTimeout(waitTimer);
      waitTimer = undefined;
      wakeWait = undefined;
      phase = 'idle';
      if (wasActive) emit({ type: 'status', status: 'idle' });
    },

    on(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    snapshot: (): SessionSnapshot => session.snapshot(),

    checkAlive(reason) {
      log?.('checkAlive', reason);
      wakeWait?.();
    },

    async send(message: OutgoingMessage): Promise<SendReceipt> {
      const path = conversationPath('messages');
      return call(
        path,
        {
          method: 'post',
          headers: { 'Idempotency-Key': message.clientId },
          json: {
            clientId: message.clientId,
            ...(message.text !== undefined ? { text: message.text } : {}),
            ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ id: a.id })) } : {}),
            ...(message.action ? { action: message.action } : {}),
            ...(message.metadata ? { metadata: message.metadata } : {}),
          },
        },
        (raw) => {
          if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.createdAt !== 'string') throw bad('send');
          const seq = seqOf(raw.seq);
          return {
            clientId: typeof raw.clientId === 'string' ? raw.clientId : message.clientId,
            id: raw.id,
            createdAt: raw.createdAt,
            ...(seq !== undefined ? { seq } : {}),
          };
        },
      );
    },

    async fetchHistory(query): Promise<HistoryPage> {
      if (query.before !== undefined && !/^\d+$/.test(query.before)) {
        throw new TransportError(NAME, 'invalid', `bad history cursor "${query.before}"`, { retryable: false });
      }
      const searchParams: Record<string, number> = {};
      if (query.before !== undefined) searchParams.before = Number(query.before);
      if (query.limit !== undefined) searchParams.limit = query.limit;
      return call(conversationPath('messages'), { searchParams }, (raw) => {
        if (!isRecord(raw) || !Array.isArray(raw.messages) || typeof raw.hasMore !== 'boolean') throw bad('history');
        const messages = raw.messages.map(wireMessage);
        if (messages.some((m) => m === undefined)) throw bad('history');
        const before = seqOf(raw.before);
        return {
          messages: messages.map((m) => toIncomingMessage(m!)),
          hasMore: raw.hasMore,
          ...(before !== undefined ? { before: String(before) } : {}),
        };
      });
    },

    upload(file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<AttachmentRef> {
      return uploadFile({ transport: NAME, httpBase: base, token: session.token, conversationId: session.conversationId, file, fetch: doFetch, ...opts });
    },

    setTyping: createTypingThrottle((on) => {
      if (phase !== 'online') return;
      call(conversationPath('typing'), { method: 'post', json: { on }, retry: 0 }, () => undefined).catch((error) => log?.('typing failed', error));
    }),

    async markRead(upToSeq) {
      await call(conversationPath('read'), { method: 'post', json: { upTo: upToSeq } }, () => undefined);
    },

    async requestHandoff(req = {}) {
      await call(conversationPath('handoff'), { method: 'post', json: { ...req } }, () => undefined);
    },

    async submitVerification(challengeId, code): Promise<VerificationResult> {
      requireConversation();
      return call('verify', { method: 'post', json: { challengeId, code } }, (raw) => {
        const result = isRecord(raw) ? raw.result : undefined;
        if (result !== 'ok' && result !== 'invalid' && result !== 'expired') throw bad('verify');
        return result;
      });
    },

    async closeConversation() {
      await call(conversationPath('close'), { method: 'post', json: {} }, () => undefined);
    },

    async rate(score, comment) {
      await call(conversationPath('rate'), { method: 'post', json: { score, ...(comment !== undefined ? { comment } : {}) } }, () => undefined);
    },
  };
  return transport;
}
