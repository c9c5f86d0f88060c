/**
 * Recovery benchmark (`npx tsx scripts/bench-recovery.ts`):
 *  (a) time to paint the cached history after a reload, in real headless Chromium: the widget
 *      (dist/support-chat.engine.js, built first when missing) on a page served by the reference
 *      server on 127.0.0.1, with N messages in its localStorage cache; measured from navigation
 *      start to the frame where the newest cached bubble is in the widget's shadow DOM;
 *  (b) time from a reference-server restart to caught-up, in Node, over WebSocket and HTTP with the
 *      transports' default settings: messages the user wrote during the downtime are all accepted,
 *      and the client shows exactly the server's history.
 * Env: BENCH_REPS (default 3), BENCH_DOWNTIME_MS (default 2000), CHROMIUM_PATH.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { startServer } from '../server/app';
import { createChat } from '../src/core/chat';
import type { ChatMessage } from '../src/core/model';
import { SCHEMA_VERSION, createMemoryStore, createPersistence } from '../src/core/persistence';
import type { Transport } from '../src/core/transport';
import { createHttpTransport } from '../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../src/transports/websocket';
import { startFaultServer } from '../test/faults/fault-server';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);
const DOWNTIME_MS = Number(process.env.BENCH_DOWNTIME_MS ?? 2000);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

// ------------------------------------------------------------------ (a) cached paint in Chromium

const PROBE = `
// Records when the newest cached bubble is first in the widget's shadow DOM (checked every frame).
window.__paint = { at: null };
(function check() {
  const want = new URLSearchParams(location.search).get('last');
  const root = document.querySelector('support-chat-host')?.shadowRoot;
  if (want && root && root.textContent.includes(want)) {
    window.__paint.at = performance.now();
    window.__paint.bubbles = root.querySelectorAll('.sc-bubble').length;
    return;
  }
  requestAnimationFrame(check);
})();
`;
const START = `
window.chat = window.SupportChat.createSupportChat({
  transport: window.SupportChat.createWebSocketTransport({ url: location.origin }),
  locale: 'en', storage: 'localstorage', open: true, multiTab: false,
});
`;
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recovery bench</title><link rel="icon" href="data:,"></head>
<body><h1>Host page</h1><script src="/bench/probe.js"></script><script src="/dist/support-chat.engine.js"></script><script src="/bench/start.js"></script></body></html>`;

function cachedMessages(n: number): ChatMessage[] {
  const t0 = Date.parse('2026-01-01T09:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const user = i % 2 === 0;
    return {
      id: `m_bench_${i + 1}`,
      conversationId: 'c_bench',
      seq: i + 1,
      from: user ? { id: 'me', role: 'user' } : { id: 'bot', role: 'bot', name: 'Bot' },
      parts: [
        { kind: 'text', text: `cached message ${i + 1}: ${user ? 'a question about my card' : 'an answer with a few more words in it'}` },
      ],
      createdAt: new Date(t0 + i * 1000).toISOString(),
      status: 'sent',
      ...(user ? { clientId: `c_bench_${i + 1}` } : {}),
    };
  });
}

async function benchPaint(): Promise<Array<[string, string]>> {
  if (!existsSync(path.join(ROOT, 'dist/support-chat.engine.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-bench-'));
  writeFileSync(path.join(dir, 'probe.js'), PROBE);
  writeFileSync(path.join(dir, 'start.js'), START);
  writeFileSync(path.join(dir, 'index.html'), PAGE);
  const server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    staticDirs: { '/dist/': path.join(ROOT, 'dist'), '/bench/': dir },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const rows: Array<[string, string]> = [];
  try {
    for (const n of [500, 1000]) {
      const times: number[] = [];
      let bubbles = 0;
      for (let r = 0; r < REPS; r++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const url = `${server.url}/bench/index.html?last=${encodeURIComponent(`cached message ${n}:`)}`;
        await page.goto(url);
        await page.waitForFunction(() => (window as unknown as { __paint: { at: number | null } }).__paint !== undefined);
        // The widget's own storage layout: `{namespace}:messages` = `{v, messages}` (persistence.ts).
        const key = `support-chat:v1:${new URL(server.url).host}:anon:default:messages`;
        const doc = JSON.stringify({ v: SCHEMA_VERSION, messages: cachedMessages(n) });
        await page.evaluate(
          ([k, v]) => {
            (window as unknown as { chat: { destroy(): void } }).chat.destroy();
            localStorage.setItem(k!, v!);
          },
          [key, doc],
        );
        await page.reload();
        await page.waitForFunction(() => (window as unknown as { __paint: { at: number | null } }).__paint.at !== null, undefined, {
          timeout: 30_000,
        });
        const result = await page.evaluate(() => (window as unknown as { __paint: { at: number; bubbles: number } }).__paint);
        times.push(result.at);
        bubbles = result.bubbles;
        await context.close();
      }
      rows.push([
        `paint ${n} cached messages after reload (Chromium)`,
        `${median(times).toFixed(0)} ms  (${bubbles} bubbles in DOM; runs ${times.map((t) => t.toFixed(0)).join(', ')})`,
      ]);
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// ------------------------------------------------------------------ (b) restart → caught up

async function benchRestart(kind: 'websocket' | 'http'): Promise<[string, string]> {
  const faults = await startFaultServer({});
  const times: number[] = [];
  const fromDown: number[] = [];
  try {
    for (let r = 0; r < REPS; r++) {
      const transport: Transport =
        kind === 'websocket'
          ? createWebSocketTransport({ url: faults.url, WebSocket: WebSocket as unknown as WebSocketConstructor })
          : createHttpTransport({ baseUrl: faults.url });
      const chat = createChat({
        transport,
        locale: 'en',
        persistence: createPersistence({ store: createMemoryStore(), namespace: 'bench' }),
      });
      await chat.start();
      await until(() => chat.state.messages.value.length > 0, 10_000);
      const down = Date.now();
      const restart = faults.restart({ downtimeMs: DOWNTIME_MS });
      await sleep(100);
      for (let i = 0; i < 5; i++) chat.send(`written during the downtime ${i + 1}`);
      await restart;
      const up = Date.now();
      const caughtUp = () => {
        const list = chat.state.messages.value;
        if (chat.state.connection.value !== 'online' || list.some((m) => m.status !== 'sent')) return false;
        const server = faults.history(transport.snapshot().conversationId ?? '').map((m) => m.id);
        return server.length > 0 && server.join() === list.map((m) => m.id).join();
      };
      await until(caughtUp, 60_000);
      times.push(Date.now() - up);
      fromDown.push(Date.now() - down);
      await chat.destroy();
    }
  } finally {
    await faults.close();
  }
  return [
    `restart → caught up, ${kind} (default backoff, ${DOWNTIME_MS} ms down, 5 queued)`,
    `${median(times)} ms after the server is back  (${median(fromDown)} ms after it went down; runs ${times.join(', ')})`,
  ];
}

const rows: Array<[string, string]> = [];
rows.push(...(await benchPaint()));
rows.push(await benchRestart('websocket'));
rows.push(await benchRestart('http'));
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nsupport-chat recovery benchmark (median of ${REPS})\n`);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
console.log('');
process.exit(0);
