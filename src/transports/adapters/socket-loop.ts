/**
 * A reconnecting WebSocket for the third-party adapters (Chatwoot's ActionCable, Rasa's
 * Socket.IO): one socket at a time, re-dialled with the SDK's backoff after every close until
 * `stop()`. It keeps no queue: `send` on a closed socket returns false and the caller decides.
 * @module
 */
import { backoffCurve, type BackoffOptions } from '../../core/backoff';
import { createSocketRegistry, type WebSocketConstructor, type WebSocketLike } from '../swp/socket';

/** What the owner hears about the current socket (never about an old one). */
export interface SocketLoopHandlers {
  open(): void;
  message(text: string): void;
  /** The socket is gone; `retryInMs` is the wait before the next dial (undefined when halted). */
  down(reason: string, retryInMs: number | undefined): void;
}

export interface SocketLoopSettings {
  /** The URL of each dial (may change between dials, e.g. a new token). */
  url(): string;
  protocols?: string | string[];
  WebSocket: WebSocketConstructor;
  backoff: BackoffOptions;
  /** A socket not open within this time is closed and re-dialled, ms. */
  openTimeoutMs: number;
}

export interface SocketLoop {
  /** Dials now (no-op while a socket is open or a dial is pending). */
  start(): void;
  /** Sends on the open socket; false when there is none. */
  send(text: string): boolean;
  /** Closes the current socket (reported as down) and re-dials after the backoff. */
  drop(reason: string): void;
  /** Skips a pending backoff wait and dials at once. */
  redialNow(): void;
  /** Closes and stops re-dialling until `start()` is called again (an auth refusal). */
  halt(reason: string): void;
  /** Closes for good; resolves once the socket has closed (capped). */
  stop(): Promise<void>;
  /** The session on this socket is really up: the next drop starts the backoff afresh. */
  succeeded(): void;
  readonly isOpen: boolean;
}

const OPEN = 1;

export function createSocketLoop(settings: SocketLoopSettings, on: SocketLoopHandlers): SocketLoop {
  const registry = createSocketRegistry(settings.WebSocket);
  let socket: WebSocketLike | undefined;
  let open = false;
  let attempt = 0;
  let halted = true;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;

  const shut = (s: WebSocketLike) => {
    try {
      if (s.readyState <= OPEN) s.close(1000, 'client');
    } catch {}
  };
  const lost = (s: WebSocketLike, reason: string) => {
    if (s !== socket) return;
    clearTimeout(openTimer);
    socket = undefined;
    open = false;
    shut(s);
    if (halted) return on.down(reason, undefined);
    const wait = backoffCurve(attempt++, settings.backoff);
    on.down(reason, wait);
    waitTimer = setTimeout(dial, wait);
  };
  function dial(): void {
    waitTimer = undefined;
    if (halted || socket) return;
    let s: WebSocketLike;
    try {
      s = new registry.WebSocket(settings.url(), settings.protocols);
    } catch {
      const wait = backoffCurve(attempt++, settings.backoff);
      on.down('cannot open', wait);
      waitTimer = setTimeout(dial, wait);
      return;
    }
    socket = s;
    openTimer = setTimeout(() => lost(s, 'open timeout'), settings.openTimeoutMs);
    s.addEventListener('open', () => {
      if (s !== socket) return shut(s);
      clearTimeout(openTimer);
      open = true;
      on.open();
    });
    s.addEventListener('message', (event: { data: unknown }) => {
      if (s === socket) on.message(typeof event.data === 'string' ? event.data : String(event.data));
    });
    s.addEventListener('close', () => lost(s, 'closed'));
    s.addEventListener('error', () => lost(s, 'error'));
  }
  return {
    get isOpen() {
      return open;
    },
    start() {
      halted = false;
      if (!socket && waitTimer === undefined) dial();
    },
    send(text) {
      if (!socket || !open) return false;
      try {
        socket.send(text);
        return true;
      } catch {
        return false;
      }
    },
    drop(reason) {
      if (socket) lost(socket, reason);
    },
    redialNow() {
      if (halted || socket) return;
      clearTimeout(waitTimer);
      dial();
    },
    succeeded() {
      attempt = 0;
    },
    halt(reason) {
      halted = true;
      clearTimeout(waitTimer);
      waitTimer = undefined;
      if (socket) lost(socket, reason);
    },
    async stop() {
      halted = true;
      clearTimeout(waitTimer);
      clearTimeout(openTimer);
      const s = socket;
      socket = undefined;
      open = false;
      if (s) shut(s);
      await registry.settled(2000);
    },
  };
}
