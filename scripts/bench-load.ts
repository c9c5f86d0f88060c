/**
 * Load benchmark of the reference server: N concurrent WebSocket customers on loopback, each
 * sending at a steady rate; prints connections held, messages/s and ack latency percentiles.
 *
 *   ulimit -n 8192   # each client is two sockets when the server runs in-process
 *   npx tsx scripts/bench-load.ts --clients 2000 --seconds 10 [--rate 1000] [--url http://127.0.0.1:8787]
 *
 * Without --url it starts the server in-process (in-memory database unless --data-dir is given,
 * bot replies on, no typing delay). Not part of the test suite.
 * @module
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../server/app';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const clients = Number(arg('clients', '2000'));
const seconds = Number(arg('seconds', '10'));
const totalRate = Number(arg('rate', '1000')); // messages per second across all clients
const url = arg('url', '');
const dataDir = arg('data-dir', ':memory:');

interface Client {
  ws: WebSocket;
  conversationId: string;
  sent: Map<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  let server: RunningServer | undefined;
  let wsUrl: string;
  if (url) wsUrl = url.replace(/^http/, 'ws').replace(/\/$/, '') + '/swp/v1/ws';
  else {
    server = await startServer({ port: 0, dataDir, logLevel: 'silent', botDelayMs: 0, limits: { maxFramesPer10s: 1000 } });
    wsUrl = server.wsUrl;
  }
  const latencies: number[] = [];
  let acks = 0;
  let nacks = 0;
  let errors = 0;
  let measuring = false;

  const open = (i: number): Promise<Client> =>
    new Promise((resolve, reject) => {
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
          if (t0 !== undefined) {
            c.sent.delete(f.ref);
            if (measuring) {
              latencies.push(performance.now() - t0);
              acks++;
            }
          }
        } else if (f.t === 'nack') nacks++;
        else if (f.t === 'ping') ws.send(JSON.stringify({ t: 'pong', n: f.n }));
      });
      ws.on('error', (e) => {
        errors++;
        reject(e);
      });
    });

  const t0 = performance.now();
  const pool: Client[] = [];
  const batch = 100;
  for (let i = 0; i < clients; i += batch) {
    const got = await Promise.allSettled(Array.from({ length: Math.min(batch, clients - i) }, (_, k) => open(i + k)));
    for (const g of got) if (g.status === 'fulfilled') pool.push(g.value);
  }
  const connectMs = performance.now() - t0;
  console.log(`connected ${pool.length}/${clients} clients in ${(connectMs / 1000).toFixed(1)} s`);

  // Steady load: every tick, a slice of clients each sends one message.
  const tickMs = 20;
  let carry = 0;
  let last = performance.now();
  let next = 0;
  let seq = 0;
  let sentTotal = 0;
  measuring = true;
  const started = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    carry += ((now - last) * totalRate) / 1000;
    last = now;
    const n = Math.floor(carry);
    carry -= n;
    for (let k = 0; k < n; k++) {
      const c = pool[next++ % pool.length]!;
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      const id = `s${++seq}`;
      c.sent.set(id, performance.now());
      c.ws.send(JSON.stringify({ t: 'send', id, conversationId: c.conversationId, clientId: id, text: `load message ${seq}` }));
      sentTotal++;
    }
  }, tickMs);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 500)); // let in-flight acks land
  measuring = false;
  const elapsed = (performance.now() - started - 500) / 1000;
  const held = pool.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        clients,
        connectionsHeld: held,
        seconds: Number(elapsed.toFixed(1)),
        sent: sentTotal,
        acked: acks,
        nacks,
        errors,
        messagesPerSecond: Math.round(acks / elapsed),
        ackLatencyMs: {
          p50: +percentile(latencies, 50).toFixed(2),
          p99: +percentile(latencies, 99).toFixed(2),
          max: +(latencies[latencies.length - 1] ?? NaN).toFixed(2),
        },
      },
      null,
      2,
    ),
  );
  for (const c of pool) c.ws.terminate();
  await server?.close();
  process.exit(0);
}

void main();
