/**
 * `npm run bench`: the widget in headless Chromium (Debian's, through playwright-core) against the
 * reference server and a static server on 127.0.0.1. Each run measures a blank host page beside
 * the widget page, at 1× and 4× CPU (CDP throttling); medians over the runs are printed as a table
 * (with the goals of issue 13 items 3 and 4: "meets"/"misses") and written to
 * bench-results/browser.json. Needs `npm run build` first. A timing never fails the command.
 *
 *   npm run bench                      # 7 runs at 1× and 4×
 *   npm run bench -- --runs 9          # more runs
 *   npm run bench -- --quick           # 3 runs, 1× only
 *   npm run bench -- --only mount,open # some of: mount open ack history burst scroll
 *   npm run bench -- --fresh           # seed the 10,000-message conversation again (kept in bench-results/)
 *   npm run bench -- --messages 2000   # a shorter long conversation (for trying the bench out)
 * @module
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../../test/browser/helpers/browser';
import { againstBlank, medians, rows } from './report';
import { blankPage, closedPage, coldOpen, type Figures, longHistory, type RunContext, scrollUp, widgetPage } from './scenarios';
import { fullHistory, withHistory } from './cache';
import type { StorageState } from './page';
import { hostPages, seedCache } from './setup';
import { seedConversation, startReferenceServer, startStaticServer } from './servers';
import { formatTable, markdownTable } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ALL = ['mount', 'open', 'ack', 'history', 'burst', 'scroll'];
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const runs = Number(arg('runs') ?? (quick ? 3 : 7));
const rates = quick ? [1] : [1, 4];
const only = new Set(arg('only')?.split(',') ?? ALL);
const HISTORY = Number(arg('messages') ?? 10_000);
const SCROLL_PAGES = 10;
/** Give up a rate's long-history runs after two opens over this (a clear miss of the 300 ms goal). */
const OPEN_CAP_MS = { 1: 15_000, 4: 25_000 } as Record<number, number>;

/** One scenario; a failure is reported and leaves its figures out, the run goes on. */
async function attempt(name: string, fn: () => Promise<Figures>): Promise<Figures> {
  try {
    return await fn();
  } catch (error) {
    console.warn(`  ${name} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return {};
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(path.join(ROOT, 'dist/support-chat.iife.js'))) throw new Error('run `npm run build` first');
  const seedDir = path.join(ROOT, `bench-results/.seed-${HISTORY}`);
  if (process.argv.includes('--fresh')) rmSync(seedDir, { recursive: true, force: true });
  const ref = await startReferenceServer(seedDir);
  const needsHistory = ['history', 'burst', 'scroll'].some((s) => only.has(s));
  let conversation = needsHistory ? await seedConversation(ref.server, 'bench-long-history', HISTORY, ref.seeded) : undefined;
  if (conversation && !ref.seeded) {
    console.log(
      `seeded ${conversation.newest} messages in ${((Date.now() - started) / 1000).toFixed(1)} s (kept in ${path.relative(ROOT, seedDir)} for the next runs; --fresh seeds again)`,
    );
    await conversation.operator.disconnect();
    await ref.keep();
    conversation = await seedConversation(ref.server, 'bench-long-history', HISTORY, true);
  }
  const pages = hostPages(ref.server, conversation?.userId);
  const statics = await startStaticServer(pages);
  const browser = await launchBrowser();
  const chromium = browser.version();
  const results: Record<string, Figures[]> = {};
  try {
    const saved = conversation && (only.has('history') || only.has('burst')) ? await seedCache(browser, statics.url) : undefined;
    const restock = async (): Promise<StorageState> => {
      const refilled = withHistory(saved!, await fullHistory(ref.server, conversation!.userId));
      if (!refilled.arrays)
        console.warn("  no saved history found in the widget's storage: the long-history open measures the widget's own cache");
      return refilled.storage;
    };
    const storage = saved ? await restock() : undefined;
    for (const rate of rates) {
      const col = `${rate}×`;
      results[col] = [];
      const c: RunContext = { browser, rate, base: statics.url, only, conversation, storage, restock, scrollPages: SCROLL_PAGES };
      let misses = 0;
      for (let run = 1; run <= runs; run++) {
        const t = Date.now();
        const f: Figures = {
          ...(await attempt('blank page', () => blankPage(c))),
          ...(await attempt('closed widget', () => closedPage(c))),
        };
        if (only.has('open') || only.has('ack')) Object.assign(f, await attempt('widget page', () => widgetPage(c)));
        if (only.has('open')) Object.assign(f, await attempt('cold open', () => coldOpen(c)));
        if (conversation && (only.has('history') || only.has('burst')) && misses < 2) {
          const h = await attempt('10,000 messages', () => longHistory(c, OPEN_CAP_MS[rate] ?? 20_000));
          if (!h.open10k) misses++;
          Object.assign(f, h);
        }
        if (conversation && only.has('scroll')) Object.assign(f, await attempt('scroll up', () => scrollUp(c, SCROLL_PAGES)));
        results[col].push(againstBlank(f));
        console.log(`  ${col} run ${run}/${runs}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      if (misses >= 2)
        console.log(`  ${col}: the 10,000-message open took over ${OPEN_CAP_MS[rate]} ms twice; its later runs were skipped`);
    }
  } finally {
    await browser.close();
    await statics.close();
    await conversation?.operator.disconnect();
    await ref.stop();
  }
  const columns = Object.keys(results);
  const m = Object.fromEntries(columns.map((c) => [c, medians(results[c]!)]));
  const table = rows(m, columns);
  const wall = (Date.now() - started) / 1000;
  console.log(`\nsupport-chat in headless Chromium, medians of ${runs} runs (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}):\n`);
  console.log(formatTable(table, columns));
  console.log(`\nwall time ${wall.toFixed(0)} s`);
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const out = path.join(ROOT, 'bench-results/browser.json');
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, chromium };
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        runs,
        rates,
        only: [...only],
        wallSeconds: wall,
        medians: m,
        runsByRate: results,
        markdown: markdownTable(table, columns),
      },
      null,
      2,
    ),
  );
  console.log(`written ${path.relative(ROOT, out)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
