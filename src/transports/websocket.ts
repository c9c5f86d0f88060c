/**
 * `createWebSocketTransport`: the SWP/1 client over WebSocket (re-dialled by swp/redial), the
 * recommended transport for the reference server and compatible backends.
 *
 * Connection life: `connect` → socket open → `hello` → `welcome` (status `online`); on a drop it
 * reconnects with jittered exponential backoff, re-sends `hello` with the latest token and cursor,
 * and the server replays missed events (or the transport emits `resync`). It never replays user
 * messages itself: `send` rejects with a retryable error while offline and the SDK outbox retries.
 * @module
 */
import { OptionError } from '../core/errors';
import type { LivenessReason, Transport } from '../core/transport';
import type { BackoffOptions } from './swp/backoff';
import { SWP_DEFAULT_CAPABILITIES } from './swp/capabilities';
import { createSwpCommands } from './swp/commands';
import { createTransportListeners } from './swp/listeners';
import { positiveOption } from './swp/options';
import { createSwpSession } from './swp/session';
import type { WebSocketConstructor } from './swp/socket';
import { createTypingThrottle } from './swp/typing-throttle';
import { resolveEndpoints } from './swp/url';
import { createWsCarrier } from './swp/ws-carrier';
import { createWsLink, type WsLinkSettings } from './swp/ws-link';
import { wsSessionEnd } from './swp/ws-session-end';

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

/** Validates the options; throws `OptionError`. */
function linkSettings(options: WebSocketTransportOptions, wsUrl: string): WsLinkSettings {
  const Base = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof Base !== 'function')
    throw new OptionError('WebSocket', 'no global WebSocket here: pass a WebSocket constructor (e.g. from the "ws" package)');
  return {
    name: NAME,
    url: wsUrl,
    WebSocket: Base,
    connectTimeoutMs: positiveOption('connectTimeoutMs', options.connectTimeoutMs, 10_000),
    ackTimeoutMs: positiveOption('ackTimeoutMs', options.ackTimeoutMs, 10_000),
    heartbeat: options.heartbeat === false ? false : (options.heartbeat ?? {}),
    backoff: options.reconnect ?? {},
    log:
      options.debug === true
        ? (m: string, d?: unknown) => console.debug(`[support-chat:${NAME}] ${m}`, d ?? '')
        : options.debug || undefined,
  };
}

/**
 * Creates the SWP/1 WebSocket transport. Throws `OptionError` for a bad option.
 *
 * `connect()` resolves with the session on the first `welcome`; network failures before that are
 * retried (status `reconnecting`), so it rejects only on an auth/forbidden refusal (status
 * `failed`) or when `disconnect()` is called first.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const endpoints = resolveEndpoints('url', options.url);
  const settings = linkSettings(options, endpoints.ws);
  const { log } = settings;
  const listeners = createTransportListeners((error) => log?.('listener threw', error), true);
  const session = createSwpSession(listeners.emit);
  const link = createWsLink(settings, session, listeners.emit);
  const carrier = createWsCarrier(link, session, endpoints.http, options.fetch);

  return {
    name: NAME,
    get capabilities() {
      return link.capabilities;
    },
    connect: (context) => link.connect(context),
    disconnect: () => link.disconnect(),
    on: (listener) => listeners.on(listener),
    snapshot: () => session.snapshot(),
    checkAlive(reason?: LivenessReason) {
      log?.('checkAlive', reason);
      link.liveness.checkAlive();
    },
    ...createSwpCommands(carrier),
    setTyping: createTypingThrottle((on) => carrier.typing(on)),
    ...wsSessionEnd(link, session, { name: NAME, httpBase: endpoints.http, fetch: options.fetch, timeoutMs: settings.ackTimeoutMs }),
  };
}
