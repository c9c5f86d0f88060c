/**
 * Core validates what any transport emits: a custom transport that sends malformed shapes gets
 * each one dropped with one `error` naming the field, and later good events still apply.
 */
import { describe, expect, it } from 'vitest';
import { createChat } from '../../src/core/chat';
import type { ChatError, ProtocolError } from '../../src/core/errors';
import { BASIC_CAPABILITIES, type Transport, type TransportEvent } from '../../src/core/transport';
import { flush } from './chat-helpers';

/** The smallest custom transport a host could write, with a hook to push anything at the chat. */
function customTransport(history: unknown = { messages: [], hasMore: false }) {
  let listener: ((event: TransportEvent) => void) | undefined;
  const transport: Transport = {
    name: 'custom',
    capabilities: { ...BASIC_CAPABILITIES, history: 'backward' },
    connect: async () => ({}),
    disconnect: async () => undefined,
    on(fn) {
      listener = fn;
      return () => {
        listener = undefined;
      };
    },
    snapshot: () => ({}),
    send: async (m) => ({ clientId: m.clientId, id: `s-${m.clientId}`, createdAt: new Date().toISOString() }),
    fetchHistory: async () => history as never,
  };
  const push = (event: unknown) => listener?.(event as TransportEvent);
  return { transport, push };
}

const good = (id: string, text: string) => ({
  type: 'message',
  message: { id, from: { id: 'bot', role: 'bot' }, parts: [{ kind: 'text', text }], createdAt: '2026-12-01T10:00:00.000Z' },
});

async function started(history?: unknown) {
  const { transport, push } = customTransport(history);
  const chat = createChat({ transport, locale: 'en' });
  const errors: ChatError[] = [];
  chat.on('error', (e) => errors.push(e));
  await chat.start();
  await flush();
  return { chat, push, errors };
}

const texts = (chat: ReturnType<typeof createChat>) =>
  chat.state.messages.value.flatMap((m) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])));

describe('core checks every transport event', () => {
  const malformed: Array<[string, unknown, string]> = [
    [
      'a text part whose text is a number',
      { ...good('a', 'x'), message: { ...good('a', 'x').message, parts: [{ kind: 'text', text: 42 }] } },
      'message.parts[0].text',
    ],
    ['from: null', { ...good('b', 'x'), message: { ...good('b', 'x').message, from: null } }, 'message.from'],
    [
      'a message without an id',
      { type: 'message', message: { from: { id: 'bot', role: 'bot' }, parts: [], createdAt: 'now' } },
      'message.id',
    ],
    ['parts that are not an array', { type: 'message', message: { ...good('c', 'x').message, parts: 'hello' } }, 'message.parts'],
    ['a status nobody knows', { type: 'status', status: 'exploded' }, 'status'],
    ['a typing event from nobody', { type: 'typing', on: true }, 'from'],
  ];

  for (const [what, event, field] of malformed) {
    it(`drops ${what} with one error naming ${field}, and keeps working`, async () => {
      const { chat, push, errors } = await started();
      push(event);
      push(good('ok-1', 'still here'));
      await flush();
      expect(errors).toHaveLength(1);
      expect(errors[0]!.name).toBe('ProtocolError');
      expect((errors[0] as ProtocolError).field).toBe(field);
      expect(errors[0]!.message).toContain(field);
      expect(texts(chat)).toEqual(['still here']);
      expect(chat.state.connection.value).toBe('online');
      await chat.destroy();
    });
  }

  it('keeps a message whose only bad part is of a kind it does not know, without that part', async () => {
    const { chat, push, errors } = await started();
    const event = good('d', 'known');
    push({
      ...event,
      message: {
        ...event.message,
        parts: [
          { kind: 'hologram', beam: 1 },
          { kind: 'text', text: 'known' },
        ],
      },
    });
    await flush();
    expect(errors).toEqual([]);
    expect(chat.state.messages.value.map((m) => m.parts.map((p) => p.kind))).toEqual([['text']]);
    await chat.destroy();
  });

  it('passes event types it does not know (forward compatibility) without an error', async () => {
    const { chat, push, errors } = await started();
    push({ type: 'future.thing', payload: 1 });
    push(good('e', 'after'));
    await flush();
    expect(errors).toEqual([]);
    expect(texts(chat)).toEqual(['after']);
    await chat.destroy();
  });

  it('drops the bad messages of a history page, each named, and shows the good ones', async () => {
    const page = {
      messages: [
        { ...good('h1', 'one').message, seq: 1 },
        { ...good('h2', 'x').message, seq: 2, from: null },
        { ...good('h3', 'three').message, seq: 3 },
      ],
      hasMore: false,
    };
    const { chat, errors } = await started(page);
    expect(texts(chat)).toEqual(['one', 'three']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as ProtocolError).field).toBe('messages[1].from');
    await chat.destroy();
  });
});
