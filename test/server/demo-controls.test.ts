// The demo page's fault switches on the reference server (`demoControls`): off by default, a drop
// makes connected clients reconnect and resume, slow delays frames and responses, restart calls
// the host back after answering.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createChat, type Chat } from '../../src/core/chat';
import type { ConnectionStatus } from '../../src/core/model';
import type { Transport, TransportEvent } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import type { RunningServer } from '../../server/app';
import { DROP_OUTAGE_MS } from '../../server/demo-controls';
import { Customer, testServer } from './customer';

const post = (server: RunningServer, path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers });

async function until<T>(fn: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('demo controls off (the default)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await testServer({ onDemoRestart: () => undefined });
  });
  afterAll(() => server.close());

  it('has no /demo routes: they answer like any unknown path and change nothing', async () => {
    const { c } = await Customer.connect(server);
    try {
      const unknown = (await post(server, '/no-such-route')).status;
      expect(unknown).toBeGreaterThanOrEqual(400);
      for (const path of ['/demo/drop', '/demo/slow?ms=100', '/demo/restart']) {
        expect((await post(server, path)).status, path).toBe(unknown);
        expect((await fetch(server.url + path)).status, `GET ${path}`).toBe(404);
      }
      // The connected customer was not dropped and is not slowed.
      const t0 = Date.now();
      c.raw(JSON.stringify({ t: 'ping', n: 1 }));
      await c.waitFor((f) => f.t === 'pong' && f.n === 1, 2000);
      expect(Date.now() - t0).toBeLessThan(250);
      expect(c.closeCode).toBeUndefined();
    } finally {
      c.ws.close();
    }
  });
});

describe('demo controls on', () => {
  let server: RunningServer;
  let restarts = 0;
  beforeAll(async () => {
    server = await testServer({ demoControls: true, heartbeatMs: 500, onDemoRestart: () => void restarts++ });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await post(server, '/demo/slow?ms=0');
  });

  it('refuses requests from another origin and bad delays', async () => {
    expect((await post(server, '/demo/drop', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(server, '/demo/slow?ms=-1')).status).toBe(400);
    expect((await post(server, '/demo/slow?ms=99999')).status).toBe(400);
    expect((await post(server, '/demo/slow')).status).toBe(400);
    const r = await post(server, '/demo/slow?ms=0', { Origin: server.url });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ delayMs: 0 });
  });

  it('restart answers 202 first, then calls the host back', async () => {
    const before = restarts;
    const r = await post(server, '/demo/restart');
    expect(r.status).toBe(202);
    await until(() => restarts === before + 1, 2000, 'restart callback');
  });

  it('slow delays WebSocket frames and HTTP responses, in order, and 0 stops it', async () => {
    const { c } = await Customer.connect(server);
    try {
      const pongTime = async () => {
        const t0 = Date.now();
        c.raw(JSON.stringify({ t: 'ping', n: 7 }));
        await c.waitFor((f) => f.t === 'pong' && f.n === 7, 5000);
        c.frames.length = 0;
        return Date.now() - t0;
      };
      expect(await pongTime()).toBeLessThan(250);
      expect((await post(server, '/demo/slow?ms=400')).status).toBe(200);
      expect(await pongTime()).toBeGreaterThanOrEqual(380);

      // Two frames sent back to back arrive in order, both delayed.
      const t0 = Date.now();
      c.raw(JSON.stringify({ t: 'ping', n: 1 }));
      c.raw(JSON.stringify({ t: 'ping', n: 2 }));
      await c.waitFor((f) => f.t === 'pong' && f.n === 2, 5000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
      const pongs = c.frames.filter((f) => f.t === 'pong').map((f) => (f as { n: number }).n);
      expect(pongs).toEqual([1, 2]);
      c.frames.length = 0;

      const h0 = Date.now();
      const health = await fetch(`${server.url}/swp/v1/health`);
      expect(health.status).toBe(200);
      expect(Date.now() - h0).toBeGreaterThanOrEqual(380);

      expect((await post(server, '/demo/slow?ms=0')).status).toBe(200);
      expect(await pongTime()).toBeLessThan(250);
      const h1 = Date.now();
      await fetch(`${server.url}/swp/v1/health`);
      expect(Date.now() - h1).toBeLessThan(250);
    } finally {
      c.ws.close();
    }
  });

  it('after a drop, new connections are refused for a short outage, then accepted again', async () => {
    const { c } = await Customer.connect(server);
    expect((await post(server, '/demo/drop')).status).toBe(200);
    expect(await c.closed).toBe(1006);
    await expect(Customer.open(server)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, DROP_OUTAGE_MS + 50));
    const { c: again, welcome } = await Customer.connect(server);
    expect(welcome.t).toBe('welcome');
    again.ws.close();
  });

  const transports: Array<[string, () => Transport]> = [
    [
      'websocket',
      () =>
        createWebSocketTransport({
          url: server.url,
          WebSocket: WebSocket as unknown as WebSocketConstructor,
          reconnect: { minDelayMs: 50, maxDelayMs: 200 },
        }),
    ],
    ['http', () => createHttpTransport({ baseUrl: server.url, pollWaitSeconds: 5, reconnect: { minDelayMs: 50, maxDelayMs: 200 } })],
  ];

  describe.each(transports)('drop over %s', (_name, make) => {
    let chat: Chat | undefined;
    afterEach(async () => {
      await chat?.destroy();
    });

    it('cuts the connection; the client reconnects, resumes the same conversation and loses nothing', async () => {
      const transport = make();
      const events: TransportEvent[] = [];
      transport.on((e) => events.push(e));
      chat = createChat({ transport, locale: 'en' });
      const c = chat;
      const statuses: ConnectionStatus[] = [];
      c.on('status', (e) => statuses.push(e.status));
      await c.start();
      await until(() => c.state.messages.value.some((m) => m.from.role === 'bot'), 5000, 'greeting');
      const conversationId = transport.snapshot().conversationId;
      expect(conversationId).toBeTruthy();
      const first = c.send('Before the drop')!;
      await until(() => c.state.messages.value.find((m) => m.clientId === first.clientId && m.status === 'sent'), 5000, 'first sent');
      // Let the long-poll settle into waiting, so the drop has something to cut.
      await new Promise((r) => setTimeout(r, 300));

      statuses.length = 0;
      const r = await post(server, '/demo/drop');
      expect(r.status).toBe(200);
      expect(((await r.json()) as { dropped: number }).dropped).toBeGreaterThanOrEqual(1);
      const during = c.send('Written during the drop')!;
      await until(() => statuses.includes('reconnecting') && c.state.connection.value === 'online', 10_000, 'reconnecting, then online');
      expect(statuses[0]).toBe('reconnecting');
      await until(
        () => c.state.messages.value.find((m) => m.clientId === during.clientId && m.status === 'sent'),
        10_000,
        'sent after the drop',
      );

      expect(transport.snapshot().conversationId).toBe(conversationId);
      expect(events.some((e) => e.type === 'resync')).toBe(false);
      const page = await transport.fetchHistory!({ limit: 100 });
      expect(page.messages.filter((m) => m.clientId === during.clientId)).toHaveLength(1);
      expect(page.messages.filter((m) => m.clientId === first.clientId)).toHaveLength(1);
      const ids = c.state.messages.value.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
});
