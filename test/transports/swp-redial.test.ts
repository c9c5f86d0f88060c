// The re-dialling socket (swp/redial) against a real `ws` server on 127.0.0.1, a TCP server that
// never answers the upgrade (for the connection timeout), and a fake class for what a real
// socket cannot be made to do on cue.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { SWP_SUBPROTOCOL } from '../../src/transports/swp/frames';
import { redial, type Redial } from '../../src/transports/swp/redial';
import { createSocketRegistry, type WebSocketConstructor, type WebSocketLike } from '../../src/transports/swp/socket';
import { until } from './helpers/fake-swp-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Peer {
  socket: ServerSocket;
  protocol: string;
  messages: string[];
  closed?: { code: number; reason: string };
}

async function startServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const peers: Peer[] = [];
  wss.on('connection', (socket) => {
    const peer: Peer = { socket, protocol: socket.protocol, messages: [] };
    peers.push(peer);
    socket.on('message', (data) => peer.messages.push(String(data)));
    socket.on('close', (code, reason) => (peer.closed = { code, reason: String(reason) }));
  });
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    return new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, peers, wss };
}

/** A TCP server that accepts and never answers: a WebSocket to it stays CONNECTING. */
async function startBlackhole() {
  const accepted: Socket[] = [];
  const server: Server = createServer((s) => (accepted.push(s), s.on('error', () => undefined)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const s of accepted) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, accepted };
}

/** A redial whose callbacks are recorded; `WebSocket` defaults to the registry-wrapped `ws`. */
function setup(nextUrl: () => Promise<string>, opts: { connectTimeoutMs?: number; WebSocket?: WebSocketConstructor } = {}) {
  const registry = createSocketRegistry(opts.WebSocket ?? (WebSocket as unknown as WebSocketConstructor));
  const log: string[] = [];
  const closes: Array<{ code?: number; reason?: string }> = [];
  let dials = 0;
  const link: Redial = redial(() => (dials++, nextUrl()), registry.WebSocket, opts.connectTimeoutMs ?? 2000, {
    open: () => log.push('open'),
    message: (e) => log.push(`message ${String(e.data)}`),
    close: (e) => (log.push(`close ${e.code}`), closes.push(e)),
  });
  cleanups.push(() => (link.close(1000, 'bye'), registry.settled(2000)));
  return { link, registry, log, closes, dials: () => dials };
}

