import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat } from '../../src/core/chat';
import { ChatError, TransportError } from '../../src/core/errors';
import { record, startedChat } from './chat-helpers';
import { botMessage, createFakeTransport, flush } from './chat-helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('chat: unread', () => {
  it('counts bot and operator messages while closed, not the user’s own nor system notes, and resets on open', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    // Engaged (opened once): the bot's messages count too.
    chat.open('user');
    chat.close('user');
    const unread = record(chat, 'unread');
    t.emit({ type: 'message', message: botMessage(1) });
    t.emit({ type: 'message', message: botMessage(2, 'hi', 'agent') });
    t.emit({ type: 'message', message: { ...botMessage(3, 'Conversation closed'), from: { id: 'system', role: 'system' } } });
    t.emit({ type: 'message', message: botMessage(2, 'duplicate', 'agent') });
    chat.send('mine');
    await flush();
    expect(chat.state.unread.value).toBe(2);
    expect(unread).toEqual([{ count: 1 }, { count: 2 }]);
    chat.open('user');
    expect(chat.state.unread.value).toBe(0);
    expect(unread.at(-1)).toEqual({ count: 0 });
    expect(t.markReads).toEqual([3]);
  });

  it('counts while the page is hidden even when open, and resets when visible again', async () => {
    const { t, chat } = await startedChat({}, { open: true });
    t.emit({ type: 'message', message: botMessage(1) });
    expect(chat.state.unread.value).toBe(0);
    expect(t.markReads).toEqual([1]);
    chat.setPageVisible(false);
    t.emit({ type: 'message', message: botMessage(2) });
    t.emit({ type: 'message', message: botMessage(3) });
    expect(chat.state.unread.value).toBe(2);
    chat.setPageVisible(true);
    expect(chat.state.unread.value).toBe(0);
    expect(t.markReads).toEqual([1, 3]);
  });
});

describe('chat: events', () => {
  it('open, close and toggle fire once per change with their source', async () => {
    const { chat } = await startedChat();
    const opens = record(chat, 'open');
    const closes = record(chat, 'close');
    chat.open('user');
    chat.open('api');
    chat.toggle();
    chat.close();
    chat.toggle('user');
    expect(opens).toEqual([{ source: 'user' }, { source: 'user' }]);
    expect(closes).toEqual([{ source: 'api' }]);
    expect(chat.state.isOpen.value).toBe(true);
  });

  it('status fires on change with retryInMs; ready carries the session', async () => {
    const t = createFakeTransport({ connectStatus: null });
    const chat = createChat({ transport: t, locale: 'en', user: { id: 'u1' }, metadata: { page: '/help' } });
    const statuses = record(chat, 'status');
    const ready = record(chat, 'ready');
    await chat.start();
    expect(t.connects).toEqual([{ user: { id: 'u1' }, locale: 'en', metadata: { page: '/help' } }]);
    expect(ready).toEqual([{ session: t.snapshot() }]);
    t.emit({ type: 'status', status: 'reconnecting', retryInMs: 2000 });
    t.emit({ type: 'status', status: 'online' });
    t.emit({ type: 'status', status: 'online' });
    expect(statuses).toEqual([
      { status: 'connecting' },
      { status: 'online' },
      { status: 'reconnecting', retryInMs: 2000 },
      { status: 'online' },
    ]);
    expect(chat.state.retryInMs.value).toBeUndefined();
  });

  it('message fires for incoming and own messages with the message as payload', async () => {
    const { t, chat } = await startedChat();
    const messages = record(chat, 'message');
    t.emit({ type: 'message', message: botMessage(1, 'hello') });
    const own = chat.send('hi')!;
    expect(messages).toEqual([
      expect.objectContaining({ id: 'm-1', status: 'sent' }),
      expect.objectContaining({ clientId: own.clientId, status: 'queued' }),
    ]);
  });

  it('a failed start reports failed and an error, and can be started again', async () => {
    const t = createFakeTransport({ connectError: new TransportError('fake', 'auth', 'bad token') });
    const chat = createChat({ transport: t, locale: 'en' });
    const errors = record(chat, 'error');
    const statuses = record(chat, 'status');
    await chat.start();
    expect(statuses).toEqual([{ status: 'connecting' }, { status: 'failed' }]);
    expect(errors).toEqual([expect.objectContaining({ name: 'TransportError', code: 'auth' })]);
    expect(chat.state.lastError.value).toEqual({ code: 'auth', message: 'fake: bad token', retryable: false });
    await chat.start();
    expect(t.connects).toHaveLength(2);
  });

  it('transport error events are reported as TransportErrors and kept in lastError', async () => {
    const { t, chat } = await startedChat();
    const errors = record(chat, 'error');
    t.emit({ type: 'error', error: { code: 'rate_limited', message: 'slow down', retryable: true, retryAfterMs: 1000 } });
    expect(errors).toEqual([
      expect.objectContaining({ name: 'TransportError', code: 'rate_limited', retryable: true, retryAfterMs: 1000 }),
    ]);
    expect(chat.state.lastError.value?.code).toBe('rate_limited');
    t.emit({ type: 'status', status: 'reconnecting' });
    t.emit({ type: 'status', status: 'online' });
    expect(chat.state.lastError.value).toBeNull();
  });

  it('a throwing host listener does not break other listeners or the chat, and is reported as error', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    const boom = new Error('host bug');
    chat.on('message', () => {
      throw boom;
    });
    const others = record(chat, 'message');
    const errors = record(chat, 'error');
    t.emit({ type: 'message', message: botMessage(1) });
    expect(others).toHaveLength(1);
    expect(chat.state.messages.value).toHaveLength(1);
    await flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ChatError);
    expect(errors[0]!.cause).toBe(boom);
    chat.send('still works');
    await flush();
    expect(chat.state.messages.value.map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('an error listener that throws is not reported again (no endless loop)', async () => {
    const { t, chat } = await startedChat();
    let calls = 0;
    chat.on('error', () => {
      calls++;
      throw new Error('error handler bug');
    });
    chat.on('message', () => {
      throw new Error('first bug');
    });
    t.emit({ type: 'message', message: botMessage(1) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toBe(1);
  });
});
