/**
 * The connection/liveness state machine of the WebSocket transport, apart from any socket:
 *
 * ```text
 * idle ─start→ connecting ─opened→ handshake ─welcomed→ online
 *   ↑              ↑                   │                 │ silence, unanswered ping, goaway
 *   │              └──dial (backoff)── waiting ←─closed──┘ (also from connecting/handshake)
 *   └─stop (any)          failed ←─fail (auth/forbidden)
 * ```
 *
 * It owns every timer of a connection: the welcome deadline, the silence (heartbeat) timer, the
 * `checkAlive` ping deadline and the backoff wait. Once stopped or failed, no timer is left and
 * no dial goes through, so nothing can open a socket after `disconnect()`.
 * @module
 */
import { backoffDelay, type BackoffOptions } from './backoff';
import { CloseCode } from './frames';

/** Where a connection stands. */
export type LinkPhase = 'idle' | 'connecting' | 'handshake' | 'online' | 'waiting' | 'failed';

/** Settings of {@link createLiveness}. */
export interface LivenessOptions {
  /** Time allowed from socket open to `welcome`, ms. */
  connectTimeoutMs: number;
  /** Silence limit and ping deadline; `false`: no silence timer. */
  heartbeat: { deadAfterMs?: number; checkTimeoutMs?: number } | false;
  backoff?: BackoffOptions;
  random?: () => number;
}

/** What the machine asks of the socket layer. */
export interface LivenessHooks {
  /** Drop the current socket; its close comes back through {@link Liveness.closed}. */
  drop(reason: string): void;
  /** Send ping number `n`. */
  ping(n: number): void;
}

/** The state machine of one transport (reused across `connect()` calls). */
export interface Liveness {
  readonly phase: LinkPhase;
  /** True between `start()` and `stop()`/`fail()`. */
  readonly active: boolean;
  /** `connect()`: the first dial goes at once. */
  start(): void;
  /** The socket opened; returns false when the connection is no longer wanted. */
  opened(): boolean;
  /** The welcome arrived: online; the silence limit follows the server's heartbeat. */
  welcomed(heartbeatMs: number): void;
  /** Any frame arrived: the link is alive. */
  heard(): void;
  /** Drop the socket and reconnect, after `delayMs` instead of the backoff when given. */
  reconnect(reason: string, delayMs?: number): void;
  /**
   * The socket closed with `code`; `retryAfterMs` is what the server asked for. Returns the
   * delay before the next dial (phase `waiting`), or undefined when inactive.
   */
  closed(code: number, retryAfterMs?: number): number | undefined;
  /** Dials after the pending delay: `go` runs (phase `connecting`) unless stopped or `isCurrent()` turns false first. */
  dial(isCurrent: () => boolean, go: () => void): void;
  /** Pings when online (reconnecting when unanswered); dials at once when waiting. */
  checkAlive(): void;
  /** Auth/forbidden refusal: phase `failed`, timers off. */
  fail(): void;
  /** `disconnect()`: phase `idle`, timers off, pending dial dropped. */
  stop(): void;
  /** Timers armed now (for tests and hygiene checks). */
  readonly armed: ReadonlyArray<'hello' | 'silence' | 'check' | 'retry'>;
}

type TimerName = 'hello' | 'silence' | 'check' | 'retry';

/** Creates the machine; `hooks` act on the socket. */
export function createLiveness(options: LivenessOptions, hooks: LivenessHooks): Liveness {
  const { heartbeat } = options;
  const timers = new Map<TimerName, ReturnType<typeof setTimeout>>();
  let phase: LinkPhase = 'idle';
  let attempt = 0;
  let heartbeatMs = 0;
  let pings = 0;
  let nextDelayMs: number | undefined;
  let forcedDelayMs: number | undefined;
  let wake: (() => void) | undefined;

  const active = () => phase !== 'idle' && phase !== 'failed';
  const clear = (name: TimerName) => {
    const timer = timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(name);
  };
  const arm = (name: TimerName, ms: number, fire: () => void) => {
    clear(name);
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        fire();
      }, ms),
    );
  };
  const halt = (next: 'idle' | 'failed') => {
    for (const name of [...timers.keys()]) clear(name);
    wake = undefined;
    phase = next;
  };
  const silenceLimit = () => (heartbeat === false ? 0 : (heartbeat.deadAfterMs ?? 2 * heartbeatMs));
  const armSilence = () => {
    clear('silence');
    const ms = silenceLimit();
    if (ms > 0 && phase === 'online') arm('silence', ms, () => machine.reconnect('heartbeat timeout'));
  };
  const delayAfterClose = (code: number, retryAfterMs: number | undefined): number => {
    const backoff = backoffDelay(attempt++, options.backoff, options.random);
    if (forcedDelayMs !== undefined) return forcedDelayMs;
    if (code === CloseCode.RATE_LIMITED && retryAfterMs !== undefined) return Math.max(backoff, retryAfterMs);
    // An overloaded server gets a longer pause than a plain drop.
    if (code === CloseCode.TRY_LATER) return Math.max(backoff, backoffDelay(attempt + 2, options.backoff, options.random));
    return backoff;
  };

  const machine: Liveness = {
    get phase() {
      return phase;
    },
    get active() {
      return active();
    },
    get armed() {
      return [...timers.keys()];
    },
    start() {
      halt('idle');
      phase = 'connecting';
      attempt = 0;
      nextDelayMs = 0;
      forcedDelayMs = undefined;
    },
    opened() {
      if (!active()) return false;
      phase = 'handshake';
      arm('hello', options.connectTimeoutMs, () => machine.reconnect('no welcome in time'));
      return true;
    },
    welcomed(ms) {
      clear('hello');
      heartbeatMs = ms;
      attempt = 0;
      phase = 'online';
      armSilence();
    },
    heard() {
      clear('check');
      armSilence();
    },
    reconnect(reason, delayMs) {
      if (!active()) return;
      forcedDelayMs = delayMs;
      hooks.drop(reason);
    },
    closed(code, retryAfterMs) {
      for (const name of ['hello', 'silence', 'check'] as const) clear(name);
      if (!active()) return undefined;
      const delay = delayAfterClose(code, retryAfterMs);
      forcedDelayMs = undefined;
      nextDelayMs = delay;
      phase = 'waiting';
      return delay;
    },
    dial(isCurrent, go) {
      if (!isCurrent() || !active()) return;
      const delay = nextDelayMs ?? 0;
      nextDelayMs = undefined;
      const fire = () => {
        clear('retry');
        wake = undefined;
        if (!isCurrent() || !active()) return;
        phase = 'connecting';
        go();
      };
      wake = fire;
      if (delay <= 0) fire();
      else arm('retry', delay, fire);
    },
    checkAlive() {
      if (phase === 'waiting') {
        nextDelayMs = 0;
        wake?.();
        return;
      }
      if (phase !== 'online' || timers.has('check')) return;
      hooks.ping(++pings);
      const ms = heartbeat === false ? 5000 : (heartbeat.checkTimeoutMs ?? 5000);
      arm('check', ms, () => machine.reconnect('no answer to ping', 0));
    },
    fail: () => halt('failed'),
    stop: () => halt('idle'),
  };
  return machine;
}
