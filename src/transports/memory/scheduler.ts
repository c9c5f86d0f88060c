/**
 * Timers of the memory transport. Only `setTimeout` (so fake timers drive it); a zero delay runs
 * on the next microtask. `clear()` cancels everything at once and rejects every pending `wait`.
 * @module
 */

/** @internal */
export interface Scheduler {
  /** Runs `fn` after `ms` unless `clear()` comes first. */
  later(ms: number, fn: () => void): void;
  /** Resolves after `ms`; rejects with the `clear()` reason if cleared first. */
  wait(ms: number): Promise<void>;
  clear(reason: Error): void;
}

/** @internal */
export function createScheduler(): Scheduler {
  // Bumped by clear(): microtasks and timers of an older generation do nothing.
  let generation = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const waiting = new Set<(reason: Error) => void>();

  const later = (ms: number, fn: () => void): void => {
    const g = generation;
    if (ms <= 0) {
      void Promise.resolve().then(() => g === generation && fn());
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  return {
    later,
    wait: (ms) =>
      new Promise<void>((resolve, reject) => {
        waiting.add(reject);
        later(ms, () => {
          waiting.delete(reject);
          resolve();
        });
      }),
    clear(reason) {
      generation++;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const reject of waiting) reject(reason);
      waiting.clear();
    },
  };
}
