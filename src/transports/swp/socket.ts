/**
 * The minimal WebSocket surface the SWP/1 transport needs, and a registry that wraps any WebSocket
 * class so `disconnect()` can wait for its sockets and no `error` ever goes unheard.
 * @module
 */

/** The subset of a WebSocket used here (browser `WebSocket` and Node's `ws` both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
}

/** A WebSocket constructor: the browser global, or `ws`'s `WebSocket` in Node. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Tracks the sockets a transport created, so `disconnect()` can wait until all are closed. */
export interface SocketRegistry {
  /** A subclass of `Base` that registers every instance and never leaves an `error` event unheard. */
  readonly WebSocket: WebSocketConstructor;
  /** Sockets not closed yet. */
  readonly live: ReadonlySet<WebSocketLike>;
  /** Resolves once every live socket has closed, or after `capMs`. */
  settled(capMs: number): Promise<void>;
}

/**
 * Wraps `Base`. Node's `ws` throws on an `error` nobody listens to (it emits one for a socket
 * closed while connecting); a permanent no-op `error` listener makes sure one is always there,
 * whatever the re-dialler does, and a `close` listener keeps the registry exact.
 */
export function createSocketRegistry(Base: WebSocketConstructor): SocketRegistry {
  const live = new Set<WebSocketLike>();
  const waiters = new Set<() => void>();
  const release = (socket: WebSocketLike) => {
    if (!live.delete(socket) || live.size > 0) return;
    for (const wake of [...waiters]) wake();
  };
  // A class expression extending a runtime value: the statics (CONNECTING, OPEN, CLOSING, CLOSED)
  // are inherited, so the wrapped class still looks like a WebSocket class.
  const Guarded = class extends (Base as new (url: string, protocols?: string | string[]) => WebSocketLike) {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      live.add(this);
      this.addEventListener('error', () => undefined);
      this.addEventListener('close', () => release(this));
    }
  };
  return {
    WebSocket: Guarded,
    live,
    settled(capMs) {
      if (live.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, capMs);
        waiters.add(wake);
      });
    },
  };
}
