// The HTTP transport against the real reference server (conformance suite).
import { createHttpTransport } from '../../src/transports/http';
import { startServer } from '../../server/app';
import { runAdapterConformance } from './adapter-conformance';
import { runConformance } from './conformance';
import { startTcpProxy } from './helpers/tcp-proxy';

runConformance('http', ({ baseUrl }) =>
  createHttpTransport({
    baseUrl,
    pollWaitSeconds: 2,
    requestTimeoutMs: 3000,
    retryLimit: 2,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
  }),
);

// The capability-driven adapter suite too, through a fault proxy.
runAdapterConformance('http (reference server)', async () => {
  const server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    heartbeatMs: 500,
    botDelayMs: 0,
  });
  const proxy = await startTcpProxy(Number(new URL(server.url).port));
  const make = (baseUrl: string) =>
    createHttpTransport({
      baseUrl,
      pollWaitSeconds: 2,
      requestTimeoutMs: 3000,
      retryLimit: 2,
      reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    });
  return {
    make: () => make(`http://${proxy.host}`),
    badUser: { id: 'user-42', hash: 'f'.repeat(64), hashExpires: Math.floor(Date.now() / 1000) + 3600 },
    drop: () => proxy.dropAll(),
    refuse: (on) => {
      proxy.refusing = on;
    },
    async missed(session) {
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
