/**
 * The socket side of the WebSocket transport: one re-dialling socket (./redial) per `connect()`,
 * whose URL provider is where the liveness machine's backoff waits; frames in and out; requests
 * waiting for their ack. `disconnect()` resolves once every socket it opened has closed.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { Capabilities } from '../../core/model';
import {
  withProfile,
  type ConnectContext,
  type IdentitySignature,
  type ProfileUpdate,
  type SessionSnapshot,
  type TransportErrorInfo,
  type TransportEvent,
} from '../../core/transport';
import type { BackoffOptions } from './backoff';
import { SWP_DEFAULT_CAPABILITIES } from './capabilities';
import { decodeServerFrame } from './decode';
import { CloseCode, DEFAULT_LIMITS, type AckFrame, type ClientFrame, type HistoryPageFrame } from './frames';
import { createLiveness, type Liveness, type LivenessOptions } from './liveness';
import { errorInfoOf, toErrorInfo } from './map';
import { createPendingRequests } from './pending';
import { redial, type Redial } from './redial';
import type { SwpSession } from './session';
import { createSocketRegistry, type WebSocketConstructor } from './socket';
import { createWsFrameHandler, type WsFrameHandler } from './ws-frames';

/** Close code the client uses when it drops a socket it considers dead or stale. */
const CLIENT_RECONNECT = 4000;
/** How long `disconnect()` waits for the close handshakes of its sockets, ms. */
const CLOSE_WAIT_MS = 2000;

const encoder = new TextEncoder();
const byteLength = (text: string) => (text.length * 3 <= DEFAULT_LIMITS.maxFrameBytes ? text.length : encoder.encode(text).length);
/** The server closes the socket (1009) on an oversized frame; a retry would loop, so such a frame is refused here. */
const tooLarge = (frame: ClientFrame) => byteLength(JSON.stringify(frame)) > DEFAULT_LIMITS.maxFrameBytes;

/** Settings of {@link createWsLink}, already validated. */
export interface WsLinkSettings extends Omit<LivenessOptions, 'backoff'> {
  name: string;
  url: string;
  WebSocket: WebSocketConstructor;
  ackTimeoutMs: number;
  backoff: BackoffOptions;
  log: ((message: string, data?: unknown) => void) | undefined;
}

/** The connection of one WebSocket transport. */
export interface WsLink {
  readonly liveness: Liveness;
  readonly capabilities: Capabilities;
  connect(ctx: ConnectContext): Promise<SessionSnapshot>;
  disconnect(): Promise<void>;
  /** Writes a frame when a socket is open (no queueing: SWP never replays user frames). */
  write(frame: ClientFrame): void;
  /** Sends a request and waits for its ack / nack / history.page; rejects at once when not online. */
  request(frame: ClientFrame & { id: string }): Promise<AckFrame | HistoryPageFrame>;
  notConnected(): TransportError;
  /** A fresh identity signature: every later hello carries it. */
  setIdentity(identity: IdentitySignature): void;
  /** A change of profile or language: every later hello carries it. */
  setProfile(update: ProfileUpdate): void;
}

const notConnectedError = (name: string) => new TransportError(name, 'network', 'not connected', { retryable: true });
const tooLargeError = (name: string) =>
  new TransportError(name, 'too_large', `frame larger than ${DEFAULT_LIMITS.maxFrameBytes} bytes`, { retryable: false });

type Waiter = { resolve(s: SessionSnapshot): void; reject(e: TransportError): void };

/** Holds a value until it is taken. */
function slot<T>() {
  let value: T | undefined;
  return {
    set: (next: T) => void (value = next),
    take(): T | undefined {
      const taken = value;
      value = undefined;
      return taken;
    },
  };
}

