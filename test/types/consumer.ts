// Compiled against the BUILT declarations (dist/types) by `npm test` after the build, as an npm
// consumer would: strict, no skipLibCheck. Fails when a public type is missing or broken.
import {
  createHttpTransport,
  createMemoryTransport,
  createSupportChat,
  createWebSocketTransport,
  isTransportError,
  type ChatMessage,
  type SupportChat,
  type SupportChatOptions,
  type Transport,
  type TransportEvent,
} from '../../dist/types/index';

const options: SupportChatOptions = {
  transport: createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' }),
  position: 'bottom-left',
  user: { id: '42', hash: 'abc', hashExpires: 1_767_225_600, segment: 'business' },
};
const chat: SupportChat = createSupportChat(options);
const off: () => void = chat.on('message', (m: ChatMessage) => void m.status);
chat.on('error', (e) => {
  if (isTransportError(e)) void e.code;
});
chat.on('unread', ({ count }) => void count);
off();

// A custom transport type-checks against the documented contract.
const custom: Transport = {
  name: 'custom',
  capabilities: createHttpTransport({ baseUrl: 'https://x.example' }).capabilities,
  connect: async () => ({}),
  disconnect: async () => undefined,
  on: (listener: (e: TransportEvent) => void) => {
    void listener;
    return () => undefined;
  },
  snapshot: () => ({}),
  send: async (m) => ({ clientId: m.clientId, id: 'x', createdAt: new Date().toISOString() }),
};
void custom;
createMemoryTransport({ replyDelayMs: 0 }).failNextSend({ retryable: false });
