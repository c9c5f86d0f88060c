// The chat engine over both SWP/1 transports and the real reference server, with a network cut:
// a message written while disconnected waits in the outbox and is delivered exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createChat } from '../../src/core/chat';
import type { Transport } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer } from '../../server/app';
import { until } from './helpers/fake-swp-server';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let proxy: TcpProxy;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    heartbeatMs: 500,
    botDelayMs: 0,
  });
  proxy = await startTcpProxy(Number(new URL(server.url).port));
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

const transports: Array<[string, (baseUrl: string) => Transport]> = [
  [
    'websocket',
    (url) =>
      createWebSocketTransport({
        url,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { minDelayMs: 50, maxDelayMs: 200 },
      }),
  ],
  ['http', (baseUrl) => createHttpTransport({ baseUrl, pollWaitSeconds: 2, reconnect: { minDelayMs: 50, maxDelayMs: 200 } })],
];

describe.each(transports)('chat engine over the %s transport', (_name, make) => {
  it('greets, sends, survives a cut, and delivers the queued message once', async () => {
    const transport = make(`http://${proxy.host}`);
    const chat = createChat({ transport, locale: 'en' });
    try {
      await chat.start();
      expect(chat.state.connection.value).toBe('online');
      await until(() => chat.state.messages.value.some((m) => m.from.role === 'bot'), 5000, 'greeting');
      const first = chat.send('Hello')!;
      await until(() => chat.state.messages.value.find((m) => m.clientId === first.clientId && m.status === 'sent'), 5000, 'first sent');

      proxy.refusing = true;
      proxy.dropAll();
      await until(() => chat.state.connection.value === 'reconnecting' || undefined, 5000, 'reconnecting');
      const queued = chat.send('Written while offline')!;
      expect(queued.status).toBe('queued');
      proxy.refusing = false;
      chat.transport.checkAlive?.('online');
      await until(
        () => chat.state.messages.value.find((m) => m.clientId === queued.clientId && m.status === 'sent'),
        10_000,
        'queued message sent',
      );

      const page = await transport.fetchHistory!({ limit: 100 });
      expect(page.messages.filter((m) => m.clientId === queued.clientId)).toHaveLength(1);
      const ids = chat.state.messages.value.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(chat.state.messages.value.filter((m) => m.clientId === queued.clientId)).toHaveLength(1);
    } finally {
      proxy.refusing = false;
      await chat.destroy();
    }
  });
});
