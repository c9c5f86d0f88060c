import { afterEach, describe, expect, it, vi } from 'vitest';
import { botMessage, createFakeTransport } from './chat-helpers';
import { record, startedChat } from './chat-helpers';
import { createChat, type Chat } from '../../src/core/chat';
import { createMemoryStore, createPersistence } from '../../src/core/persistence';

const chats: Chat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
});

const seqs = (chat: Chat) => chat.state.messages.value.map((m) => m.seq ?? m.clientId);

describe('chat: full resync', () => {
  it('a resync the cache cannot bridge leaves no hole: older cached messages give way to the page', async () => {
    const { t, chat } = await startedChat({});
    chats.push(chat);
    for (const seq of [1, 2, 3]) t.emit({ type: 'message', message: botMessage(seq) });
    const queued = chat.send('typed while away');
    t.history.push({ messages: [botMessage(70), botMessage(71), botMessage(72)], before: '70', hasMore: true });
    const news = record(chat, 'message');
    t.emit({ type: 'resync', reason: 'cursor expired' });
    await vi.waitFor(() => expect(seqs(chat)).toEqual([70, 71, 72, queued!.clientId]));
    expect(chat.state.hasMoreHistory.value).toBe(true);
    // New to this client: announced as news.
    expect(news.map((m) => m.seq)).toEqual([70, 71, 72]);
  });

  it('a resync whose page reaches the start merges without duplicates', async () => {
    const { t, chat } = await startedChat({});
    chats.push(chat);
    for (const seq of [1, 2]) t.emit({ type: 'message', message: botMessage(seq) });
    t.history.push({ messages: [botMessage(1), botMessage(2), botMessage(3)], hasMore: false });
    t.emit({ type: 'resync', reason: 'server restarted' });
    await vi.waitFor(() => expect(seqs(chat)).toEqual([1, 2, 3]));
    expect(chat.state.hasMoreHistory.value).toBe(false);
  });
});

describe('chat: a resync owed across a reload', () => {
  it('a page gone before its resync finished leaves it owed: the next start fetches the hole', async () => {
    const store = createMemoryStore();
    const persistence = () => createPersistence({ store, namespace: 'resync-owed' });
    const t1 = createFakeTransport();
    const first = createChat({ transport: t1, locale: 'en', persistence: persistence() });
    await first.start();
    t1.fetchHistory = () => new Promise(() => undefined); // from now on the answer never comes (muted)
    t1.emit({ type: 'message', message: botMessage(1) });
    t1.emit({ type: 'message', message: botMessage(3) }); // #2 was lost on the way
    t1.emit({ type: 'resync', reason: 'events before 3 are missing' });
    await first.destroy(); // the reload: the last save lands, the resync never finished
    expect((await persistence().load()).resyncOwed).toBe(true);

    const t2 = createFakeTransport();
    t2.history.push({ messages: [botMessage(1), botMessage(2), botMessage(3)], hasMore: false });
    const second = createChat({ transport: t2, locale: 'en', persistence: persistence() });
    chats.push(second);
    await second.start();
    await vi.waitFor(() => expect(seqs(second)).toEqual([1, 2, 3]));
    // Done: nothing owed any more once saved.
    await second.flush();
    await vi.waitFor(async () => expect((await persistence().load()).resyncOwed).toBe(false));
  });

  it('nothing is owed after a resync that finished', async () => {
    const store = createMemoryStore();
    const t = createFakeTransport();
    t.history.push({ messages: [botMessage(1), botMessage(2)], hasMore: false });
    const chat = createChat({ transport: t, locale: 'en', persistence: createPersistence({ store, namespace: 'resync-done' }) });
    await chat.start();
    t.history.push({ messages: [botMessage(1), botMessage(2), botMessage(3)], hasMore: false });
    t.emit({ type: 'resync', reason: 'events before 3 are missing' });
    await vi.waitFor(() => expect(seqs(chat)).toEqual([1, 2, 3]));
    await chat.destroy();
    expect((await createPersistence({ store, namespace: 'resync-done' }).load()).resyncOwed).toBe(false);
  });
});

describe('chat: echo before a failed request', () => {
  it('a message the server echoed is not re-queued or failed when its request errors', async () => {
    const { t, chat } = await startedChat({});
    chats.push(chat);
    const sent = chat.send('hello')!;
    await vi.waitFor(() => expect(t.sends).toHaveLength(1));
    t.emit({
      type: 'message',
      message: { ...botMessage(5, 'hello'), id: 'm-5', clientId: sent.clientId, from: { id: 'me', role: 'user' } },
    });
    t.sends[0]!.reject(new (await import('../../src/core/errors')).TransportError('fake', 'timeout', 'ack lost'));
    await new Promise((r) => setTimeout(r, 20));
    const mine = chat.state.messages.value.filter((m) => m.clientId === sent.clientId);
    expect(mine).toEqual([expect.objectContaining({ status: 'sent', seq: 5 })]);
    expect(t.sends).toHaveLength(1);
  });
});

describe('chat: a resync whose history request fails', () => {
  it('is retried until the gap is repaired', async () => {
    vi.useFakeTimers();
    try {
      const { t, chat } = await startedChat({});
      chats.push(chat);
      t.emit({ type: 'message', message: botMessage(1) });
      let calls = 0;
      const realFetch = t.fetchHistory!.bind(t);
      t.fetchHistory = async (q) => {
        calls++;
        if (calls === 1) throw new (await import('../../src/core/errors')).TransportError('fake', 'timeout', 'history answer lost');
        return realFetch(q);
      };
      t.history.push({ messages: [botMessage(1), botMessage(2), botMessage(3)], hasMore: false });
      t.emit({ type: 'resync', reason: 'events up to 3 are missing' });
      await vi.advanceTimersByTimeAsync(35_000);
      expect(calls).toBe(2);
      expect(seqs(chat)).toEqual([1, 2, 3]);
    } finally {
      vi.useRealTimers();
    }
  });
});
