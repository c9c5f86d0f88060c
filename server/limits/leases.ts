/**
 * Things held at once (customer sockets, long-polls) per key, over every process on the database:
 * each held thing is a lease row (server/db/limits-store.ts), taken when it opens and given back
 * when it ends. A process renews its leases every {@link LEASE_TTL_MS}/3; the leases of a process
 * that died lapse after {@link LEASE_TTL_MS}.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { LimitStore } from '../db/limits-store';

/** How long a lease outlives its last renewal, ms. */
export const LEASE_TTL_MS = 30_000;

/** The leases of one process. */
export class Leases {
  readonly process = randomUUID();
  private n = 0;
  private held = 0;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: LimitStore,
    private readonly now: () => number,
    private readonly failed: (e: unknown) => void,
  ) {}

  /** Takes a lease of `key` if fewer than `max` are held; resolves with its release function, or null. */
  async acquire(key: string, max: number): Promise<(() => void) | null> {
    const holder = `${this.process}:${++this.n}`;
    let ok: boolean;
    try {
      ok = await this.store.acquireLease({ key, holder, process: this.process }, max, this.now() + LEASE_TTL_MS, this.now());
    } catch (e) {
      // The store is unreachable: let the thing open rather than refusing everyone.
      this.failed(e);
      return () => {};
    }
    if (!ok) return null;
    this.held++;
    this.renewing();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      if (!this.closed) this.store.releaseLease(key, holder).catch(this.failed);
    };
  }

  /** Stops renewing (server shutdown); leases still held lapse on their own. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private renewing(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (this.held > 0) this.store.renewLeases(this.process, this.now() + LEASE_TTL_MS).catch(this.failed);
    }, LEASE_TTL_MS / 3);
    this.timer.unref();
  }
}
