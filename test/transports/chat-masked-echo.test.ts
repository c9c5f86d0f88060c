// The customer's own copy of a message the server masked: over both SWP/1 transports and the real
// reference server, a card number sent past the widget's guard (a custom UI, `sensitiveGuard: false`)
// ends up shown once, masked, as the server stored it: the echo replaces the local bubble.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createChat } from '../../src/core/chat';
import type { Transport } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer } from '../../server/app';
import { until } from './helpers/fake-swp-server';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', operatorHours: 'always', botDelayMs: 0 });
});
afterAll(async () => {
  await server?.close();
});

const transports: Array<[string, (baseUrl: string) => Transport]> = [
  ['websocket', (url) => createWebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor })],
  ['http', (baseUrl) => createHttpTransport({ baseUrl, pollWaitSeconds: 2 })],
];

const textOf = (m: { parts: ReadonlyArray<{ kind: string; text?: string }> }) => m.parts.find((p) => p.kind === 'text')?.text;

describe.each(transports)('masked echo over %s', (_name, make) => {
  it('replaces the local copy with the stored, masked text: once, never in clear', async () => {
    const chat = createChat({ transport: make(server.url), locale: 'en' });
    try {
      await chat.start();
      expect(chat.state.capabilities.value.cardMasking).toBe(true);
      const sent = chat.send('My card is 4111 1111 1111 1111, CVC 123')!;
      await until(
        () => chat.state.messages.value.find((m) => m.clientId === sent.clientId && textOf(m) === 'My card is •••• 1111, CVC •••'),
        5000,
        'masked',
      );
      const mine = chat.state.messages.value.filter((m) => m.from.role === 'user');
      expect(mine.map(textOf)).toEqual(['My card is •••• 1111, CVC •••']);
      expect(JSON.stringify(chat.state.messages.value)).not.toContain('4111 1111');
    } finally {
      await chat.destroy();
    }
  });
});
