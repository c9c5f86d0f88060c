/**
 * Rate windows shared by every socket and process of a deployment, cheap on the hot path: each
 * process takes allowance from the {@link LimitStore} in chunks (a tenth of the window's maximum, at
 * most {@link MAX_CHUNK})
 * and spends it locally, so a frame costs a map lookup and one database round trip per chunk. The
 * store grants at most `max` per fixed window over all processes; allowance a process took but did
 * not spend is lost, which only ever makes the limit stricter.
 * @module
 */
import type { LimitStore } from '../db/limits-store';
import type { WindowRule } from './settings';

/** `null`: allowed; a number: refused, milliseconds until the window resets. */
export type Verdict = number | null;

interface Local {
  windowStart: number;
  windowEnd: number;
  allowance: number;
  exhausted: boolean;
  pending: Promise<void> | undefined;
}

/** Most windows kept in memory before the oldest are forgotten (their state stays in the store). */
const MAX_LOCAL = 100_000;

/** Combines verdicts that may be promises. */
export function firstRefusal(...checks: Array<() => Verdict | Promise<Verdict>>): Verdict | Promise<Verdict> {
  for (let i = 0; i < checks.length; i++) {
    const v = checks[i]!();
    if (v instanceof Promise) return v.then((r) => (r !== null ? r : firstRefusal(...checks.slice(i + 1))));
    if (v !== null) return v;
  }
  return null;
}

/** The windows of one process on one store. */
export class SharedWindows {
  private readonly local = new Map<string, Local>();

  constructor(
    private readonly store: LimitStore,
    private readonly now: () => number,
    private readonly failed: (e: unknown) => void = () => {},
  ) {}

  /** Counts one unit under `key`; synchronous while local allowance lasts. */
  hit(key: string, rule: WindowRule): Verdict | Promise<Verdict> {
    const now = this.now();
    const e = this.entry(key, rule, now);
    if (e.allowance > 0) {
      e.allowance--;
      return null;
    }
    if (e.exhausted) return e.windowEnd - now;
    return this.refill(key, rule, e).then(() => this.hit(key, rule));
  }

  /** Counts `cost` units under `key`, all or nothing (one store round trip). */
  async spend(key: string, rule: WindowRule, cost: number): Promise<Verdict> {
    const now = this.now();
    const e = this.entry(key, rule, now);
    if (cost <= e.allowance) {
      e.allowance -= cost;
      return null;
    }
    if (cost > rule.max) return e.windowEnd - now;
    try {
      const t = await this.store.take({ key, windowStart: e.windowStart, windowMs: rule.windowMs, max: rule.max, want: cost, min: cost });
      return t.granted > 0 ? null : e.windowEnd - this.now();
    } catch (err) {
      this.failed(err);
      return null;
    }
  }

  /** True when `key` is known to be out of allowance in its current window (no store call). */
  exhausted(key: string, rule: WindowRule): Verdict {
    const now = this.now();
    const e = this.entry(key, rule, now);
    return e.exhausted ? e.windowEnd - now : null;
  }

  /** Forgets windows that ended; returns how many are left. */
  sweep(): number {
    const now = this.now();
    for (const [k, e] of this.local) if (e.windowEnd <= now) this.local.delete(k);
    return this.local.size;
  }

  private entry(key: string, rule: WindowRule, now: number): Local {
    const windowStart = now - (now % rule.windowMs);
    let e = this.local.get(key);
    if (!e || e.windowStart !== windowStart) {
      e = { windowStart, windowEnd: windowStart + rule.windowMs, allowance: 0, exhausted: false, pending: undefined };
      this.local.delete(key);
      this.local.set(key, e);
      if (this.local.size > MAX_LOCAL) this.forgetOldest();
    }
    return e;
  }

  private forgetOldest(): void {
    let n = this.local.size - MAX_LOCAL * 0.9;
    for (const k of this.local.keys()) {
      if (n-- <= 0) break;
      this.local.delete(k);
    }
  }

  private refill(key: string, rule: WindowRule, e: Local): Promise<void> {
    e.pending ??= this.store
      .take({ key, windowStart: e.windowStart, windowMs: rule.windowMs, max: rule.max, want: chunkOf(rule.max), min: 1 })
      .then(
        (t) => {
          if (t.granted === 0) e.exhausted = true;
          else e.allowance += t.granted;
        },
        (err: unknown) => {
          // The store is unreachable: fall back to a per-process window rather than refusing everyone.
          this.failed(err);
          e.allowance += chunkOf(rule.max);
        },
      )
      .finally(() => {
        e.pending = undefined;
      });
    return e.pending;
  }
}

/** Most units a process takes at once (what a restart can lose of a window). */
export const MAX_CHUNK = 100;

/** The chunk a process takes at once: a tenth of the maximum, at least 1, at most {@link MAX_CHUNK}. */
export function chunkOf(max: number): number {
  return Math.min(MAX_CHUNK, Math.max(1, Math.ceil(max / 10)));
}
