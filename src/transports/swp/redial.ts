/**
 * One re-dialling socket per `connect()`: every dial asks `nextUrl()` first (where the liveness
 * machine waits out its backoff), then opens `new WebSocket(url, SWP_SUBPROTOCOL)`. It keeps no
 * delays, no queue and no retry count of its own; it only dials again after a close.
 * @module
 */
import { SWP_SUBPROTOCOL } from './frames';
import type { WebSocketConstructor, WebSocketLike } from './socket';

/** What the owner hears; only the current socket is heard, and nothing after `close()`. */
export interface RedialListeners {
  open(): void;
  message(event: { data: unknown }): void;
  close(event: { code?: number; reason?: string }): void;
}

/** The re-dialling socket. */
export interface Redial {
  /** The current socket's state; CONNECTING while a dial waits, CLOSED once closed for good. */
  readonly readyState: number;
  /** Sends when the current socket is open; drops the data otherwise (no queue). */
  send(data: string): void;
  /** Closes the current socket with `code` (its listener hears that close) and dials again. */
  reconnect(code: number, reason: string): void;
  /** Stops for good: no listener hears this close and nothing is dialled any more. */
  close(code: number, reason: string): void;
}

const [CONNECTING, OPEN, CLOSED] = [0, 1, 3];
/** Reported for a socket that errored or did not open in time (never sent on the wire). */
const ABNORMAL = 1006;

/** Closes `socket` unless it is closing already; an implementation refusing a close while connecting is closed on open. */
function shut(socket: WebSocketLike, code?: number, reason?: string): void {
  if (socket.readyState > OPEN) return;
  // When it throws (closing while connecting), the `open` listener closes any socket that is not current.
  try {
    socket.close(code, reason);
  } catch {}
}

/**
 * Starts dialling on the next microtask (so the caller can keep the returned object before
 * `nextUrl` first runs). A socket not open within `connectTimeoutMs` is closed, reported as a
 * close (1006) and re-dialled; so is a socket that reports an error.
 */
export function redial(
  nextUrl: () => Promise<string>,
  WebSocket: WebSocketConstructor,
  connectTimeoutMs: number,
  on: RedialListeners,
): Redial {
  let socket: WebSocketLike | undefined;
  let stopped = false;
  let dialing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** `s` is gone: tell the owner (when it was current) and dial again. */
  const lost = (s: WebSocketLike, code: number, reason: string) => {
    if (s !== socket || stopped) return;
    clearTimeout(timer);
    socket = undefined;
    on.close({ code, reason });
    dial();
  };
  const open = (url: string) => {
    dialing = false;
    if (stopped) return;
    let s: WebSocketLike;
    try {
      s = new WebSocket(url, SWP_SUBPROTOCOL);
    } catch {
      on.close({ code: ABNORMAL, reason: 'cannot open' });
      return dial();
    }
    socket = s;
    timer = setTimeout(() => (shut(s), lost(s, ABNORMAL, 'connect timeout')), connectTimeoutMs);
    s.addEventListener('open', () => {
      if (s !== socket) return shut(s);
      clearTimeout(timer);
      on.open();
    });
    s.addEventListener('message', (event: { data: unknown }) => {
      if (s === socket && !stopped) on.message(event);
    });
    s.addEventListener('close', (event: { code?: number; reason?: string }) => lost(s, event.code ?? ABNORMAL, event.reason ?? ''));
    s.addEventListener('error', () => (shut(s), lost(s, ABNORMAL, '')));
  };
  const dial = () => {
    if (stopped || dialing) return;
    dialing = true;
    nextUrl().then(open, () => void (dialing = false));
  };
  void Promise.resolve().then(dial);

  return {
    get readyState() {
      return socket ? socket.readyState : stopped ? CLOSED : CONNECTING;
    },
    send(data) {
      if (socket?.readyState === OPEN) socket.send(data);
    },
    reconnect(code, reason) {
      const s = socket;
      // No socket: a dial is already on its way.
      if (stopped || !s) return;
      shut(s, code, reason);
      lost(s, code, reason);
    },
    close(code, reason) {
      stopped = true;
      clearTimeout(timer);
      const s = socket;
      socket = undefined;
      if (s) shut(s, code, reason);
    },
  };
}