/** Creates the link; `emit` receives the status and protocol events. */
export function createWsLink(settings: WsLinkSettings, session: SwpSession, emit: (event: TransportEvent) => void): WsLink {
  const { name, log } = settings;
  const sockets = createSocketRegistry(settings.WebSocket);
  const pending = createPendingRequests(name, settings.ackTimeoutMs);
  let capabilities: Capabilities = { ...SWP_DEFAULT_CAPABILITIES };
  let rws: Redial | undefined;
  let ctx: ConnectContext | undefined;
  /** The pending `connect()`: settled once, by the first welcome, a refusal or `disconnect()`. */
  const waiter = slot<Waiter>();
  const write = (frame: ClientFrame) => {
    if (log) log('→', frame.t === 'hello' ? { ...frame, token: frame.token ? '[redacted]' : undefined } : frame);
    rws?.send(JSON.stringify(frame));
  };
  const drop = (reason: string) => (log?.('reconnect', reason), rws?.reconnect(CLIENT_RECONNECT, 'reconnect'));
  const liveness = createLiveness(settings, { drop, ping: (n) => write({ t: 'ping', n }) });
  const frames: WsFrameHandler = createWsFrameHandler({
    session,
    liveness,
    pending,
    emit,
    write,
    log,
    setCapabilities: (c) => (capabilities = { ...SWP_DEFAULT_CAPABILITIES, ...c }),
    ready: () => (emit({ type: 'status', status: 'online' }), waiter.take()?.resolve(session.snapshot())),
  });
  const handlers = socketHandlers({
    name,
    liveness,
    frames,
    pending,
    emit,
    log,
    hello: () => ctx && frames.hello(ctx),
    fail: (code, message) => fail(code, message),
  });

  const stopSocket = () => {
    // For good: no listener hears this close, no re-dial follows.
    rws?.close(CloseCode.NORMAL, 'bye');
    rws = undefined;
  };
  const fail = (code: 'auth' | 'forbidden', message: string) => {
    const error = new TransportError(name, code, message, { retryable: false });
    liveness.fail();
    stopSocket();
    emit({ type: 'status', status: 'failed', error: errorInfoOf(error) });
    waiter.take()?.reject(error);
  };
  const notConnected = () => notConnectedError(name);

  return {
    liveness,
    get capabilities() {
      return capabilities;
    },
    write,
    notConnected,
    setIdentity(identity) {
      if (ctx) ctx = { ...ctx, user: { ...ctx.user, ...identity } };
    },
    setProfile(update) {
      if (ctx) ctx = withProfile(ctx, update);
    },
    request: (frame) => sendRequest(frame, { liveness, pending, write, name }),
    connect(context) {
      if (liveness.active)
        return Promise.reject(new TransportError(name, 'invalid', 'connect() called twice; disconnect() first', { retryable: false }));
      ctx = context;
      session.restore(context.resume);
      liveness.start();
      emit({ type: 'status', status: 'connecting' });
      const promise = new Promise<SessionSnapshot>((resolve, reject) => waiter.set({ resolve, reject }));
      const owner: { rws?: Redial } = {};
      const nextUrl = urlProvider(liveness, settings.url, () => owner.rws !== undefined && owner.rws === rws);
      // Dials on the next microtask, so `owner.rws` is set before the provider first runs.
      rws = redial(nextUrl, sockets.WebSocket, settings.connectTimeoutMs, handlers);
      owner.rws = rws;
      return promise;
    },
    async disconnect() {
      const wasActive = liveness.phase !== 'idle';
      liveness.stop();
      stopSocket();
      pending.rejectAll(new TransportError(name, 'closed', 'disconnected', { retryable: false }));
      waiter.take()?.reject(new TransportError(name, 'closed', 'disconnected before the connection was ready', { retryable: false }));
      if (wasActive) emit({ type: 'status', status: 'idle' });
      await sockets.settled(CLOSE_WAIT_MS);
    },
  };
}

/** The URL provider of one `connect()`: where the jittered backoff waits; a stale one never resolves. */
function urlProvider(liveness: Liveness, url: string, current: () => boolean): () => Promise<string> {
  return () => new Promise<string>((resolve) => liveness.dial(current, () => resolve(url)));
}

/** Sends a request frame and waits for its answer; refuses at once when not online or too large. */
function sendRequest(
  frame: ClientFrame & { id: string },
  link: { liveness: Liveness; pending: ReturnType<typeof createPendingRequests>; write(frame: ClientFrame): void; name: string },
): Promise<AckFrame | HistoryPageFrame> {
  if (link.liveness.phase !== 'online') return Promise.reject(notConnectedError(link.name));
  if (tooLarge(frame)) return Promise.reject(tooLargeError(link.name));
  const reply = link.pending.add(frame.id);
  link.write(frame);
  return reply;
}

interface HandlerDeps {
  name: string;
  liveness: Liveness;
  frames: WsFrameHandler;
  pending: ReturnType<typeof createPendingRequests>;
  emit(event: TransportEvent): void;
  log: WsLinkSettings['log'];
  hello(): void;
  fail(code: 'auth' | 'forbidden', message: string): void;
}

/** The socket's open / message / close listeners. */
function socketHandlers(deps: HandlerDeps) {
  const { name, liveness, frames, pending, emit, log } = deps;
  const open = () => {
    if (liveness.opened()) deps.hello();
  };
  const message = (event: { data: unknown }) => {
    if (!liveness.active) return;
    liveness.heard();
    const result = decodeServerFrame(event.data);
    if (result.kind === 'error') {
      log?.('bad frame', result.error.message);
      emit({ type: 'error', error: { code: 'invalid', message: result.error.message, retryable: false } });
      return;
    }
    if (result.kind === 'ignored') return;
    if (log && result.frame.t !== 'ping')
      log('←', result.frame.t === 'welcome' ? { ...result.frame, sessionToken: '[redacted]' } : result.frame);
    frames.handle(result.frame);
  };
  const close = (event: { code?: number; reason?: string }) => {
    pending.rejectAll(new TransportError(name, 'network', 'connection lost', { retryable: true }));
    const serverError = frames.takeServerError();
    if (!liveness.active) return void liveness.closed(1000);
    const code = event.code ?? 1006;
    log?.('closed', { code, reason: event.reason });
    if (code === CloseCode.AUTH) return deps.fail('auth', serverError?.message ?? 'session token or identity rejected');
    if (code === CloseCode.FORBIDDEN) return deps.fail('forbidden', serverError?.message ?? 'identity does not match the conversation');
    if (code === CloseCode.PROTOCOL)
      emit({ type: 'error', error: { code: 'invalid', message: event.reason || 'server reported a protocol violation', retryable: true } });
    const delay = liveness.closed(code, serverError?.retryAfterMs) ?? 0;
    const error: TransportErrorInfo = serverError
      ? toErrorInfo(serverError)
      : { code: 'network', message: `connection closed (${code})`, retryable: true };
    emit({ type: 'status', status: 'reconnecting', retryInMs: delay, error });
  };
  return { open, message, close };
}