describe('swp/redial', () => {
  it('dials with the provided URL and the SWP subprotocol; sends, receives, and closes for good unheard', async () => {
    const server = await startServer();
    const { link, registry, log, dials } = setup(async () => server.url);
    expect(link.readyState).toBe(0);
    await until(() => log.includes('open'), 5000, 'open');
    expect(server.peers).toHaveLength(1);
    expect(server.peers[0]!.protocol).toBe(SWP_SUBPROTOCOL);
    expect(link.readyState).toBe(1);
    link.send('up');
    server.peers[0]!.socket.send('down');
    await until(() => server.peers[0]!.messages.includes('up') && log.includes('message down'), 5000, 'both frames');

    link.close(1000, 'bye');
    await registry.settled(2000);
    await until(() => server.peers[0]!.closed, 5000, 'server sees the close');
    expect(server.peers[0]!.closed).toEqual({ code: 1000, reason: 'bye' });
    expect(link.readyState).toBe(3);
    link.send('after close'); // dropped, no throw
    await pause(50);
    expect(log).toEqual(['open', 'message down']); // no close heard
    expect(dials()).toBe(1);
    expect(server.peers).toHaveLength(1);
  });

  it('a close from the server is heard with its code, then the provider is asked again and a new socket opens', async () => {
    const server = await startServer();
    const { log, closes, dials } = setup(async () => server.url);
    await until(() => server.peers[0], 5000, 'first peer');
    await until(() => log.includes('open'));
    server.peers[0]!.socket.close(4429, 'slow down');
    await until(() => log.filter((l) => l === 'open').length === 2 || undefined, 5000, 'second open');
    expect(closes[0]).toEqual({ code: 4429, reason: 'slow down' });
    expect(log).toEqual(['open', 'close 4429', 'open']);
    expect(dials()).toBe(2);
    expect(server.peers).toHaveLength(2);
  });

  it('a socket not open within connectTimeoutMs is closed, reported (1006) and re-dialled', async () => {
    const hole = await startBlackhole();
    const { registry, closes, dials, link } = setup(async () => hole.url, { connectTimeoutMs: 100 });
    await until(() => dials() >= 3 || undefined, 5000, 'third dial');
    expect(closes.length).toBeGreaterThanOrEqual(2);
    expect(closes[0]).toEqual({ code: 1006, reason: 'connect timeout' });
    await until(() => hole.accepted.length >= 2 || undefined, 5000, 'second TCP connection');
    // Every timed-out socket was closed: at most the current attempt is still live.
    expect(registry.live.size).toBeLessThanOrEqual(1);
    link.close(1000, 'bye');
    await registry.settled(2000);
    expect(registry.live.size).toBe(0);
  });

  it('reconnect(code) closes the socket with that code, is heard as that close, and dials again', async () => {
    const server = await startServer();
    const { link, log, dials } = setup(async () => server.url);
    await until(() => log.includes('open'));
    link.reconnect(4000, 'reconnect');
    expect(log).toEqual(['open', 'close 4000']); // heard at once
    await until(() => server.peers[0]?.closed, 5000, 'server sees the close');
    expect(server.peers[0]!.closed).toEqual({ code: 4000, reason: 'reconnect' });
    await until(() => log.length === 3 || undefined, 5000, 'second open');
    expect(log[2]).toBe('open');
    expect(dials()).toBe(2);
    expect(server.peers).toHaveLength(2);
  });

  it('close() during a pending dial (the provider still waiting) opens nothing', async () => {
    const server = await startServer();
    let release!: (url: string) => void;
    const { link, registry, log, dials } = setup(() => new Promise<string>((resolve) => (release = resolve)));
    await until(() => dials() === 1 || undefined, 1000, 'the provider asked');
    link.close(1000, 'bye');
    release(server.url);
    await pause(100);
    expect(registry.live.size).toBe(0);
    expect(server.peers).toHaveLength(0);
    expect(log).toEqual([]);
    expect(link.readyState).toBe(3);
    link.reconnect(4000, 'reconnect'); // stopped for good
    await pause(50);
    expect(dials()).toBe(1);
    expect(server.peers).toHaveLength(0);
  });

  it('close() before the first dial asks nothing at all', async () => {
    const { link, dials } = setup(async () => 'ws://127.0.0.1:9/');
    link.close(1000, 'bye');
    await pause(20);
    expect(dials()).toBe(0);
  });

  it('close() while the socket is connecting closes it, and nobody hears open or close', async () => {
    const server = await startServer();
    const Base = WebSocket as unknown as WebSocketConstructor;
    let link: Redial | undefined;
    const states: number[] = [];
    // Right after construction (a microtask later), long before the handshake can finish.
    const Closing = class extends (Base as new (url: string, protocols?: string | string[]) => WebSocketLike) {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        queueMicrotask(() => (states.push(this.readyState), link?.close(1000, 'bye')));
      }
    };
    const t = setup(async () => server.url, { WebSocket: Closing });
    link = t.link;
    await until(() => t.dials() === 1 || undefined);
    await until(() => states.length === 1 || undefined);
    expect(states).toEqual([0]); // it was closed while CONNECTING
    await t.registry.settled(2000);
    expect(t.registry.live.size).toBe(0);
    await pause(100);
    expect(t.log).toEqual([]);
    expect(server.wss.clients.size).toBe(0);
    expect(t.dials()).toBe(1);
  });

  it('a socket that refuses close() while connecting is closed as soon as it opens', async () => {
    const made: FakeSocket[] = [];
    class FakeSocket {
      readyState = 0;
      closes: Array<[number | undefined, string | undefined]> = [];
      private readonly listeners = new Map<string, Array<(e: unknown) => void>>();
      constructor(
        readonly url: string,
        readonly protocols?: string | string[],
      ) {
        made.push(this);
      }
      addEventListener(type: string, listener: (e: never) => void) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener as (e: unknown) => void]);
      }
      send() {}
      close(code?: number, reason?: string) {
        if (this.readyState === 0) throw new Error('InvalidStateError: still connecting');
        this.closes.push([code, reason]);
        this.readyState = 3;
        this.emit('close', { code: code ?? 1005, reason: reason ?? '' });
      }
      emit(type: string, event: unknown = {}) {
        if (type === 'open') this.readyState = 1;
        for (const l of this.listeners.get(type) ?? []) l(event);
      }
    }
    const t = setup(async () => 'ws://fake/', { WebSocket: FakeSocket });
    await until(() => made[0]);
    expect(made[0]!.protocols).toBe(SWP_SUBPROTOCOL);
    t.link.close(1000, 'bye');
    expect(made[0]!.closes).toEqual([]);
    made[0]!.emit('open');
    expect(made[0]!.closes).toEqual([[undefined, undefined]]);
    await t.registry.settled(100);
    expect(t.registry.live.size).toBe(0);
    expect(t.log).toEqual([]);
    expect(made).toHaveLength(1);
  });
});
