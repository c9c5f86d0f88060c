/**
 * The two servers of the browser benchmark, both on 127.0.0.1: the reference server (SQLite on
 * disk in a temp dir, its real bot, operators always on, the per-address limits lifted) and a
 * static server for dist/ and the bench's host pages (no-store, so every page fetches afresh);
 * and the 10,000-message conversation: a signed-in customer and an operator talking through the
 * real protocol, so it survives any change of the widget's storage or the server's tables.
 * @module
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer } from '../../../server/app';
import { ONE_ADDRESS_LIMITS } from '../../../test/helpers/one-address';
import { connectOperator, type OperatorClient } from '../../../test/helpers/operator-client';
import { rememberServer } from '../../../test/helpers/operator-accounts';
import { Customer } from '../../../test/server/customer';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOTS = 1_000_000_000;

/**
 * The reference server on a copy of `seedDir` (its data directory from an earlier run, when there
 * is one), and what to call when done: `keep()` first saves this run's directory as the seed.
 */
export async function startReferenceServer(
  seedDir: string,
): Promise<{ server: RunningServer; seeded: boolean; keep(): Promise<void>; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sc-bench-browser-'));
  const seeded = existsSync(path.join(seedDir, 'seeded.json'));
  if (seeded) cpSync(seedDir, dataDir, { recursive: true });
  const options = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent' as const,
    botDelayMs: 0,
    verification: false,
    operatorHours: 'always',
    // Fixed, so that a seeded directory's signed-in user can sign in again.
    identitySecret: 'support-chat-bench-identity',
    limits: { maxFramesPer10s: LOTS },
    extraLimits: {
      ...ONE_ADDRESS_LIMITS,
      framesPerSession: { max: LOTS, windowMs: 10_000 },
      messagesPerSession: { max: LOTS, windowMs: 60_000 },
      operatorFrames: { max: LOTS, windowMs: 10_000 },
    },
  };
  let server = rememberServer(await startServer(options));
  return {
    get server() {
      return server;
    },
    seeded,
    async keep() {
      await server.close();
      rmSync(seedDir, { recursive: true, force: true });
      cpSync(dataDir, seedDir, { recursive: true });
      writeFileSync(path.join(seedDir, 'seeded.json'), JSON.stringify({ at: new Date().toISOString() }));
      server = rememberServer(await startServer({ ...options, port: 0 }));
    },
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Serves dist/ from the worktree and the given pages under /bench/, no-store. */
export async function startStaticServer(pages: Map<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = pages.get(p);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
      return;
    }
    const file = path.normalize(path.join(ROOT, p));
    if (!p.startsWith('/dist/') || !file.startsWith(path.join(ROOT, 'dist'))) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      const type = file.endsWith('.js')
        ? 'text/javascript; charset=utf-8'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A signed-in user's conversation with an operator, and the operator who can talk into it. */
export interface LongConversation {
  userId: string;
  conversationId: string;
  operator: OperatorClient;
  /** Number of the newest seeded message ("msg N:"). */
  newest: number;
  /** The operator sends `count` more messages at `perSecond`; resolves with the last one's number. */
  burst(count: number, perSecond: number): Promise<number>;
}

const BATCH = 5;
const refused = (f: { t: string }) => {
  if (f.t !== 'ack') throw new Error(`seed send refused: ${JSON.stringify(f)}`);
};
const QUESTIONS = ['my card was declined at the shop', 'when does the transfer arrive', 'can I raise my limit', 'the app asks for a code'];
const ANSWERS = [
  'let me check that for you, one moment please',
  'it usually takes one working day',
  'yes, from the settings screen',
  'the code comes by SMS',
];

/**
 * Seeds `count` messages (customer and operator in turns), or, when `reuse`, finds the conversation
 * an earlier run seeded (its newest number read back from the history).
 */
export async function seedConversation(server: RunningServer, userId: string, count: number, reuse: boolean): Promise<LongConversation> {
  const operator = await connectOperator(server.url, 'Bench Operator', { timeoutMs: 30_000 });
  const { c, welcome } = await Customer.connect(server, { user: signedUser(server, userId) });
  const conversationId = welcome.conversationId;
  let n = 0;
  if (reuse) {
    const page = (await c.request({ t: 'history', conversationId, limit: 10 })) as {
      messages?: Array<{ parts: Array<{ text?: string }> }>;
    };
    for (const m of page.messages ?? []) n = Math.max(n, Number(/^msg (\d+):/.exec(m.parts[0]?.text ?? '')?.[1] ?? 0));
  } else {
    await c.request({ t: 'handoff.request', conversationId, reason: 'bench' });
    await operator.waitForQueue((q) => q.waiting.some((i) => i.conversationId === conversationId), 30_000);
    await operator.accept(conversationId);
  }
  // Turns of BATCH messages each, pipelined on one socket (the server keeps a conversation's
  // order), each turn awaited, so the numbers follow the server's order.
  while (n < count) {
    const turn: Promise<unknown>[] = [];
    const customerTurn = Math.floor(n / BATCH) % 2 === 0;
    for (let k = 0; k < BATCH && n < count; k++) {
      const i = ++n;
      if (customerTurn)
        turn.push(
          c.request({ t: 'send', conversationId, clientId: `seed-${i}`, text: `msg ${i}: ${QUESTIONS[i % 4]}` }, 60_000).then(refused),
        );
      else turn.push(operator.send(conversationId, `msg ${i}: ${ANSWERS[i % 4]}`));
    }
    await Promise.all(turn);
  }
  c.ws.close();
  const conv: LongConversation = {
    userId,
    conversationId,
    operator,
    newest: n,
    async burst(total, perSecond) {
      const sends: Promise<unknown>[] = [];
      const t0 = Date.now();
      for (let k = 0; k < total; k++) {
        const due = t0 + (k * 1000) / perSecond;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        // One at a time on the wire, so the numbers follow the server's order.
        sends.push(operator.send(conversationId, `msg ${++n}: burst message ${k + 1} of ${total}`));
        conv.newest = n;
      }
      await Promise.all(sends);
      return n;
    },
  };
  return conv;
}

/** A signature for `userId` (the widget's `user` option). */
export function signedUser(server: RunningServer, userId: string): { id: string; hash: string; hashExpires: number } {
  const hashExpires = Math.floor(Date.now() / 1000) + 23 * 3600;
  return { id: userId, hash: server.signIdentity(userId, hashExpires), hashExpires };
}
