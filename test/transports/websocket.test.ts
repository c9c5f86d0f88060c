// The WebSocket transport against the real reference server (conformance suite).
import { WebSocket } from 'ws';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer } from '../../server/app';
import { runAdapterConformance } from './adapter-conformance';
import { runConformance } from './conformance';
import { startTcpProxy } from './helpers/tcp-proxy';

runConformance('websocket', ({ baseUrl }) =>
  createWebSocketTransport({
    url: baseUrl,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    connectTimeoutMs: 3000,
    ackTimeoutMs: 3000,
  }),
);

// The capability-driven adapter suite too (the one the Chatwoot and Rasa adapters pass), through a
// fault proxy: what it asks of every backend, the reference server gives.
runAdapterConformance('websocket (reference server)', async () => {
  const server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    heartbeatMs: 500,
    botDelayMs: 0,
  });
  const proxy = await startTcpProxy(Number(new URL(server.url).port));
  const make = (url: string) =>
    createWebSocketTransport({
      url,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      reconnect: { minDelayMs: 50, maxDelayMs: 300 },
      connectTimeoutMs: 3000,
      ackTimeoutMs: 3000,
    });
  const expires = Math.floor(Date.now() / 1000) + 3600;
  return {
    make: () => make(`http://${proxy.host}`),
    badUser: { id: 'user-42', hash: 'f'.repeat(64), hashExpires: expires },
    drop: () => proxy.dropAll(),
    refuse: (on) => {
      proxy.refusing = on;
    },
    async missed(session) {
      // Another tab of the same visitor writes while this one is offline.
      const other = make(server.url);
      await other.connect({ user: {}, locale: 'en', resume: { sessionToken: session.sessionToken! } });
      await other.send({ clientId: `c_other_${Date.now()}`, text: 'written in another tab' });
      await other.disconnect();
      return 'written in another tab';
    },
    async close() {
      await proxy.close();
      await server.close();
    },
  };
});
