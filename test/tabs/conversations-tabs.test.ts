// Several conversations across tabs: two tabs share one WebSocket (the leader's) to the real
// reference server. A notification's summary reaches both; the follower opens it and both tabs
// switch (one connection, one conversation), show its history, and agree that it is read; a tab
// that joins later starts from the same list.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createChat, type Chat } from '../../src/core/chat';
import { createLeaderElection } from '../../src/tabs/leader';
import { createTabTransport } from '../../src/tabs/tab-transport';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer, type RunningServer } from '../../server/app';
import { createFallbackBot } from '../../server/bot-fallback';
import { createLockManager, createTabChannels, uniqueName } from './helpers';

let server: RunningServer;
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
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
const texts = (chat: Chat) => chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));

describe('several conversations in two tabs', () => {
  it('the list and the open conversation are shared; unread counts agree', async () => {
    const name = uniqueName('convs');
    const locks = createLockManager();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const user = { id: name, hash: server.signIdentity(name, exp), hashExpires: exp };
    const openTab = (open: boolean) => {
      const channels = createTabChannels();
      const inner = createWebSocketTransport({ url: server.url, WebSocket: WebSocket as unknown as WebSocketConstructor });
      const transport = createTabTransport(inner, {
        channelName: name,
        election: createLeaderElection(`${name}:leader`, { locks }),
        BroadcastChannel: channels.Channel,
      });
      const chat = createChat({ transport, locale: 'en', user, open });
      cleanup.push(() => chat.destroy());
      return chat;
    };
    const a = openTab(false);
    await a.start();
    const b = openTab(true);
    await b.start();
    await waitFor(() => expect(b.state.conversations.value).toHaveLength(1));
    const supportId = a.state.conversationId.value!;

    const { conversationId: notesId } = await server.postNotification(name, { text: 'Your card has been reissued' });
    for (const chat of [a, b]) await waitFor(() => expect(chat.state.conversations.value.find((c) => c.id === notesId)?.unread).toBe(1));

    await b.openConversation(notesId);
    for (const chat of [a, b]) {
      await waitFor(() => expect(chat.state.conversationId.value).toBe(notesId));
      await waitFor(() => expect(texts(chat)).toEqual(['Your card has been reissued']));
    }
    // Tab B shows the dialog: it reads the conversation, and tab A hears the count clear.
    for (const chat of [a, b]) await waitFor(() => expect(chat.state.conversations.value.find((c) => c.id === notesId)?.unread).toBe(0));
    expect(texts(a)).not.toContain('Hello');

    const c = openTab(false);
    await c.start();
    await waitFor(() => expect(c.state.conversations.value.map((s) => s.id).sort()).toEqual([supportId, notesId].sort()));
    await waitFor(() => expect(c.state.conversations.value.find((s) => s.id === notesId)?.unread).toBe(0));
  });
});
