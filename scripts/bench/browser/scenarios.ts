/**
 * The measurements of one run at one CPU rate: the blank host page, the widget page (mount, bytes
 * before the first click, heap, nodes, open with the panel in, bytes after open, send-to-ack), a
 * cold open, the 10,000-message conversation (open, nodes, burst) and scrolling it up.
 * @module
 */
import type { Browser } from 'playwright-core';
import { type BenchPage, clickAndWatch, frameWhen, launcher, openPage, type StorageState, within } from './page';
import { blocking, type Bytes } from './stats';
import type { LongConversation } from './servers';

/** Figures of one run; absent when not measured, null when it did not happen in time. */
export type Figures = Record<string, number | null>;

export interface RunContext {
  browser: Browser;
  rate: number;
  base: string;
  only: ReadonlySet<string>;
  conversation?: LongConversation;
  /** The returning visitor's storage with the whole long conversation saved. */
  storage?: StorageState;
  /** That storage again, with every message the server has now (after a burst). */
  restock?: () => Promise<StorageState>;
  scrollPages: number;
}

/** How long the last message of a burst may take to show before the page is given up on. */
const BURST_CAP_MS = 8000;
const slow = (rate: number, ms: number) => ms * (rate > 1 ? 2.5 : 1);
const flat = (prefix: string, b: Bytes & { requests: number }): Figures => ({
  [`${prefix}Raw`]: b.raw,
  [`${prefix}Gzip`]: b.gzip,
  [`${prefix}Brotli`]: b.brotli,
  [`${prefix}Requests`]: b.requests,
});

/** The host page without the widget: the reference of every "minus blank" figure. */
export async function blankPage(c: RunContext): Promise<Figures> {
  const p = await openPage(c.browser, `${c.base}/bench/blank.html`, c.rate);
  try {
    await p.quiet(300);
    await frameWhen(p, 'B.loadPaintAt !== null', 5000);
    return { blankPaintAt: await p.probe('B.loadPaintAt'), blankHeap: await p.heap(), blankNodes: await p.probe('B.nodes()') };
  } finally {
    await p.close();
  }
}

async function mounted(p: BenchPage, rate: number): Promise<Figures> {
  const shown = await frameWhen(p, 'B.launcherAt !== null', slow(rate, 20_000));
  await p.quiet(slow(rate, 700), slow(rate, 15_000));
  const tasks = blocking(await p.longTasks());
  return {
    launcherAt: shown === null ? null : await p.probe('B.launcherAt'),
    mountLongTasks: tasks.count,
    mountLongest: tasks.longest,
    mountTbt: tasks.tbt,
    socketsBeforeClick: await p.probe('B.sockets'),
    ...flat('beforeClick', await p.bytes()),
  };
}

/** Sends `n` messages from the composer; the median Enter → ack of each, ms. */
async function sendToAck(p: BenchPage, n: number, rate: number): Promise<number[]> {
  const out: number[] = [];
  const composer = p.page.locator('textarea').first();
  for (let i = 1; i <= n; i++) {
    const text = `ack probe ${i} ${Date.now()}`;
    await composer.fill(text);
    await composer.press('Enter');
    const ms = await p.probe<number | null>(
      `B.frameWhen(() => { const s = B.sends.find((x) => x.text === ${JSON.stringify(text)}); return s && B.acks[s.id]; }, ${slow(rate, 10_000)})
        .then(() => { const s = B.sends.find((x) => x.text === ${JSON.stringify(text)}); return s && B.acks[s.id] ? B.acks[s.id] - B.enterAt : null; })`,
    );
    if (ms !== null) out.push(ms);
  }
  return out;
}

/** The widget page, closed: mount, bytes before the first click, heap and nodes (a GC here would bias an open after it). */
export async function closedPage(c: RunContext): Promise<Figures> {
  const p = await openPage(c.browser, `${c.base}/bench/widget.html`, c.rate);
  try {
    return { ...(await mounted(p, c.rate)), closedHeap: await p.heap(), closedNodes: await p.probe('B.nodes()') };
  } finally {
    await p.close();
  }
}

/** Another widget page: intent, open with the panel in, bytes after open, then sends. */
export async function widgetPage(c: RunContext): Promise<Figures> {
  const p = await openPage(c.browser, `${c.base}/bench/widget.html`, c.rate);
  try {
    await frameWhen(p, 'B.launcherAt !== null', slow(c.rate, 20_000));
    await p.quiet(slow(c.rate, 700), slow(c.rate, 15_000));
    await launcher(p.page).hover();
    await p.quiet(500, slow(c.rate, 15_000));
    const [down, at] = await clickAndWatch(p, 'B.dialog()', slow(c.rate, 15_000));
    await p.quiet(500, slow(c.rate, 15_000));
    const tasks = blocking(await p.longTasks(), down ?? 0);
    const f: Figures = {
      ...flat('afterOpen', await p.bytes()),
      openCached: down !== null && at !== null ? at - down : null,
      openLongTasks: tasks.count,
      openLongest: tasks.longest,
      openTbt: tasks.tbt,
      openNodes: await p.probe('B.nodes()'),
    };
    if (c.only.has('ack')) {
      const acks = (await sendToAck(p, 5, c.rate)).sort((a, b) => a - b);
      f.sendToAck = acks.length ? acks[acks.length >> 1]! : null;
    }
    return f;
  } finally {
    await p.close();
  }
}

