import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { DestroyedError, isChatError } from '../../src/core/errors';
import { createMemoryTransport } from '../../src/transports/memory';
import { record, startedChat } from './chat-helpers';
import { botMessage, flush } from './chat-helpers';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('chat: life cycle', () => {
  it('start() connects once however often it is called', async () => {
    const { t, chat } = await startedChat();
    await Promise.all([chat.start(), chat.start()]);
    expect(t.connects).toHaveLength(1);
  });

  it('loads history after connecting and pages older messages', async () => {
    const { t, chat } = await startedChat({}, {});
    expect(chat.state.hasMoreHistory.value).toBe(false);
    t.history.push(
      { messages: [botMessage(3), botMessage(4)], before: '3', hasMore: true },
      { messages: [botMessage(1), botMessage(2)], hasMore: false },
    );
    t.emit({ type: 'resync', reason: 'gap' });
    await flush();
    expect(chat.state.messages.value.map((m) => m.seq)).toEqual([3, 4]);
    expect(chat.state.hasMoreHistory.value).toBe(true);
    await chat.loadOlder();
    expect(chat.state.messages.value.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(chat.state.hasMoreHistory.value).toBe(false);
    await chat.loadOlder();
    expect(chat.state.messages.value).toHaveLength(4);
  });

  it('destroy() disconnects, stops listening, and later calls throw DestroyedError', async () => {
    const { t, chat } = await startedChat();
    const messages = record(chat, 'message');
    expect(t.listeners()).toBe(1);
    await chat.destroy();
    await chat.destroy();
    expect(chat.destroyed).toBe(true);
    expect(t.disconnects).toBe(1);
    expect(t.listeners()).toBe(0);
    t.emit({ type: 'message', message: botMessage(1) });
    expect(messages).toEqual([]);

    const calls: [string, () => unknown][] = [
      ['start()', () => chat.start()],
      ['send()', () => chat.send('x')],
      ['choose()', () => chat.choose({ id: 'a', label: 'a', kind: 'reply', value: 'a' })],
      ['retry()', () => chat.retry('c')],
      ['remove()', () => chat.remove('c')],
      ['open()', () => chat.open()],
      ['close()', () => chat.close()],
    ];
    for (const [what, call] of calls) {
      expect(call).toThrow(DestroyedError);
      expect(call).toThrow(`support-chat: ${what} called after destroy()`);
    }
    for (const call of [
      () => chat.requestHandoff(),
      () => chat.submitVerification('1'),
      () => chat.closeConversation(),
      () => chat.rate(5),
      () => chat.upload(new Blob(['x'])),
    ]) {
      let error: unknown;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DestroyedError);
      expect(isChatError(error)).toBe(true);
    }
    // Calls the UI makes while tearing down are silently ignored.
    expect(() => chat.setTyping(true)).not.toThrow();
    expect(() => chat.setPageVisible(false)).not.toThrow();
    await expect(chat.loadOlder()).resolves.toBeUndefined();
  });

  it('destroy() leaves no timers behind: typing, outbox retry and transport timers', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const transport = createMemoryTransport({ replyDelayMs: 600, queueStepMs: 1000, verification: false });
    const chat = createChat({ transport, locale: 'en' });
    await chat.start();
    await vi.advanceTimersByTimeAsync(600);
    transport.emit({ type: 'typing', from: { id: 'bot', role: 'bot' }, on: true });
    transport.failNextSend();
    chat.send('will be retried');
    await chat.requestHandoff();
    await vi.advanceTimersByTimeAsync(0);
    expect(chat.state.messages.value.at(-1)?.status).toBe('queued');
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(3);
    await chat.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(transport.status).toBe('idle');
  });
});

describe('chat over the memory transport', () => {
  const setup = async (): Promise<{ chat: Chat; transport: ReturnType<typeof createMemoryTransport> }> => {
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const chat = createChat({ transport, locale: 'en' });
    await chat.start();
    await vi.waitFor(() => expect(chat.state.messages.value).toHaveLength(1));
    return { chat, transport };
  };

  it('greets, never counts the greeting as unread for a person who has not engaged, and answers with one bubble per message', async () => {
    const { chat, transport } = await setup();
    expect(chat.state.unread.value).toBe(0);
    chat.open();
    chat.send('payments');
    await vi.waitFor(() => expect(chat.state.messages.value).toHaveLength(3));
    expect(chat.state.messages.value.map((m) => [m.from.role, m.status])).toEqual([
      ['bot', 'sent'],
      ['user', 'sent'],
      ['bot', 'sent'],
    ]);
    expect(transport.sentMessages).toHaveLength(1);
    expect(transport.readUpTo).toBe(3);
    await chat.destroy();
  });

  it('a failed send is retried by the outbox and lands once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { chat, transport } = await setup();
    transport.failNextSend();
    chat.send('cards');
    await vi.waitFor(() => expect(transport.sentMessages).toHaveLength(1), { timeout: 2000 });
    await vi.waitFor(() => expect(chat.state.messages.value).toHaveLength(3));
    expect(chat.state.messages.value.filter((m) => m.from.role === 'user')).toHaveLength(1);
    await chat.destroy();
  });

  it('messages written during a dropped connection are sent after the reconnect, in order', async () => {
    const { chat, transport } = await setup();
    const statuses = record(chat, 'status');
    transport.dropConnection({ reconnectAfterMs: 20 });
    chat.send('first');
    chat.send('second');
    expect(chat.state.messages.value.slice(1).map((m) => m.status)).toEqual(['queued', 'queued']);
    await vi.waitFor(() => expect(transport.sentMessages.map((m) => m.text)).toEqual(['first', 'second']));
    expect(statuses.map((s) => s.status)).toEqual(['reconnecting', 'online']);
    await vi.waitFor(() => expect(chat.state.messages.value.filter((m) => m.from.role === 'bot')).toHaveLength(3));
    await chat.destroy();
  });
});
