import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError } from '../../src/core/errors';
import type { MessageStatus } from '../../src/core/model';
import { record, startedChat, texts } from './chat-helpers';
import { botMessage, flush } from './chat-helpers';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('chat: sending', () => {
  it('adds the message at once and moves it queued → sending → sent, merging the server id and seq', async () => {
    const { t, chat } = await startedChat();
    const statuses: MessageStatus[] = [];
    chat.state.messages.subscribe((list) => {
      const status = list[0]?.status;
      if (status && statuses.at(-1) !== status) statuses.push(status);
    });
    const m = chat.send('  hello  ')!;
    expect(m).toMatchObject({ id: m.clientId, from: { role: 'user' }, parts: [{ kind: 'text', text: 'hello' }], status: 'sending' });
    await flush();
    expect(t.sends.map((s) => s.message)).toEqual([{ clientId: m.clientId, text: 'hello' }]);
    t.ack(0, 5);
    await flush();
    expect(statuses).toEqual(['queued', 'sending', 'sent']);
    expect(chat.state.messages.value).toEqual([expect.objectContaining({ id: 's-5', clientId: m.clientId, seq: 5, status: 'sent' })]);
  });

  it('returns null for empty text and sends attachments without text', async () => {
    const { t, chat } = await startedChat();
    expect(chat.send('   ')).toBeNull();
    const file = { id: 'f1', name: 'a.png', mimeType: 'image/png', size: 3 };
    const m = chat.send('', { attachments: [file] })!;
    expect(m.parts).toEqual([{ kind: 'attachment', attachment: file }]);
    await flush();
    expect(t.sends[0]!.message).toEqual({ clientId: m.clientId, attachments: [file] });
  });

  it('echo before ack gives one message', async () => {
    const { t, chat } = await startedChat();
    const messages = record(chat, 'message');
    const m = chat.send('hi')!;
    await flush();
    t.emit({
      type: 'message',
      message: { id: 's-9', clientId: m.clientId, from: { id: 'u1', role: 'user' }, parts: m.parts, createdAt: m.createdAt, seq: 9 },
    });
    expect(chat.state.messages.value).toHaveLength(1);
    expect(chat.state.messages.value[0]).toMatchObject({ id: 's-9', status: 'sent' });
    t.ack(0, 9);
    await flush();
    expect(chat.state.messages.value).toEqual([expect.objectContaining({ id: 's-9', clientId: m.clientId, seq: 9, status: 'sent' })]);
    expect(messages).toHaveLength(1);
  });

  it('ack before echo gives one message', async () => {
    const { t, chat } = await startedChat();
    const m = chat.send('hi')!;
    await flush();
    t.ack(0, 9);
    await flush();
    t.emit({
      type: 'message',
      message: { id: 's-9', clientId: m.clientId, from: { id: 'u1', role: 'user' }, parts: m.parts, createdAt: m.createdAt, seq: 9 },
    });
    expect(chat.state.messages.value).toHaveLength(1);
    expect(chat.state.messages.value[0]).toMatchObject({ id: 's-9', clientId: m.clientId, status: 'sent' });
  });

  it('client ids are unique crypto ids even when Math.random is stuck at 0', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const { chat } = await startedChat({ autoAck: true });
    const ids = Array.from({ length: 50 }, (_, i) => chat.send(`m${i}`)!.clientId!);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^c_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(random).not.toHaveBeenCalled();
  });

  it('drops inbound duplicates by id and orders by seq', async () => {
    const { t, chat } = await startedChat();
    const events = record(chat, 'message');
    for (const seq of [3, 1, 3, 2, 1]) t.emit({ type: 'message', message: botMessage(seq) });
    expect(chat.state.messages.value.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(events.map((m) => m.seq)).toEqual([3, 1, 2]);
  });

  it('queues while offline and flushes in order, one at a time, when back online', async () => {
    const { t, chat } = await startedChat();
    t.emit({ type: 'status', status: 'offline' });
    const sent = ['one', 'two', 'three'].map((text) => chat.send(text)!);
    await flush();
    expect(sent.map((m) => m.status)).toEqual(['queued', 'queued', 'queued']);
    expect(t.sends).toHaveLength(0);
    t.emit({ type: 'status', status: 'online' });
    await flush();
    expect(t.sends.map((s) => s.message.text)).toEqual(['one']);
    t.ack(0, 1);
    await flush();
    t.ack(1, 2);
    await flush();
    t.ack(2, 3);
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual(sent.map((m) => m.clientId));
    expect(chat.state.messages.value.map((m) => [m.seq, m.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'sent'],
    ]);
  });

  it('a retryable failure goes back to queued and is retried with the same clientId', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { t, chat } = await startedChat();
    const errors = record(chat, 'error');
    const m = chat.send('hi')!;
    await flush();
    t.sends[0]!.reject(new TransportError('fake', 'network', 'socket closed'));
    await flush();
    expect(chat.state.messages.value[0]!.status).toBe('queued');
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sends.map((s) => s.message.clientId)).toEqual([m.clientId, m.clientId]);
    expect(chat.state.messages.value[0]!.status).toBe('sending');
    t.ack(1, 4);
    await flush();
    expect(chat.state.messages.value).toEqual([expect.objectContaining({ clientId: m.clientId, status: 'sent', seq: 4 })]);
    await chat.destroy();
  });

  it('a permanent rejection fails the message without blocking the next; Retry and Delete work', async () => {
    const { t, chat } = await startedChat();
    const errors = record(chat, 'error');
    const bad = chat.send('bad words')!;
    const next = chat.send('fine')!;
    await flush();
    t.sends[0]!.reject(new TransportError('fake', 'forbidden', 'not allowed'));
    await flush();
    const failed = chat.state.messages.value.find((m) => m.clientId === bad.clientId)!;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'forbidden', retryable: false } });
    expect(errors).toEqual([expect.objectContaining({ name: 'TransportError', code: 'forbidden' })]);
    expect(t.sends.map((s) => s.message.clientId)).toEqual([bad.clientId, next.clientId]);
    t.ack(1, 1);
    await flush();
    expect(texts(chat)).toEqual(['fine', 'bad words']);

    chat.retry(bad.clientId!);
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([bad.clientId, next.clientId, bad.clientId]);
    expect(chat.state.messages.value.find((m) => m.clientId === bad.clientId)).not.toHaveProperty('error');
    t.sends[2]!.reject(new TransportError('fake', 'invalid', 'still not allowed'));
    await flush();
    chat.remove(next.clientId!); // sent: stays
    chat.remove(bad.clientId!); // failed: goes
    expect(texts(chat)).toEqual(['fine']);
  });

  it('retry of a message that is not failed changes nothing', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    const m = chat.send('hi')!;
    await flush();
    chat.retry(m.clientId!);
    await flush();
    expect(t.sends).toHaveLength(1);
    expect(chat.state.messages.value[0]!.status).toBe('sent');
  });

  it('choose() sends replies as their value, postbacks as their label, and handoff also asks for a person', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    chat.choose({ id: 'a', label: 'Yes please', kind: 'reply', value: 'yes' });
    chat.choose({ id: 'b', label: 'Cards', kind: 'postback', value: 'topic:cards' });
    chat.choose({ id: 'c', label: 'Docs', kind: 'url', value: 'https://example.com' });
    chat.choose({ id: 'd', label: 'Talk to a person', kind: 'handoff', value: 'handoff' });
    await flush();
    expect(t.sends.map((s) => [s.message.text, s.message.action?.id])).toEqual([
      ['yes', 'a'],
      ['Cards', 'b'],
      ['Talk to a person', 'd'],
    ]);
    // The handoff is requested once the user's "Talk to a person" is acknowledged, so it reads in order.
    await vi.waitFor(() => expect(t.handoffRequests).toHaveLength(1));
    expect(chat.state.handoff.value.state).toBe('requested');
  });
});
