/**
 * `createWebSocketTransport`: the SWP/1 client over WebSocket (reconnecting-websocket), the
 * recommended transport for the reference server and compatible backends.
 *
 * Connection life: `connect` → socket open → `hello` → `welcome` (status `online`); on a drop it
 * reconnects with jittered exponential backoff, re-sends `hello` with the latest token and cursor,
 * and the server replays missed events (or the transport emits `resync`). It never replays user
 * messages itself: `send` rejects with a retryable error while offline and the SDK outbox retries.
 * @module
 */
import ReconnectingWebSocket from 'reconnecting-websocket';
import { OptionError, TransportError } from '../core/errors';
import { createId } from '../core/ids';
import type { AttachmentRef, Capabilities } from '../core/model';
import type {
  ConnectContext,
  HistoryPage,
  OutgoingMessage,
  SendReceipt,
  SessionSnapshot,
  Transport,
  TransportErrorInfo,
  TransportEvent,
  LivenessReason,
  UploadOptions,
  Unsubscribe,
  VerificationResult,
} from '../core/transport';
import { positiveOption } from './swp/options';
import { backoffDelay, type BackoffOptions } from './swp/backoff';
import { SWP_DEFAULT_CAPABILITIES } from './swp/capabilities';
import { decodeServerFrame, type DecodedFrame } from './swp/decode';
import { CloseCode, DEFAULT_LIMITS, SWP_SUBPROTOCOL, type AckFrame, type ClientFrame, type HistoryPageFrame, type WelcomeFrame, type WireError } from './swp/frames';
import { errorInfoOf, toErrorInfo, toIncomingMessage } from './swp/map';
import { createPendingRequests } from './swp/pending';
import { createSwpSession } from './swp/session';
import { createSocketRegistry, type WebSocketConstructor } from './swp/socket';
import { createTypingThrottle } from './swp/typing-throttle';
import { uploadFile } from './swp/upload';
import { resolveEndpoints } from './swp/url';

export type { WebSocketConstructor, WebSocketLike } from './swp/socket';
export type { BackoffOptions } from './swp/backoff';

/** Liveness settings. */
export interface HeartbeatOptions {
  /** Silence after which the connection counts as dead. @default 2 × the server's `heartbeatMs` */
  deadAfterMs?: number;
  /** How long `checkAlive()` waits for any frame after its ping. @default 5000 */
  checkTimeoutMs?: number;
}

/** Options of {@link createWebSocketTransport}. */
export interface WebSocketTransportOptions {
  /**
   * The server: a `ws://` / `wss://` URL of its `/swp/v1/ws` endpoint, or its `http://` / `https://`
   * base URL (the WebSocket URL is derived: `https://host/base` → `wss://host/base/swp/v1/ws`).
   * Uploads go to the matching `http(s)://…/swp/v1/uploads`. No credentials or query strings.
   */
  url: string;
  /** WebSocket constructor. @default globalThis.WebSocket (pass `ws`'s `WebSocket` in Node < 22) */
  WebSocket?: WebSocketConstructor;
  /** Time allowed for the socket to open and for the `welcome` to arrive, ms. @default 10000 */
  connectTimeoutMs?: number;
  /** Time a request (send, history, …) waits for its ack before rejecting with 'timeout', ms. @default 10000 */
  ackTimeoutMs?: number;
  /** Liveness detection; `false` turns off the silence timer (pings are still answered). @default {} */
  heartbeat?: HeartbeatOptions | false;
  /** Reconnect backoff. @default { minDelayMs: 1000, maxDelayMs: 30000, factor: 1.6 } */
  reconnect?: BackoffOptions;
  /** `fetch` for uploads where XMLHttpRequest is missing. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Logs protocol traffic (tokens redacted): `true` → console.debug, or your own logger. @default false */
  debug?: boolean | ((message: string, data?: unknown) => void);
}

/** The WebSocket transport: the `Transport` contract plus a liveness probe. */
export interface WebSocketTransport extends Transport {
  /**
   * Checks the connection now (call it on `visibilitychange`, `online`, `pageshow`): pings when
   * online and reconnects if nothing answers; skips the remaining backoff when reconnecting.
   * Never throws.
   */
  checkAlive(reason?: LivenessReason): void;
}

export { SWP_DEFAULT_CAPABILITIES };

