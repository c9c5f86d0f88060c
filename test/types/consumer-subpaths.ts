// Compiled by `npm test` after the build under `bundler`, `node16` and `nodenext` resolution, as an
// npm consumer of the per-entry subpaths (a self-reference to the package's own `exports`): each
// subpath's declarations resolve, and nothing is silently `any`.
import type { Messages, Transport } from 'support-chat';
import { createChatwootTransport } from 'support-chat/chatwoot';
import { createHttpTransport, type HttpTransport } from 'support-chat/http';
import { en } from 'support-chat/locales/en';
import { ru } from 'support-chat/locales/ru';
import { createMemoryTransport, type MemoryTransport } from 'support-chat/memory';
import { createRasaTransport } from 'support-chat/rasa';
import { createWebSocketTransport, type WebSocketTransport } from 'support-chat/websocket';

const ws: WebSocketTransport = createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' });
// @ts-expect-error: a typo in an option is a type error (the factory is not `any`).
createWebSocketTransport({ ulr: 'wss://chat.example.com/swp/v1/ws' });
const http: HttpTransport = createHttpTransport({ baseUrl: 'https://chat.example.com' });
const memory: MemoryTransport = createMemoryTransport({ replyDelayMs: 0 });
memory.failNextSend({ retryable: false });
const transports: Transport[] = [
  ws,
  http,
  memory,
  createChatwootTransport({ baseUrl: 'https://chatwoot.example.com', inboxIdentifier: 'x' }),
  createRasaTransport({ url: 'https://rasa.example.com', mode: 'rest' }),
];
const russian: Messages = ru;
const title: string = en['header.title'];
// @ts-expect-error: a key that no table has.
void ru['no.such.key'];
export { russian, title, transports };
