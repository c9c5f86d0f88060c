/**
 * The storage of rate windows and quotas shared by every process of a deployment (issue 10 item 4, issue 11): a part of {@link ChatStore} (`store.limits`), implemented by every engine
 * (`sqlite-limits.ts`, `pg-limits.ts`) and checked by the store conformance suite
 * (`test/server/store-limits-conformance.ts`).
 *
 * Windows are **fixed**: a window of `windowMs` starts at a multiple of `windowMs` since the epoch,
 * the same instant on every process. A process takes allowance in chunks ({@link LimitStore.take})
 * and spends it locally (server/limits/windows.ts), so the sum over all processes never exceeds
 * `max` per window, at the price of one round trip per chunk rather than per frame.
 * @module
 */

/** One request for allowance in a window. */
export interface TakeRequest {
  /** e.g. `frames:s:<sessionId>`, `frames:ip:<addr>`, `upload-bytes:s:<sessionId>`. */
  key: string;
  /** Start of the fixed window, ms since epoch (a multiple of `windowMs`). */
  windowStart: number;
  windowMs: number;
  /** Most units the key may use in one window. */
  max: number;
  /** Units wanted (a chunk, or the exact cost). */
  want: number;
  /** Fewest units worth granting (1 for a chunk, `want` for an all-or-nothing cost). */
  min: number;
}

/** Outcome of {@link LimitStore.take}. */
export interface Taken {
  /** Units granted: between `min` and `want`, or 0 when fewer than `min` were left. */
  granted: number;
  /** Units used in the window after this take. */
  used: number;
}

/** One thing held at once (a socket, a long-poll) under a key. */
export interface Lease {
  /** e.g. `sockets:s:<sessionId>`, `sockets:ip:<addr>`, `polls:s:<sessionId>`. */
  key: string;
  /** Unique per held thing. */
  holder: string;
  /** The process holding it (renews it). */
  process: string;
}

/** An upload never attached to a message. */
export interface StaleUpload {
  id: string;
  size: number;
}

/** Limit storage. */
export interface LimitStore {
  /** **Atomic**: grants up to `want` (at least `min`, else nothing) of what is left of `max` in the window. */
  take(request: TakeRequest): Promise<Taken>;
  /** Deletes windows that ended before `now`, and lapsed leases; returns how many windows. */
  purgeWindows(now: number): Promise<number>;
  /** **Atomic**: takes the lease if fewer than `max` unexpired ones are held under its key. */
  acquireLease(lease: Lease, max: number, expiresAt: number, now: number): Promise<boolean>;
  /** Gives a lease back (nothing when it is gone). */
  releaseLease(key: string, holder: string): Promise<void>;
  /** Extends every lease of a process (it is alive). */
  renewLeases(process: string, expiresAt: number): Promise<void>;
  /** Marks uploads as used by a message (the first time counts); returns how many of them exist. */
  markUploadsAttached(ids: readonly string[], now: number): Promise<number>;
  /** Uploads created before `createdBefore` and never attached, oldest first. */
  staleUploads(createdBefore: number, limit: number): Promise<StaleUpload[]>;
  /** **Atomic**: deletes the upload's row if it is still unattached; true when it did. */
  deleteStaleUpload(id: string): Promise<boolean>;
}
