/**
 * A scriptable SWP/1 WebSocket peer on 127.0.0.1 for state-machine tests of the WebSocket
 * transport: it records every frame, answers `hello` with a configurable `welcome`, and lets a test
 * send raw frames or close sockets with any code. It is not the reference server (see server/).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeConnection {
  socket: WebSocket;
  frames: Array<Record<string, unknown>>;
  protocol: string;
  send(frame: unknown): void;
  sendRaw(text: string): void;
  close(code: number, reason?: string): void;
}

export interface FakeServerOptions {
  /** Builds the welcome for a hello; return null to stay silent. */
  welcome?: (hello: Record<string, unknown>, connection: FakeConnection, index: number) => Record<string, unknown> | null;
  /** Answers frames other than hello; default: ack every frame with an id. */
  onFrame?: (frame: Record<string, unknown>, connection: FakeConnection) => void;
}

export interface FakeServer {
  url: string;
  connections: FakeConnection[];
  /** Resolves when the `n`th (1-based) connection has sent a hello. */
  hello(n: number): Promise<Record<string, unknown>>;
  /** Resolves when `predicate` matches a frame received on the connection. */
  frame(connection: FakeConnection, predicate: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export function defaultWelcome(hello: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    t: 'welcome',
    ref: hello.id,
    sessionId: 's1',
    sessionToken: 'token-1',
    conversationId: 'c1',
    resumed: hello.resume !== undefined,
    cursor: '0',
    heartbeatMs: 25_000,
    capabilities: { rating: true },
    availability: { operatorsOnline: true },
    user: { id: 'u1', role: 'user', verified: false },
    conversation: { id: 'c1', state: 'open', handoff: 'none', lastSeq: 0 },
    ...overrides,
  };
}

/** Polls `check` until it returns a value other than undefined/false. */
export async function until<T>(check: () => T | undefined | false, timeoutMs = 5000, label = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const connections: FakeConnection[] = [];
  const hellos: Array<Record<string, unknown>> = [];

  wss.on('connection', (socket, req) => {
    const connection: FakeConnection = {
      socket,
      frames: [],
      protocol: socket.protocol || String(req.headers['sec-websocket-protocol'] ?? ''),
      send: (frame) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(frame)),
      sendRaw: (text) => socket.readyState === socket.OPEN && socket.send(text),
      close: (code, reason) => socket.close(code, reason),
    };
    connections.push(connection);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      connection.frames.push(frame);
      if (frame.t === 'hello') {
        hellos.push(frame);
        const welcome = (options.welcome ?? ((h) => defaultWelcome(h)))(frame, connection, hellos.length);
        if (welcome) connection.send(welcome);
        return;
      }
      if (options.onFrame) options.onFrame(frame, connection);
      else if (typeof frame.id === 'string') connection.send({ t: 'ack', ref: frame.id });
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/swp/v1/ws`,
    connections,
    hello: (n) => until(() => hellos[n - 1], 5000, `hello #${n}`),
    frame: (connection, predicate) => until(() => connection.frames.find(predicate), 5000, 'frame'),
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
