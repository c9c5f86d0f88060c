// The Rasa adapter, both channels, against its loopback fake (test/transports/fakes/rasa-fake.ts).
import { WebSocket } from 'ws';
import { createRasaTransport } from '../../src/transports/rasa';
import type { WebSocketConstructor } from '../../src/transports/swp/socket';
import { runAdapterConformance } from './adapter-conformance';
import { startRasaFake } from './fakes/rasa-fake';

const ws = WebSocket as unknown as WebSocketConstructor;

runAdapterConformance('rasa (REST)', async () => {
  const fake = await startRasaFake();
  return {
    make: () =>
      createRasaTransport({ url: fake.url, mode: 'rest', initPayload: '/greet', handoffPayload: '/handoff', requestTimeoutMs: 5000 }),
    close: () => fake.close(),
  };
});

runAdapterConformance('rasa (Socket.IO)', async () => {
  const fake = await startRasaFake({ token: 'jwt-for-tests', pingMs: 1000 });
  const make = (token: string) =>
    createRasaTransport({
      url: fake.url,
      mode: 'socketio',
      initPayload: '/greet',
      handoffPayload: '/handoff',
      token,
      WebSocket: ws,
      reconnect: { minDelayMs: 50, maxDelayMs: 300 },
      requestTimeoutMs: 5000,
    });
  return {
    make: () => make('jwt-for-tests'),
    makeRefused: () => make('a-wrong-token'),
    drop: () => fake.dropSockets(),
    refuse: (on) => {
      fake.faults.refuseSockets = on;
    },
    close: () => fake.close(),
  };
});
