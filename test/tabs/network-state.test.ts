import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { createMemoryTransport } from '../../src/transports/memory';

const chats: Chat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
});

function make(open = false) {
  const transport = createMemoryTransport({ replyDelayMs: 0, bot: false });
  const chat = createChat({ transport, locale: 'en', open });
  chats.push(chat);
  return { chat, transport };
}

describe('chat.setNetworkOnline', () => {
  it('shows offline over the transport status, queues messages, and delivers them when back', async () => {
    const { chat, transport } = make();
    await chat.start();
    const statuses: string[] = [];
    chat.on('status', (e) => statuses.push(e.status));
    chat.setNetworkOnline(false);
    expect(chat.state.network.value).toBe('offline');
    expect(chat.state.connection.value).toBe('offline');
    const m = chat.send('while offline')!;
    await new Promise((r) => setTimeout(r, 20));
    expect(chat.state.messages.value.find((x) => x.clientId === m.clientId)?.status).toBe('queued');
    expect(transport.sentMessages).toHaveLength(0);
    chat.setNetworkOnline(true);
    expect(chat.state.connection.value).toBe('online');
    await vi.waitFor(() => expect(transport.sentMessages.map((x) => x.clientId)).toEqual([m.clientId]));
    expect(statuses).toEqual(['offline', 'online']);
  });

  it('retries a start that failed once the network is back', async () => {
    const { chat, transport } = make();
    transport.goOffline();
    chat.setNetworkOnline(false);
    await chat.start();
    expect(chat.state.connection.value).toBe('offline');
    transport.goOnline();
    chat.setNetworkOnline(true);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
  });
});

describe('chat.markSeenElsewhere', () => {
  it('counts only what came after the message seen in another tab', async () => {
    const { chat, transport } = make();
    chat.setPageVisible(false);
    await chat.start();
    const a = transport.emitIncoming({ from: 'operator', text: 'one' });
    transport.emitIncoming({ from: 'operator', text: 'two' });
    transport.emitIncoming({ from: 'operator', text: 'three' });
    expect(chat.state.unread.value).toBe(3);
    const counts: number[] = [];
    chat.on('unread', (e) => counts.push(e.count));
    expect(chat.markSeenElsewhere(a.id)).toBe(true);
    expect(chat.state.unread.value).toBe(2);
    expect(chat.markSeenElsewhere('nope')).toBe(false);
    expect(chat.state.unread.value).toBe(2);
    // Never raises the count.
    expect(chat.markSeenElsewhere(a.id)).toBe(true);
    expect(counts).toEqual([2]);
  });
});
