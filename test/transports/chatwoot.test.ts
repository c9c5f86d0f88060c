// The Chatwoot adapter against its loopback fake (test/transports/fakes/chatwoot-fake.ts).
import { WebSocket } from 'ws';
import { createChatwootTransport } from '../../src/transports/chatwoot';
import type { WebSocketConstructor } from '../../src/transports/swp/socket';
import { runAdapterConformance } from './adapter-conformance';
import { startChatwootFake } from './fakes/chatwoot-fake';

runAdapterConformance('chatwoot', async () => {
  const fake = await startChatwootFake({ hmacToken: 'inbox-hmac-secret', pingMs: 300 });
  return {
    make: () =>
      createChatwootTransport({
        baseUrl: fake.url,
        inboxIdentifier: fake.inbox,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { minDelayMs: 50, maxDelayMs: 300 },
        staleAfterMs: 2000,
        requestTimeoutMs: 5000,
      }),
    user: { id: 'user-42', hash: fake.sign('user-42'), name: 'Ada' },
    badUser: { id: 'user-42', hash: 'f'.repeat(64) },
    drop: () => fake.dropSockets(),
    refuse: (on) => {
      fake.faults.refuseSockets = on;
    },
    async missed(session) {
      return fake.agentSays(session.conversationId!, 'Anna here: sent while you were away').content!;
    },
    close: () => fake.close(),
  };
});