const NAME = 'websocket';
const SDK_VERSION = typeof __SC_VERSION__ === 'string' ? __SC_VERSION__ : 'dev';
/** Close code the client uses when it drops a socket it considers dead or stale. */
const CLIENT_RECONNECT = 4000;

type Phase = 'idle' | 'connecting' | 'handshake' | 'online' | 'waiting' | 'failed';

const encoder = new TextEncoder();
const byteLength = (text: string) => (text.length * 3 <= DEFAULT_LIMITS.maxFrameBytes ? text.length : encoder.encode(text).length);

/**
 * Creates the SWP/1 WebSocket transport. Throws `OptionError` for a bad option.
 *
 * `connect()` resolves with the session on the first `welcome`; network failures before that are
 * retried (status `reconnecting`), so it rejects only on an auth/forbidden refusal (status
 * `failed`) or when `disconnect()` is called first.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const endpoints = resolveEndpoints('url', options.url);
  const Base = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof Base !== 'function') throw new OptionError('WebSocket', 'no global WebSocket here: pass a WebSocket constructor (e.g. from the "ws" package)');
  const connectTimeoutMs = positiveOption('connectTimeoutMs', options.connectTimeoutMs, 10_000);
  const ackTimeoutMs = positiveOption('ackTimeoutMs', options.ackTimeoutMs, 10_000);
  const heartbeat = options.heartbeat === false ? false : (options.heartbeat ?? {});
  const backoff = options.reconnect ?? {};
  const log = options.debug === true ? (m: string, d?: unknown) => console.debug(`[support-chat:${NAME}] ${m}`, d ?? '') : options.debug || undefined;

  const sockets = createSocketRegistry(Base);
  const listeners = new Set<(event: TransportEvent) => void>();
  const pending = createPendingRequests(NAME, ackTimeoutMs);
  let capabilities: Capabilities = { ...SWP_DEFAULT_CAPABILITIES };

  // Session state (survives reconnects).
  let ctx: ConnectContext | undefined;
  const session = createSwpSession((event) => emit(event));
  let heartbeatMs = 0;

  // Connection state (per connect() call).
  let rws: ReconnectingWebSocket | undefined;
  let phase: Phase = 'idle';
  let attempt = 0;
  let nextDelayMs: number | undefined;
  let forcedDelayMs: number | undefined;
  let lastServerError: WireError | undefined;
  let helloId: string | undefined;
  let helloHadResume = false;
  let pingCounter = 0;
  let connectWaiter: { resolve(s: SessionSnapshot): void; reject(e: TransportError): void } | undefined;
  let wakeWaiting: (() => void) | undefined;
  const timers = { hello: undefined as Timer, dead: undefined as Timer, check: undefined as Timer, retry: undefined as Timer };
  type Timer = ReturnType<typeof setTimeout> | undefined;

  const clearTimer = (name: keyof typeof timers) => {
    if (timers[name] !== undefined) clearTimeout(timers[name]);
    timers[name] = undefined;
  };
  const clearAllTimers = () => (Object.keys(timers) as Array<keyof typeof timers>).forEach(clearTimer);

  const emit = (event: TransportEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log?.('listener threw', error);
      }
    }
  };
  const emitStatus = (status: TransportEvent & { type: 'status' }) => emit(status);

  const write = (frame: ClientFrame) => {
    if (log) log('→', frame.t === 'hello' ? { ...frame, token: frame.token ? '[redacted]' : undefined } : frame);
    rws?.send(JSON.stringify(frame));
  };

  const notConnected = () => new TransportError(NAME, 'network', 'not connected', { retryable: true });

  const request = (frame: ClientFrame & { id: string }): Promise<AckFrame | HistoryPageFrame> => {
    if (phase !== 'online') return Promise.reject(notConnected());
    // The server closes the socket (1009) on an oversized frame; a retry would loop, so refuse it here.
    if (byteLength(JSON.stringify(frame)) > DEFAULT_LIMITS.maxFrameBytes) {
      return Promise.reject(new TransportError(NAME, 'too_large', `frame larger than ${DEFAULT_LIMITS.maxFrameBytes} bytes`, { retryable: false }));
    }
    const reply = pending.add(frame.id);
    write(frame);
    return reply;
  };

  const ackOf = async (frame: ClientFrame & { id: string }): Promise<AckFrame> => {
    const reply = await request(frame);
    if (reply.t !== 'ack') throw new TransportError(NAME, 'server', `unexpected ${reply.t} reply to ${frame.t}`, { retryable: false });
    return reply;
  };

  const requireConversation = (): string => {
    const id = session.conversationId;
    if (phase !== 'online' || id === undefined) throw notConnected();
    return id;
  };

  // ------------------------------------------------------------------ liveness

  const deadAfter = () => (heartbeat === false ? 0 : (heartbeat.deadAfterMs ?? 2 * heartbeatMs));

  const forceReconnect = (reason: string, delayMs?: number) => {
    if (!rws || phase === 'failed' || phase === 'idle') return;
    log?.('reconnect', reason);
    forcedDelayMs = delayMs;
    rws.reconnect(CLIENT_RECONNECT, 'reconnect');
  };

  const armDeadTimer = () => {
    clearTimer('dead');
    const ms = deadAfter();
    if (ms > 0 && phase === 'online') timers.dead = setTimeout(() => forceReconnect('heartbeat timeout'), ms);
  };

  const onAnyFrame = () => {
    clearTimer('check');
    armDeadTimer();
  };

  // ------------------------------------------------------------------ session

  const sendHello = () => {
    if (!ctx) return;
    helloId = createId();
    const resume = session.resumeRequest();
    helloHadResume = resume !== undefined;
    write({
      t: 'hello',
      id: helloId,
      ...(session.token !== undefined ? { token: session.token } : {}),
      user: ctx.user,
      client: { sdk: SDK_VERSION, locale: ctx.locale },
      ...(resume ? { resume } : {}),
      ...(ctx.metadata ? { metadata: ctx.metadata } : {}),
    });
    clearTimer('hello');
    timers.hello = setTimeout(() => forceReconnect('no welcome in time'), connectTimeoutMs);
  };

  const onWelcome = (w: WelcomeFrame) => {
    clearTimer('hello');
    heartbeatMs = w.heartbeatMs;
    attempt = 0;
    lastServerError = undefined;
    phase = 'online';
    capabilities = { ...SWP_DEFAULT_CAPABILITIES, ...w.capabilities };
    session.applyWelcome(w, helloHadResume);
    armDeadTimer();
    emitStatus({ type: 'status', status: 'online' });
    const waiter = connectWaiter;
    connectWaiter = undefined;
    waiter?.resolve(session.snapshot());
  };

  const onFrame = (frame: DecodedFrame) => {
    switch (frame.t) {
      case 'welcome':
        // Only the answer to this connection's hello counts.
        if (phase === 'handshake' && (frame.ref === helloId || frame.ref === '')) onWelcome(frame);
        return;
      case 'ack':
      case 'nack':
      case 'history.page':
        if (!pending.settle(frame)) log?.('reply nobody waits for', frame);
        return;
      case 'event': {
        // Events at or below the cursor are duplicates or replays: the session drops them.
        if (frame.conversationId === session.conversationId && phase === 'online') session.applyEvent(frame.seq, frame.event);
        return;
      }
      case 'typing':
        if (frame.conversationId === session.conversationId) emit({ type: 'typing', from: frame.from, on: frame.on });
        return;
      case 'availability':
        emit({ type: 'availability', availability: frame.availability });
        return;
      case 'goaway':
        forceReconnect(`goaway: ${frame.reason}`, frame.reconnectInMs);
        return;
      case 'error':
        lastServerError = frame.error;
        emit({ type: 'error', error: toErrorInfo(frame.error) });
        return;
      case 'ping':
        write({ t: 'pong', n: frame.n });
        // Events lost on the way, even the last ones, show as a ping ahead of our cursor.
        if (typeof frame.seq === 'number' && session.cursor !== undefined && frame.seq > session.cursor) {
          session.resetCursor(frame.seq, `events up to ${frame.seq} are missing`);
        }
        return;
      case 'pong':
        return;
    }
  };

  // ------------------------------------------------------------------ socket events

  const onOpen = () => {
    if (phase === 'failed' || phase === 'idle') return;
    phase = 'handshake';
    sendHello();
  };

  const onMessage = (event: { data: unknown }) => {
    if (phase === 'failed' || phase === 'idle') return;
    onAnyFrame();
    const result = decodeServerFrame(event.data);
    if (result.kind === 'error') {
      log?.('bad frame', result.error.message);
      emit({ type: 'error', error: { code: 'invalid', message: result.error.message, retryable: false } });
      return;
    }
    if (result.kind === 'ignored') return;
    if (log && result.frame.t !== 'ping') log('←', result.frame.t === 'welcome' ? { ...result.frame, sessionToken: '[redacted]' } : result.frame);
    onFrame(result.frame);
  };

  const fail = (code: 'auth' | 'forbidden', message: string) => {
    const error = new TransportError(NAME, code, message, { retryable: false });
    stopSocket();
    phase = 'failed';
    emitStatus({ type: 'status', status: 'failed', error: errorInfoOf(error) });
    const waiter = connectWaiter;
    connectWaiter = undefined;
    waiter?.reject(error);
  };

  const onClose = (event: { code?: number; reason?: string }) => {
    clearTimer('hello');
    clearTimer('dead');
    clearTimer('check');
    pending.rejectAll(new TransportError(NAME, 'network', 'connection lost', { retryable: true }));
    if (phase === 'failed' || phase === 'idle') return;
    const code = event.code ?? 1006;
    log?.('closed', { code, reason: event.reason });
    if (code === CloseCode.AUTH) return fail('auth', lastServerError?.message ?? 'session token or identity rejected');
    if (code === CloseCode.FORBIDDEN) return fail('forbidden', lastServerError?.message ?? 'identity does not match the conversation');
    let delay = backoffDelay(attempt++, backoff);
    if (forcedDelayMs !== undefined) delay = forcedDelayMs;
    else if (code === CloseCode.RATE_LIMITED && lastServerError?.retryAfterMs !== undefined) delay = Math.max(delay, lastServerError.retryAfterMs);
    else if (code === CloseCode.TRY_LATER) delay = Math.max(delay, backoffDelay(attempt + 2, backoff));
    if (code === CloseCode.PROTOCOL) emit({ type: 'error', error: { code: 'invalid', message: event.reason || 'server reported a protocol violation', retryable: true } });
    forcedDelayMs = undefined;
    nextDelayMs = delay;
    phase = 'waiting';
    const error: TransportErrorInfo = lastServerError ? toErrorInfo(lastServerError) : { code: 'network', message: `connection closed (${code})`, retryable: true };
    lastServerError = undefined;
    emitStatus({ type: 'status', status: 'reconnecting', retryInMs: delay, error });
  };

  /** URL provider for reconnecting-websocket: it is where the jittered backoff waits. */
  const nextUrl = (owner: { rws?: ReconnectingWebSocket }) => (): Promise<string> =>
    new Promise<string>((resolve) => {
      const go = () => {
        clearTimer('retry');
        wakeWaiting = undefined;
        if (owner.rws !== rws || phase === 'failed' || phase === 'idle') return; // stale: never resolves
        phase = 'connecting';
        resolve(endpoints.ws);
      };
      if (owner.rws !== rws || phase === 'failed' || phase === 'idle') return;
      const delay = nextDelayMs ?? 0;
      nextDelayMs = undefined;
      wakeWaiting = go;
      if (delay <= 0) go();
      else timers.retry = setTimeout(go, delay);
    });

  const stopSocket = () => {
    clearAllTimers();
    wakeWaiting = undefined;
    const socket = rws;
    rws = undefined;
    if (!socket) return;
    socket.removeEventListener('open', onOpen);
    socket.removeEventListener('message', onMessage as never);
    socket.removeEventListener('close', onClose as never);
    socket.close(CloseCode.NORMAL, 'bye');
  };

  const transport: WebSocketTransport = {
    name: NAME,
    get capabilities() {
      return capabilities;
    },

    connect(context) {
      if (phase !== 'idle' && phase !== 'failed') {
        return Promise.reject(new TransportError(NAME, 'invalid', 'connect() called twice; disconnect() first', { retryable: false }));
      }
      ctx = context;
      session.restore(context.resume);
      phase = 'connecting';
      attempt = 0;
      nextDelayMs = 0;
      lastServerError = undefined;
      emitStatus({ type: 'status', status: 'connecting' });
      const owner: { rws?: ReconnectingWebSocket } = {};
      const promise = new Promise<SessionSnapshot>((resolve, reject) => {
        connectWaiter = { resolve, reject };
      });
      rws = new ReconnectingWebSocket(nextUrl(owner), SWP_SUBPROTOCOL, {
        WebSocket: sockets.WebSocket,
        maxEnqueuedMessages: 0,
        // The URL provider applies the jittered backoff; the library's own delay is off.
        minReconnectionDelay: 0,
        maxReconnectionDelay: 0,
        connectionTimeout: connectTimeoutMs,
        startClosed: false,
        debug: false,
      });
      owner.rws = rws;
      rws.addEventListener('open', onOpen);
      rws.addEventListener('message', onMessage as never);
      rws.addEventListener('close', onClose as never);
      return promise;
    },

    async disconnect() {
      const wasActive = phase !== 'idle';
      stopSocket();
      phase = 'idle';
      pending.rejectAll(new TransportError(NAME, 'closed', 'disconnected', { retryable: false }));
      const waiter = connectWaiter;
      connectWaiter = undefined;
      waiter?.reject(new TransportError(NAME, 'closed', 'disconnected before the connection was ready', { retryable: false }));
      if (wasActive) emitStatus({ type: 'status', status: 'idle' });
      await sockets.settled(2000);
    },

    on(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    snapshot: () => session.snapshot(),

    checkAlive(reason) {
      log?.('checkAlive', reason);
      if (phase === 'waiting') {
        nextDelayMs = 0;
        wakeWaiting?.();
        return;
      }
      if (phase !== 'online' || timers.check !== undefined) return;
      write({ t: 'ping', n: ++pingCounter });
      const ms = heartbeat === false ? 5000 : (heartbeat.checkTimeoutMs ?? 5000);
      timers.check = setTimeout(() => {
        timers.check = undefined;
        forceReconnect('no answer to ping', 0);
      }, ms);
    },

    async send(message: OutgoingMessage): Promise<SendReceipt> {
      const conversation = requireConversation();
      const ack = await ackOf({
        t: 'send',
        id: createId(),
        conversationId: conversation,
        clientId: message.clientId,
        ...(message.text !== undefined ? { text: message.text } : {}),
        ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ id: a.id })) } : {}),
        ...(message.action ? { action: message.action } : {}),
        ...(message.metadata ? { metadata: message.metadata } : {}),
      });
      if (ack.id === undefined || ack.createdAt === undefined) {
        throw new TransportError(NAME, 'server', 'send ack without message id', { retryable: false });
      }
      return { clientId: ack.clientId ?? message.clientId, id: ack.id, createdAt: ack.createdAt, ...(ack.seq !== undefined ? { seq: ack.seq } : {}) };
    },

    async fetchHistory(query): Promise<HistoryPage> {
      const conversation = requireConversation();
      if (query.before !== undefined && !/^\d+$/.test(query.before)) {
        throw new TransportError(NAME, 'invalid', `bad history cursor "${query.before}"`, { retryable: false });
      }
      const reply = await request({
        t: 'history',
        id: createId(),
        conversationId: conversation,
        ...(query.before !== undefined ? { before: Number(query.before) } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      if (reply.t !== 'history.page') throw new TransportError(NAME, 'server', 'unexpected reply to history', { retryable: false });
      return {
        messages: reply.messages.map(toIncomingMessage),
        hasMore: reply.hasMore,
        ...(reply.before !== undefined ? { before: String(reply.before) } : {}),
      };
    },

    upload(file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<AttachmentRef> {
      return uploadFile({
        transport: NAME,
        httpBase: endpoints.http,
        token: session.token,
        conversationId: session.conversationId,
        file,
        ...opts,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },

    setTyping: createTypingThrottle((on) => {
      const conversationId = session.conversationId;
      if (phase === 'online' && conversationId !== undefined) write({ t: 'typing', conversationId, on });
    }),

    async markRead(upToSeq) {
      await ackOf({ t: 'read', id: createId(), conversationId: requireConversation(), upTo: upToSeq });
    },

    async requestHandoff(req = {}) {
      await ackOf({
        t: 'handoff.request',
        id: createId(),
        conversationId: requireConversation(),
        ...(req.reason !== undefined ? { reason: req.reason } : {}),
        ...(req.topic !== undefined ? { topic: req.topic } : {}),
      });
    },

    async submitVerification(challengeId, code): Promise<VerificationResult> {
      requireConversation();
      const ack = await ackOf({ t: 'verify.submit', id: createId(), challengeId, code });
      return ack.result ?? 'ok';
    },

    async closeConversation() {
      await ackOf({ t: 'close', id: createId(), conversationId: requireConversation() });
    },

    async rate(score, comment) {
      await ackOf({
        t: 'rate',
        id: createId(),
        conversationId: requireConversation(),
        score,
        ...(comment !== undefined ? { comment } : {}),
      });
    },
  };
  return transport;
}