/** A click with no intent before it: the panel (and whatever else) is fetched on the click. */
export async function coldOpen(c: RunContext): Promise<Figures> {
  const p = await openPage(c.browser, `${c.base}/bench/widget.html`, c.rate);
  try {
    await frameWhen(p, 'B.launcherAt !== null', slow(c.rate, 20_000));
    await p.quiet(700, slow(c.rate, 15_000));
    const [down, at] = await clickAndWatch(p, 'B.dialog()', slow(c.rate, 15_000));
    return { openCold: down !== null && at !== null ? at - down : null };
  } finally {
    await p.close();
  }
}

/** The returning visitor of the 10,000-message conversation: open until the newest message is visible, then a burst. */
export async function longHistory(c: RunContext, capMs: number): Promise<Figures> {
  const conv = c.conversation!;
  const p = await openPage(c.browser, `${c.base}/bench/history.html`, c.rate, c.storage);
  try {
    await frameWhen(p, 'B.launcherAt !== null', slow(c.rate, 30_000));
    await p.quiet(700, slow(c.rate, 20_000));
    await launcher(p.page).hover();
    await p.quiet(500, slow(c.rate, 15_000));
    const [down, at] = await clickAndWatch(p, `B.newestShown(${conv.newest})`, capMs);
    if (down === null || at === null) return { open10k: null };
    const tasks = blocking(await p.longTasks(), down, at);
    const f: Figures = {
      open10k: at - down,
      open10kLongest: tasks.longest,
      nodes10k: await p.probe('B.nodes()'),
      messageNodes10k: await p.probe('B.messageCount()'),
      heap10k: await p.heap(),
      held10k: await p.probe('(window.SupportChat?.instance?.chat?.state?.messages?.value ?? { length: null }).length'),
    };
    if (c.only.has('burst')) {
      Object.assign(f, await burst(p, conv));
      c.storage = await c.restock!();
    }
    return f;
  } finally {
    await p.close();
  }
}

async function burst(p: BenchPage, conv: LongConversation): Promise<Figures> {
  const t0 = await p.probe<number>('performance.now()');
  const last = await conv.burst(100, 100);
  const t1 = await within(frameWhen(p, `B.newestShown(${last})`, BURST_CAP_MS), BURST_CAP_MS + 1000);
  // Not shown in time: the page is stuck in a task whose entry comes only when it ends.
  if (t1 === null) return { burstShown: 0 };
  const tasks = blocking(await p.longTasks(), t0, t1);
  return { burstLongTasks: tasks.count, burstLongest: tasks.longest, burstTbt: tasks.tbt, burstShown: 1 };
}

/** A new device of the same user: the newest page from the server, then up `pages` times. */
export async function scrollUp(c: RunContext, pages: number): Promise<Figures> {
  const conv = c.conversation!;
  const p = await openPage(c.browser, `${c.base}/bench/history.html`, c.rate);
  try {
    await frameWhen(p, 'B.launcherAt !== null', slow(c.rate, 30_000));
    await p.quiet(700, slow(c.rate, 15_000));
    const [, at] = await clickAndWatch(p, `B.newestShown(${conv.newest})`, slow(c.rate, 20_000));
    if (at === null) return { scrollFirst: null };
    await p.quiet(500);
    const steps: Array<{ ms: number | null; drift: number | null; t0: number }> = [];
    for (let i = 0; i < pages; i++) {
      const s = await p.probe<{ ms: number | null; drift: number | null; t0: number } | null>(`B.scrollStep(${slow(c.rate, 10_000)})`);
      if (!s || s.ms === null) break;
      steps.push(s);
    }
    const ms = steps.map((s) => s.ms!);
    const mid = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1]! : null);
    const tasks = blocking(await p.longTasks(), steps[0]?.t0 ?? Number.POSITIVE_INFINITY);
    return {
      scrollPages: steps.length,
      scrollFirst: mid(ms.slice(0, 3)),
      scrollLast: mid(ms.slice(-3)),
      scrollDrift: steps.reduce((m, s) => Math.max(m, Math.abs(s.drift ?? 0)), 0),
      scrollLongest: tasks.longest,
    };
  } finally {
    await p.close();
  }
}
