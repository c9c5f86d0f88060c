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
  return new LivenessMachine(options, hooks);
}

/** Named one-shot timers; a fired timer forgets itself. */
class Timers {
  private readonly map = new Map<TimerName, ReturnType<typeof setTimeout>>();
  get names(): TimerName[] {
    return [...this.map.keys()];
  }
  has(name: TimerName): boolean {
    return this.map.has(name);
  }
  arm(name: TimerName, ms: number, fire: () => void): void {
    this.clear(name);
    this.map.set(
      name,
      setTimeout(() => {
        this.map.delete(name);
        fire();
      }, ms),
    );
  }
  clear(...names: TimerName[]): void {
    for (const name of names) {
      const timer = this.map.get(name);
      if (timer !== undefined) clearTimeout(timer);
      this.map.delete(name);
    }
  }
  clearAll(): void {
    this.clear(...this.map.keys());
  }
}

class LivenessMachine implements Liveness {
  phase: LinkPhase = 'idle';
  private readonly timers = new Timers();
  private attempt = 0;
  private heartbeatMs = 0;
  private pings = 0;
  private nextDelayMs: number | undefined;
  private forcedDelayMs: number | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: LivenessOptions,
    private readonly hooks: LivenessHooks,
  ) {}

  get active(): boolean {
    return this.phase !== 'idle' && this.phase !== 'failed';
  }
  get armed(): TimerName[] {
    return this.timers.names;
  }

  start(): void {
    this.halt('idle');
    this.phase = 'connecting';
    this.attempt = 0;
    this.nextDelayMs = 0;
    this.forcedDelayMs = undefined;
  }
  opened(): boolean {
    if (!this.active) return false;
    this.phase = 'handshake';
    this.timers.arm('hello', this.options.connectTimeoutMs, () => this.reconnect('no welcome in time'));
    return true;
  }
  welcomed(heartbeatMs: number): void {
    this.timers.clear('hello');
    this.heartbeatMs = heartbeatMs;
    this.attempt = 0;
    this.phase = 'online';
    this.armSilence();
  }
  heard(): void {
    this.timers.clear('check');
    this.armSilence();
  }
  reconnect(reason: string, delayMs?: number): void {
    if (!this.active) return;
    this.forcedDelayMs = delayMs;
    this.hooks.drop(reason);
  }
  closed(code: number, retryAfterMs?: number): number | undefined {
    this.timers.clear('hello', 'silence', 'check');
    if (!this.active) return undefined;
    const delay = this.delayAfterClose(code, retryAfterMs);
    this.forcedDelayMs = undefined;
    this.nextDelayMs = delay;
    this.phase = 'waiting';
    return delay;
  }
  dial(isCurrent: () => boolean, go: () => void): void {
    if (!isCurrent() || !this.active) return;
    const delay = this.nextDelayMs ?? 0;
    this.nextDelayMs = undefined;
    const fire = () => {
      this.timers.clear('retry');
      this.wake = undefined;
      if (!isCurrent() || !this.active) return;
      this.phase = 'connecting';
      go();
    };
    this.wake = fire;
    if (delay <= 0) fire();
    else this.timers.arm('retry', delay, fire);
  }
  checkAlive(): void {
    if (this.phase === 'waiting') {
      this.nextDelayMs = 0;
      this.wake?.();
      return;
    }
    if (this.phase !== 'online' || this.timers.has('check')) return;
    this.hooks.ping(++this.pings);
    const { heartbeat } = this.options;
    const ms = heartbeat === false ? 5000 : (heartbeat.checkTimeoutMs ?? 5000);
    this.timers.arm('check', ms, () => this.reconnect('no answer to ping', 0));
  }
  fail(): void {
    this.halt('failed');
  }
  stop(): void {
    this.halt('idle');
  }

  private halt(next: 'idle' | 'failed'): void {
    this.timers.clearAll();
    this.wake = undefined;
    this.phase = next;
  }
  private armSilence(): void {
    this.timers.clear('silence');
    const { heartbeat } = this.options;
    const ms = heartbeat === false ? 0 : (heartbeat.deadAfterMs ?? 2 * this.heartbeatMs);
    if (ms > 0 && this.phase === 'online') this.timers.arm('silence', ms, () => this.reconnect('heartbeat timeout'));
  }
  private delayAfterClose(code: number, retryAfterMs: number | undefined): number {
    const { backoff, random } = this.options;
    const delay = backoffDelay(this.attempt++, backoff, random);
    if (this.forcedDelayMs !== undefined) return this.forcedDelayMs;
    if (code === CloseCode.RATE_LIMITED && retryAfterMs !== undefined) return Math.max(delay, retryAfterMs);
    // An overloaded server gets a longer pause than a plain drop.
    if (code === CloseCode.TRY_LATER) return Math.max(delay, backoffDelay(this.attempt + 2, backoff, random));
    return delay;
  }
}
