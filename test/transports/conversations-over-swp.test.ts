// Several conversations end to end: the chat engine over both SWP/1 transports and the real
// reference server. A notification lands in another conversation as a summary with its unread
// count; opening it shows its history and clears the count; a new conversation starts; a fresh
// engine with the saved session comes back to the conversation that was open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createChat } from '../../src/core/chat';
import type { Transport } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer } from '../../server/app';
import { createFallbackBot } from '../../server/bot-fallback';
import { until } from './helpers/fake-swp-server';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    bot: createFallbackBot(),
    verification: false,
  });
});
afterAll(async () => {
  await server?.close();
});

const transports: Array<[string, (url: string) => Transport]> = [
  ['websocket', (url) => createWebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor })],
  ['http', (baseUrl) => createHttpTransport({ baseUrl, pollWaitSeconds: 2 })],
];

const texts = (chat: ReturnType<typeof createChat>) =>
  chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));

describe.each(transports)('several conversations over the %s transport', (name, make) => {
  it('a notification, opening it, a new conversation, and a reload that keeps the open one', async () => {
    const userId = `user-${name}`;
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const user = { id: userId, hash: server.signIdentity(userId, exp), hashExpires: exp };
    const chat = createChat({ transport: make(server.url), locale: 'en', user, open: true });
    await chat.start();
    await until(() => chat.state.messages.value.some((m) => m.from.role === 'bot'), 5000, 'greeting');
    const supportId = chat.state.conversationId.value!;
    expect(chat.state.capabilities.value.conversations).toMatchObject({
      channels: [{ id: 'support' }, { id: 'notifications', readOnly: true }],
    });
    expect(chat.state.conversations.value.map((c) => c.id)).toEqual([supportId]);

    const { conversationId: notesId } = await server.postNotification(userId, { text: 'Your card has been reissued' });
    await until(() => chat.state.conversations.value.find((c) => c.id === notesId)?.unread === 1 || undefined, 5000, 'summary');
    expect(texts(chat)).not.toContain('Your card has been reissued');

    await chat.openConversation(notesId);
    await until(() => texts(chat).join('|') === 'Your card has been reissued' || undefined, 5000, 'notes history');
    await until(() => chat.state.conversations.value.find((c) => c.id === notesId)?.unread === 0 || undefined, 5000, 'read');
    expect(chat.state.conversationId.value).toBe(notesId);

    // A second notification while it is on screen arrives as a message, not as unread.
    await server.postNotification(userId, { text: 'Statement for May is ready' });
    await until(() => texts(chat).includes('Statement for May is ready') || undefined, 5000, 'live notification');

    await chat.newConversation('support');
    await until(() => chat.state.conversations.value.length === 3 || undefined, 5000, 'third conversation');
    const freshId = chat.state.conversationId.value!;
    expect([supportId, notesId]).not.toContain(freshId);
    await until(() => chat.state.messages.value.some((m) => m.from.role === 'bot') || undefined, 5000, 'new greeting');
    const question = chat.send('A new question')!;
    await until(() => chat.state.messages.value.find((m) => m.clientId === question.clientId && m.status === 'sent'), 5000, 'sent');
    expect(chat.state.messages.value.every((m) => m.conversationId === undefined || m.conversationId === freshId)).toBe(true);

    await chat.openConversation(supportId);
    await until(() => chat.state.conversationId.value === supportId || undefined, 5000, 'back');
    await until(() => chat.state.messages.value.length > 0 || undefined, 5000, 'support history');
    expect(texts(chat)).not.toContain('A new question');
    const saved = chat.transport.snapshot();
    await chat.destroy();

    const again = createChat({ transport: make(server.url), locale: 'en', user, resume: saved });
    await again.start();
    expect(again.state.conversationId.value).toBe(supportId);
    expect(again.state.conversations.value).toHaveLength(3);
    await again.destroy();
  });

  it("a refused open (someone else's conversation) rejects and leaves the chat where it was", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const other = createChat({
      transport: make(server.url),
      locale: 'en',
      user: { id: `o-${name}`, hash: server.signIdentity(`o-${name}`, exp), hashExpires: exp },
    });
    await other.start();
    const foreign = other.state.conversationId.value!;
    await other.destroy();
    const chat = createChat({ transport: make(server.url), locale: 'en' });
    await chat.start();
    await until(() => chat.state.messages.value.some((m) => m.from.role === 'bot'), 5000, 'greeting');
    const mine = chat.state.conversationId.value;
    await expect(chat.openConversation(foreign)).rejects.toMatchObject({ code: 'forbidden' });
    await until(() => chat.state.connection.value === 'online' || undefined, 5000, 'online');
    expect(chat.state.conversationId.value).toBe(mine);
    const sent = chat.send('still here')!;
    await until(() => chat.state.messages.value.find((m) => m.clientId === sent.clientId && m.status === 'sent'), 5000, 'sent');
    await chat.destroy();
  });
});
