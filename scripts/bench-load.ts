/**
 * Load benchmark of the reference server, one process on SQLite beside two processes on
 * PostgreSQL, in one run:
 *   - `sqlite`: one server process on its embedded SQLite file (on disk);
 *   - `pg2`: two server processes sharing a real PostgreSQL (Debian's, started here in a temp dir),
 *     customers spread over them by a round-robin balancer on loopback.
 * N WebSocket customers connect and stay connected; then the total send rate ramps up step by step
 * until ack p99 reaches the budget (or the acks fall behind the rate): the ceiling is the highest
 * rate whose step held. Each step prints connections held, messages/s, ack p50/p99, and delivery
 * latency (probe customers on the first process, an operator on the last; for `pg2` that crosses
 * processes through LISTEN/NOTIFY).
 *
 *   npm run bench:load                                     # 10,000 sockets, ramp, both scenarios
 *   npx tsx scripts/bench-load.ts --clients 2000 --rate 1000 --seconds 10   # one fixed step
 *   npx tsx scripts/bench-load.ts --scenarios sqlite --ramp 1000,2000,3000,4000 --budget 50
 *   npx tsx scripts/bench-load.ts --url http://127.0.0.1:8787   # an already running server
 *   BENCH_PROF=1 npx tsx scripts/bench-load.ts …           # CPU profiles of the servers in /tmp/prof
 *
 * Not part of the test suite (a budget is a printed measurement).
 * @module
 */
import { addObserver, observerCookie } from './bench/observer-account';
import { mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgres } from '../test/helpers/postgres';
import { startBalancer } from './bench/balancer';
import { closePool, connectPool, type LoadResult, observe, runStep } from './bench/load-clients';
import { type ServerProcess, startServerProcess } from './bench/processes';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const clients = Number(arg('clients', '10000'));
const seconds = Number(arg('seconds', '5'));
const rate = arg('rate', '');
const ramp = (rate || arg('ramp', '500,1000,1500,2000,2500,3000,3500,4000,5000,6000')).split(',').map(Number);
const budget = Number(arg('budget', '50'));
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

/** A scenario's steps and the ceiling found. */
interface Ramp {
  steps: LoadResult[];
  /** The highest rate whose step held (ack p99 under the budget, acks keeping up); 0 if none. */
  ceiling: number;
}

const held = (r: LoadResult): boolean => r.ackLatencyMs.p99 < budget && r.messagesPerSecond >= 0.95 * r.rate && r.nacks === 0;

/** Connects the pool through `wsUrl` and probes on `first` observed by an operator on `last`, then ramps. */
async function measure(wsUrl: string, first: string, last: string): Promise<Ramp> {
  const cookie = await observerCookie(last);
  const t0 = performance.now();
  const pool = await connectPool(wsUrl, clients);
  console.log(`  connected ${pool.clients.length}/${clients} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const probes = await connectPool(ws(first), PROBES, clients);
  const observed = { sentAt: new Map<string, number>(), seen: [] as number[] };
  const observer = await observe(opWs(last), cookie, observed.sentAt, observed.seen);
  const steps: LoadResult[] = [];
  try {
    for (const r of ramp) {
      const [main, probe] = await Promise.all([
        runStep(pool, { rate: r, seconds }),
        runStep(probes, { rate: PROBE_RATE, seconds, observed }),
      ]);
      const step = { ...main, ...(probe.deliveryLatencyMs ? { deliveryLatencyMs: probe.deliveryLatencyMs } : {}) };
      steps.push(step);
      const d = step.deliveryLatencyMs;
      console.log(
        `  ${r} msg/s asked: held ${step.connectionsHeld}/${step.clients}, ${step.messagesPerSecond} msg/s, ack p50 ${step.ackLatencyMs.p50} p99 ${step.ackLatencyMs.p99} ms` +
          (d ? `, delivery p50 ${d.p50} p99 ${d.p99} ms` : '') +
          (step.nacks ? `, ${step.nacks} nacks` : ''),
      );
      if (!held(step)) break;
    }
  } finally {
    observer.terminate();
    closePool(probes);
    closePool(pool);
  }
  const ok = steps.filter(held);
  return { steps, ceiling: ok.length ? Math.max(...ok.map((s) => s.rate)) : 0 };
}

async function sqliteScenario(): Promise<Ramp> {
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

async function pgScenario(): Promise<Ramp> {
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
  const results: Record<string, Ramp> = {};
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
  const rows = Object.entries(results).flatMap(([name, r]) =>
    r.steps.map((s) => ({
      scenario: name,
      'asked msg/s': s.rate,
      held: `${s.connectionsHeld}/${s.clients}`,
      'msg/s': s.messagesPerSecond,
      'ack p50 ms': s.ackLatencyMs.p50,
      'ack p99 ms': s.ackLatencyMs.p99,
      'delivery p50 ms': s.deliveryLatencyMs?.p50,
      'delivery p99 ms': s.deliveryLatencyMs?.p99,
    })),
  );
  console.table(rows);
  for (const [name, r] of Object.entries(results)) {
    const top = r.steps.find((s) => s.rate === r.ceiling);
    console.log(
      `ceiling, ${name}: ${r.ceiling} msg/s with ack p99 < ${budget} ms` +
        (top ? ` (${top.connectionsHeld} sockets held, p50 ${top.ackLatencyMs.p50} ms, p99 ${top.ackLatencyMs.p99} ms)` : ''),
    );
  }
  process.exit(0);
}

void main();
