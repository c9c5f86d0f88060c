/**
 * Counts the timers the SDK (code under `src/` and the libraries it calls) has pending, so a test
 * can assert that `destroy()` leaves none behind. It wraps the global timer functions and keeps a
 * timer only when its creation stack passes through the repository's `src/` directory. Each timer
 * is tagged with the async context it was created in (`tracker.run(tag, fn)`), so several chats
 * running at once in one process are told apart.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';

/** Pending SDK timers and where they were created. */
export interface TimerTracker {
  /** Runs `fn` (and everything it schedules) under `tag`. */
  run<T>(tag: string, fn: () => T): T;
  /** Pending SDK timers created under `tag` (all when omitted). */
  pending(tag?: string): Array<{ stack: string }>;
  uninstall(): void;
}

const SRC = `${path.resolve(import.meta.dirname, '../../src')}${path.sep}`;

/** Installs the tracker (one per test file). */
export function trackSdkTimers(): TimerTracker {
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = {
    setTimeout: g.setTimeout!,
    clearTimeout: g.clearTimeout!,
    setInterval: g.setInterval!,
    clearInterval: g.clearInterval!,
  };
  const live = new Map<unknown, { stack: string; tag: string | undefined }>();
  const context = new AsyncLocalStorage<string>();
  const sdkStack = (): string | undefined => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 25;
    const stack = new Error('timer').stack ?? '';
    Error.stackTraceLimit = limit;
    return stack.includes(SRC) ? stack : undefined;
  };
  const wrap = (kind: 'setTimeout' | 'setInterval') =>
    function (this: unknown, fn: unknown, ...rest: unknown[]) {
      const stack = typeof fn === 'function' ? sdkStack() : undefined;
      if (stack === undefined) return original[kind].call(this, fn, ...rest);
      let handle: unknown;
      const run = function (this: unknown, ...args: unknown[]) {
        if (kind === 'setTimeout') live.delete(handle);
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      };
      handle = original[kind].call(this, run, ...rest);
      live.set(handle, { stack, tag: context.getStore() });
      return handle;
    };
  const unwrapClear = (kind: 'clearTimeout' | 'clearInterval') =>
    function (this: unknown, handle: unknown) {
      live.delete(handle);
      return original[kind].call(this, handle);
    };
  g.setTimeout = wrap('setTimeout') as never;
  g.setInterval = wrap('setInterval') as never;
  g.clearTimeout = unwrapClear('clearTimeout') as never;
  g.clearInterval = unwrapClear('clearInterval') as never;
  return {
    run: (tag, fn) => context.run(tag, fn),
    pending: (tag) => [...live.values()].filter((t) => tag === undefined || t.tag === tag).map(({ stack }) => ({ stack })),
    uninstall() {
      Object.assign(g, original);
      live.clear();
    },
  };
}
