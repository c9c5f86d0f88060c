/**
 * The load driver of `bench-load.ts`: a pool of N WebSocket customers (each says hello once and
 * stays connected), then steps of a steady total send rate over the pool; each step measures ack
 * latency and, with an observer, how long a message takes to reach an operator connected elsewhere
 * (another process). Frames other than acks and pings are not parsed (the driver shares the CPU
 * with the server). Not part of the test suite.
 * @module
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** One step's figures. */
export interface LoadResult {
  clients: number;
  connectionsHeld: number;
  /** The rate asked for (messages per second over the pool). */
  rate: number;
  seconds: number;
  sent: number;
  acked: number;
  nacks: number;
  errors: number;
  messagesPerSecond: number;
  /** Over every send of the step; a send not acked by the end of the drain counts as slower than any. */
  ackLatencyMs: { p50: number; p99: number; max: number };
  /** Send → an operator on another process got the event (only when an observer was given). */
  deliveryLatencyMs?: { p50: number; p99: number; max: number; seen: number };
}

interface Client {
  ws: WebSocket;
  conversationId: string;
  sent: Map<string, number>;
}

/** Connected customers and what they count. */
export interface Pool {
  clients: Client[];
  latencies: number[];
  acks: number;
  nacks: number;
  errors: number;
  measuring: boolean;
  /** Sends of the running step not acked yet. */
  inFlight: number;
  seq: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const summary = (values: number[]) => {
  values.sort((a, b) => a - b);
  const round = (v: number) => (Number.isFinite(v) ? +v.toFixed(2) : v);
  return { p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(values.at(-1) ?? Number.NaN) };
};

/**
 * The loopback address customer `i` connects from: ten customers per address over 127.0.0.0/8, as
 * customers behind many addresses (the per-address windows and socket leases stay small, as they
 * would in production, instead of 10,000 sockets counted under one key).
 */
export function sourceAddress(i: number): string {
  const a = Math.floor(i / 10);
  return `127.${1 + Math.floor(a / 62_500)}.${1 + (Math.floor(a / 250) % 250)}.${1 + (a % 250)}`;
}

function openClient(wsUrl: string, i: number, pool: Pool): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'swp.v1', { perMessageDeflate: false, localAddress: sourceAddress(i) });
    const c: Client = { ws, conversationId: '', sent: new Map() };
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', id: `h${i}`, client: { sdk: 'bench', locale: 'en' } })));
    ws.on('message', (data) => {
      const text = String(data);
      // Only these are read; events, typing and summaries are skipped unparsed.
      if (text.startsWith('{"t":"ack"')) {
        const f = JSON.parse(text) as { ref?: string };
        const t0 = f.ref ? c.sent.get(f.ref) : undefined;
        if (t0 === undefined) return;
        c.sent.delete(f.ref!);
        pool.inFlight--;
        if (!pool.measuring) return;
        pool.latencies.push(performance.now() - t0);
        pool.acks++;
      } else if (text.startsWith('{"t":"ping"')) ws.send(JSON.stringify({ t: 'pong', n: (JSON.parse(text) as { n: number }).n }));
      else if (text.startsWith('{"t":"nack"')) pool.nacks++;
      else if (text.startsWith('{"t":"welcome"')) {
        c.conversationId = (JSON.parse(text) as { conversationId: string }).conversationId;
        resolve(c);
      }
    });
    ws.on('error', (e) => {
      pool.errors++;
      reject(e);
    });
  });
}

/** An operator connection that timestamps every customer message it sees, by client id. */
export function observe(wsUrl: string, cookie: string, sentAt: Map<string, number>, seen: number[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false, headers: { Cookie: cookie } });
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', id: 'obs' })));
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as { t: string; n?: number; event?: { type: string; message?: { clientId?: string } } };
      if (f.t === 'welcome') resolve(ws);
      else if (f.t === 'ping') ws.send(JSON.stringify({ t: 'pong', n: f.n }));
      else if (f.t === 'event' && f.event?.type === 'message') {
        const id = f.event.message?.clientId;
        const t0 = id ? sentAt.get(id) : undefined;
        if (t0 !== undefined) {
          sentAt.delete(id!);
          seen.push(performance.now() - t0);
        }
      }
    });
    ws.on('error', reject);
  });
}

/** Connects `count` customers (numbered from `first`, for their addresses), 200 handshakes at a time. */
export async function connectPool(wsUrl: string, count: number, first = 0): Promise<Pool> {
  const pool: Pool = { clients: [], latencies: [], acks: 0, nacks: 0, errors: 0, measuring: false, inFlight: 0, seq: 0 };
  for (let i = 0; i < count; i += 200) {
    const got = await Promise.allSettled(
      Array.from({ length: Math.min(200, count - i) }, (_, k) => openClient(wsUrl, first + i + k, pool)),
    );
    for (const g of got) if (g.status === 'fulfilled') pool.clients.push(g.value);
  }
  return pool;
}

/** What one step runs. */
export interface StepOptions {
  rate: number;
  seconds: number;
  /** Timestamps of sends an observer watches for (see {@link observe}). */
  observed?: { sentAt: Map<string, number>; seen: number[] };
}

/** Sends at `rate` for `seconds`, waits up to 3 s for the acks in flight, and returns the step's figures. */
export async function runStep(pool: Pool, o: StepOptions): Promise<LoadResult> {
  Object.assign(pool, { latencies: [], acks: 0, nacks: 0, errors: 0, measuring: true });
  let carry = 0;
  let last = performance.now();
  let next = 0;
  let sent = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    carry += ((now - last) * o.rate) / 1000;
    last = now;
    const n = Math.floor(carry);
    carry -= n;
    for (let k = 0; k < n; k++) {
      const c = pool.clients[next++ % pool.clients.length]!;
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      const id = `s${++pool.seq}`;
      const at = performance.now();
      c.sent.set(id, at);
      o.observed?.sentAt.set(id, at);
      c.ws.send(JSON.stringify({ t: 'send', id, conversationId: c.conversationId, clientId: id, text: `load message ${pool.seq}` }));
      pool.inFlight++;
      sent++;
    }
  }, 10);
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  clearInterval(timer);
  const elapsed = (performance.now() - started) / 1000;
  for (let waited = 0; pool.inFlight > 0 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  pool.measuring = false;
  // Not acked in time: slower than anything measured (and forgotten, so a late ack is not counted later).
  const lost = Math.max(0, sent - pool.acks - pool.nacks);
  for (const c of pool.clients) c.sent.clear();
  pool.inFlight = 0;
  const seen = o.observed?.seen.splice(0) ?? [];
  return {
    clients: pool.clients.length,
    connectionsHeld: pool.clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length,
    rate: o.rate,
    seconds: Number(elapsed.toFixed(1)),
    sent,
    acked: pool.acks,
    nacks: pool.nacks,
    errors: pool.errors,
    messagesPerSecond: Math.round(pool.acks / elapsed),
    ackLatencyMs: summary([...pool.latencies, ...Array.from({ length: lost }, () => Number.POSITIVE_INFINITY)]),
    ...(o.observed ? { deliveryLatencyMs: { ...summary(seen), seen: seen.length } } : {}),
  };
}

/** Closes every socket of a pool. */
export function closePool(pool: Pool): void {
  for (const c of pool.clients) c.ws.terminate();
}
