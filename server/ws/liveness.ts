/**
 * Connection liveness helpers: heartbeats and a per-connection frame-rate window (used only before
 * a connection says who it is; after that the shared windows of server/limits count its frames).
 * @module
 */

/** Sends `ping` every interval and gives up after two intervals without any inbound frame. */
export class Heartbeat {
  private n = 0;
  private last = Date.now();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(intervalMs: number, ping: (n: number) => void, dead: () => void) {
    this.timer = setInterval(() => {
      if (Date.now() - this.last > 2 * intervalMs) {
        this.stop();
        dead();
        return;
      }
      ping(++this.n);
    }, intervalMs);
    this.timer.unref?.();
  }

  /** Any inbound frame proves the peer alive. */
  seen(): void {
    this.last = Date.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Fixed-window frame counter of one connection. */
export class RateWindow {
  private start = 0;
  private count = 0;
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one frame; returns null when allowed, else milliseconds until the window resets. */
  hit(now: number): number | null {
    if (now - this.start >= this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    this.count++;
    return this.count > this.max ? this.start + this.windowMs - now : null;
  }
}
