/**
 * The load driver of `bench-load.ts`: N WebSocket customers, each saying hello and then sending at
 * a steady total rate; measures ack latency, and (with an observer) how long a message takes to
 * reach an operator connected elsewhere (another process). Not part of the test suite.
 * @module
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** One scenario's figures. */
export interface LoadResult {
  clients: number;
  connectionsHeld: number;
  seconds: number;
  sent: number;
  acked: number;
  nacks: number;
  errors: number;
  messagesPerSecond: number;
  ackLatencyMs: { p50: number; p99: number; max: number };
  /** Send → an operator on another process got the event (only when an observer was given). */
  deliveryLatencyMs?: { p50: number; p99: number; max: number; seen: number };
}

/** What to run. */
export interface LoadOptions {
  wsUrl: string;
  clients: number;
  seconds: number;
  /** Messages per second across all clients. */
  rate: number;
  /** Operator WebSocket URL of another process, to measure cross-process delivery. */
  observerWsUrl?: string;
  /** The observer's session cookie (`swp_operator=…`): operator sockets need a signed-in account. */
  observerCookie?: string;
}

interface Client {
  ws: WebSocket;
  conversationId: string;
  sent: Map<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const summary = (values: number[]) => {
  values.sort((a, b) => a - b);
  return {
    p50: +percentile(values, 50).toFixed(2),
    p99: +percentile(values, 99).toFixed(2),
    max: +(values.at(-1) ?? Number.NaN).toFixed(2),
  };
};

interface Tally {
  latencies: number[];
  acks: number;
  nacks: number;
  errors: number;
  measuring: boolean;
}

function openClient(wsUrl: string, i: number, tally: Tally): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'swp.v1', { perMessageDeflate: false });
    const c: Client = { ws, conversationId: '', sent: new Map() };
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', id: `h${i}`, client: { sdk: 'bench', locale: 'en' } })));
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as { t: string; ref?: string; conversationId?: string; n?: number };
      if (f.t === 'welcome') {
        c.conversationId = f.conversationId!;
        resolve(c);
      } else if (f.t === 'ack' && f.ref) {
        const t0 = c.sent.get(f.ref);
        if (t0 === undefined) return;
        c.sent.delete(f.ref);
        if (!tally.measuring) return;
        tally.latencies.push(performance.now() - t0);
        tally.acks++;
      } else if (f.t === 'nack') tally.nacks++;
      else if (f.t === 'ping') ws.send(JSON.stringify({ t: 'pong', n: f.n }));
    });
    ws.on('error', (e) => {
      tally.errors++;
      reject(e);
    });
  });
}

/** An operator connection that timestamps every customer message it sees, by client id. */
function observe(wsUrl: string, cookie: string, sentAt: Map<string, number>, seen: number[]): Promise<WebSocket> {
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

async function connectAll(o: LoadOptions, tally: Tally): Promise<Client[]> {
  const pool: Client[] = [];
  for (let i = 0; i < o.clients; i += 100) {
    const got = await Promise.allSettled(Array.from({ length: Math.min(100, o.clients - i) }, (_, k) => openClient(o.wsUrl, i + k, tally)));
    for (const g of got) if (g.status === 'fulfilled') pool.push(g.value);
  }
  return pool;
}

/** Runs one scenario and returns its figures (the sockets are closed at the end). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const tally: Tally = { latencies: [], acks: 0, nacks: 0, errors: 0, measuring: false };
  const t0 = performance.now();
  const pool = await connectAll(o, tally);
  console.log(`  connected ${pool.length}/${o.clients} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sentAt = new Map<string, number>();
  const delivered: number[] = [];
  const observer = o.observerWsUrl ? await observe(o.observerWsUrl, o.observerCookie ?? '', sentAt, delivered) : undefined;
  let carry = 0;
  let last = performance.now();
  let next = 0;
  let seq = 0;
  let sent = 0;
  tally.measuring = true;
  const started = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    carry += ((now - last) * o.rate) / 1000;
    last = now;
    const n = Math.floor(carry);
    carry -= n;
    for (let k = 0; k < n; k++) {
      const c = pool[next++ % pool.length]!;
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      const id = `s${++seq}`;
      const at = performance.now();
      c.sent.set(id, at);
      if (observer) sentAt.set(id, at);
      c.ws.send(JSON.stringify({ t: 'send', id, conversationId: c.conversationId, clientId: id, text: `load message ${seq}` }));
      sent++;
    }
  }, 20);
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 1000)); // let in-flight acks and deliveries land
  tally.measuring = false;
  const elapsed = (performance.now() - started - 1000) / 1000;
  const result: LoadResult = {
    clients: o.clients,
    connectionsHeld: pool.filter((c) => c.ws.readyState === WebSocket.OPEN).length,
    seconds: Number(elapsed.toFixed(1)),
    sent,
    acked: tally.acks,
    nacks: tally.nacks,
    errors: tally.errors,
    messagesPerSecond: Math.round(tally.acks / elapsed),
    ackLatencyMs: summary(tally.latencies),
    ...(observer ? { deliveryLatencyMs: { ...summary(delivered), seen: delivered.length } } : {}),
  };
  for (const c of pool) c.ws.terminate();
  observer?.terminate();
  return result;
}
