/**
 * Load benchmark of the reference server, one process on SQLite beside two processes on
 * PostgreSQL, in one run:
 *   - `sqlite`: one server process on its embedded SQLite file;
 *   - `pg2`: two server processes sharing a real PostgreSQL (Debian's, started here in a temp dir),
 *     customers spread over them by a round-robin balancer on loopback.
 * N WebSocket customers send at a steady total rate; it prints connections held, messages/s, ack
 * latency, and delivery latency: probe customers on the first process, an operator on the last
 * (for `pg2` that crosses processes through LISTEN/NOTIFY).
 *
 *   npx tsx scripts/bench-load.ts --clients 2000 --seconds 10 [--rate 1000] [--scenarios sqlite,pg2]
 *   npx tsx scripts/bench-load.ts --url http://127.0.0.1:8787   # an already running server
 *   BENCH_PROF=1 npx tsx scripts/bench-load.ts …                 # CPU profiles of the servers in /tmp/prof
 *
 * Not part of the test suite (a budget is a printed measurement).
 * @module
 */
import { addObserver, observerCookie } from './bench/observer-account';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgres } from '../test/helpers/postgres';
import { startBalancer } from './bench/balancer';
import { type LoadResult, runLoad } from './bench/load-clients';
import { type ServerProcess, startServerProcess } from './bench/processes';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const clients = Number(arg('clients', '2000'));
const seconds = Number(arg('seconds', '10'));
const rate = Number(arg('rate', '1000'));
const url = arg('url', '');
const scenarios = arg('scenarios', 'sqlite,pg2').split(',');
const PROBES = 20;
const PROBE_RATE = 20;

const ws = (base: string, p = '/swp/v1/ws') => base.replace(/^http/, 'ws').replace(/\/$/, '') + p;
const opWs = (base: string) => ws(base, '/swp/v1/operator/ws');
/** Every bench client comes from 127.0.0.1: the per-address limits (README "Limits") are lifted. */
const ONE_ADDRESS = {
  RATE_FRAMES_PER_IP: '1000000000/10',
  RATE_MESSAGES_PER_IP: '1000000000/60',
  RATE_SESSIONS_PER_IP: '1000000000/600',
  SOCKETS_PER_IP: '1000000',
};
const SERVER_ENV = {
  LOG_LEVEL: 'silent',
  OPERATOR_HOURS: 'always',
  VERIFICATION: '0',
  BOT_DELAY_MS: '0',
  IDENTITY_SECRET: 'bench-secret',
  ...ONE_ADDRESS,
};

/** The main load through `wsUrl`, and probes on `first` observed by an operator on `last`, at once. */
async function measure(wsUrl: string, first: string, last: string): Promise<LoadResult> {
  const cookie = await observerCookie(last);
  const [main, probes] = await Promise.all([
    runLoad({ wsUrl, clients, seconds, rate }),
    runLoad({ wsUrl: ws(first), clients: PROBES, seconds, rate: PROBE_RATE, observerWsUrl: opWs(last), observerCookie: cookie }),
  ]);
  return { ...main, ...(probes.deliveryLatencyMs ? { deliveryLatencyMs: probes.deliveryLatencyMs } : {}) };
}

async function sqliteScenario(): Promise<LoadResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sc-bench-'));
  const p = await startServerProcess('sqlite', { ...SERVER_ENV, DATA_DIR: dataDir });
  await addObserver({ DATA_DIR: dataDir });
  try {
    return await measure(ws(p.url), p.url, p.url);
  } finally {
    p.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pgScenario(): Promise<LoadResult> {
  const pg = await startPostgres();
  const procs: ServerProcess[] = [];
  try {
    const env = { ...SERVER_ENV, DATABASE_URL: pg.url, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sc-bench-')) };
    procs.push(await startServerProcess('A', env));
    procs.push(await startServerProcess('B', env));
    await addObserver(env);
    const balancer = await startBalancer(procs.map((p) => p.port));
    try {
      return await measure(`ws://127.0.0.1:${balancer.port}/swp/v1/ws`, procs[0]!.url, procs[1]!.url);
    } finally {
      await balancer.close();
    }
  } finally {
    for (const p of procs) p.stop();
    await new Promise((r) => setTimeout(r, 500));
    pg.stop();
  }
}

async function main(): Promise<void> {
  const results: Record<string, LoadResult> = {};
  if (url) results.external = await measure(ws(url), url, url);
  else {
    if (scenarios.includes('sqlite')) {
      console.log('1 process, SQLite:');
      results['1 process, SQLite'] = await sqliteScenario();
    }
    if (scenarios.includes('pg2')) {
      console.log('2 processes, PostgreSQL, balancer:');
      results['2 processes, PostgreSQL'] = await pgScenario();
    }
  }
  console.log(JSON.stringify(results, null, 2));
  const rows = Object.entries(results).map(([name, r]) => ({
    scenario: name,
    held: `${r.connectionsHeld}/${r.clients}`,
    'msg/s': r.messagesPerSecond,
    'ack p50 ms': r.ackLatencyMs.p50,
    'ack p99 ms': r.ackLatencyMs.p99,
    'delivery p50 ms': r.deliveryLatencyMs?.p50,
    'delivery p99 ms': r.deliveryLatencyMs?.p99,
  }));
  console.table(rows);
  process.exit(0);
}

void main();
