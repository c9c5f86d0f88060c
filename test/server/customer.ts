/**
 * Test-side SWP/1 customer client over WebSocket, plus server start helpers.
 * @module
 */
import WebSocket from 'ws';
import type { ServerFrame, WelcomeFrame } from '../../src/transports/swp/frames';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { createFallbackBot } from '../../server/bot-fallback';
import { rememberServer } from '../helpers/operator-accounts';

/**
 * Starts a quiet in-memory server with the predictable fallback bot (remembered, so the sign-in
 * helpers can create operator accounts on it).
 */
export async function testServer(options: ServerOptions = {}): Promise<RunningServer> {
  return rememberServer(
    await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', botDelayMs: 0, bot: createFallbackBot(), ...options }),
  );
}

/** A raw customer connection. */
export class Customer {
  readonly frames: ServerFrame[] = [];
  closeCode: number | undefined;
  private readonly waiters = new Set<{ test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }>();
  private n = 0;
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as ServerFrame;
      this.frames.push(f);
      for (const w of [...this.waiters])
        if (w.test(f)) {
          this.waiters.delete(w);
          w.resolve(f);
        }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  /** Opens a connection (no hello yet). */
  static async open(server: RunningServer): Promise<Customer> {
    const ws = new WebSocket(server.wsUrl, 'swp.v1');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Customer(ws);
  }

  /** Opens a connection and says hello; resolves with the welcome. */
  static async connect(server: RunningServer, hello: Record<string, unknown> = {}): Promise<{ c: Customer; welcome: WelcomeFrame }> {
    const c = await Customer.open(server);
    const f = await c.request({ t: 'hello', client: { sdk: 'test', locale: 'en' }, ...hello });
    if (f.t !== 'welcome') throw new Error(`expected welcome, got ${JSON.stringify(f)}`);
    return { c, welcome: f };
  }

  raw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a frame with a fresh id; resolves with the frame answering it (ack, nack, welcome, history.page) or an error. */
  request(frame: Record<string, unknown>, timeoutMs = 3000): Promise<ServerFrame> {
    const id = (frame.id as string | undefined) ?? `f${++this.n}`;
    const p = this.waitFor((f) => ('ref' in f && f.ref === id) || f.t === 'error', timeoutMs, false);
    this.ws.send(JSON.stringify({ ...frame, id }));
    return p;
  }

  /** First frame (already received unless `past` is false) matching the predicate. */
  waitFor(test: (f: ServerFrame) => boolean, timeoutMs = 3000, past = true): Promise<ServerFrame> {
    if (past) {
      const hit = this.frames.find(test);
      if (hit) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const w = { test, resolve: (f: ServerFrame) => (clearTimeout(timer), resolve(f)) };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`timed out; frames: ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** Durable events received, by seq. */
  events(): Array<Extract<ServerFrame, { t: 'event' }>> {
    return this.frames.filter((f): f is Extract<ServerFrame, { t: 'event' }> => f.t === 'event');
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    await this.closed;
  }
}

/** Waits until `fn` returns true (polling). */
export async function until(fn: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!fn()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
