/**
 * One measured page of the browser benchmark: a fresh browser context with the probe injected,
 * CPU throttled through CDP, every response body kept (to sum what was fetched), in-flight
 * requests counted (to wait for the network to go quiet), heap and long tasks read on demand.
 * @module
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { PROBE } from './probe';
import { type Bytes, type LongTask, sumBytes } from './stats';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** A page under measurement. */
export interface BenchPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly cdp: CDPSession;
  /** Bytes of every response body fetched so far, the page's own document excepted. */
  bytes(): Promise<Bytes & { requests: number }>;
  /** Waits until no request has been in flight for `quietMs` (at most `capMs`). */
  quiet(quietMs: number, capMs?: number): Promise<void>;
  /** JS heap in use after a full garbage collection, bytes. */
  heap(): Promise<number>;
  /** The long tasks seen so far (sent out by the page as they end, so this never waits for a busy page). */
  longTasks(): Promise<LongTask[]>;
  /** Evaluates an expression of the probe (`window.__bench`, shortened to `B`). */
  probe<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** Opens `url` in a new context at CPU `rate`× (with `storage`, a saved storage state). */
export async function openPage(browser: Browser, url: string, rate: number, storage?: StorageState): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(storage ? { storageState: storage } : {}) });
  const tasks: LongTask[] = [];
  await context.exposeFunction('__benchLongTask', (start: number, duration: number) => void tasks.push([start, duration]));
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const bodies: Promise<Buffer | null>[] = [];
  let pending = 0;
  let last = Date.now();
  page.on('request', () => {
    pending++;
    last = Date.now();
  });
  page.on('requestfailed', () => {
    pending--;
    last = Date.now();
  });
  page.on('requestfinished', (request) => {
    pending--;
    last = Date.now();
    if (request.resourceType() === 'document' || request.url().startsWith('data:')) return;
    bodies.push(
      request
        .response()
        .then((r) => (r ? r.body() : null))
        .catch(() => null),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  const run: BenchPage = {
    page,
    context,
    cdp,
    async bytes() {
      const got = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
      return { ...sumBytes(got), requests: got.length };
    },
    async quiet(quietMs, capMs = 15_000) {
      const end = Date.now() + capMs;
      while (Date.now() < end && (pending > 0 || Date.now() - last < quietMs)) await new Promise((r) => setTimeout(r, 50));
    },
    async heap() {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    probe: <T>(expression: string) => page.evaluate(`(() => { const B = window.__bench; return (${expression}); })()`) as Promise<T>,
    longTasks: async () => [...tasks],
    close: () => context.close(),
  };
  return run;
}

/** Resolves with the page time of the first frame in which the probe expression `check` holds (null on timeout). */
export function frameWhen(p: BenchPage, check: string, timeoutMs: number): Promise<number | null> {
  return p.probe<number | null>(`B.frameWhen(() => (${check}), ${timeoutMs})`);
}

/** `promise`, or null once `ms` have passed (a page busy for longer is not waited for). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/**
 * Clicks the launcher and returns [pointerdown time, time of the first frame where `check` holds]
 * (page clock, ms); the watch starts before the click so no frame is missed.
 */
export async function clickAndWatch(p: BenchPage, check: string, timeoutMs: number): Promise<[number | null, number | null]> {
  await p.probe(`void (B.watch = B.frameWhen(() => (${check}), ${timeoutMs}))`);
  // The click resolves only once the page handled it, which may be after the whole render: no timeout
  // of its own, the cap is ours.
  const clicked = launcher(p.page)
    .click({ timeout: 0 })
    .catch(() => undefined);
  const at = await within(
    clicked.then(() => p.probe<number | null>('B.watch')),
    timeoutMs + 2000,
  );
  if (at === null) return [null, null];
  return [await p.probe<number | null>('B.downAt'), at];
}

/** The launcher, by role and name (any shadow root). */
export const launcher = (page: Page) => page.getByRole('button', { name: /open chat/i }).first();

export type { StorageState };
