/**
 * Several conversations in the engine: the list, switching (each conversation keeps its own
 * messages; unsent ones never move), unread per conversation, over a small fake backend with two
 * conversations that behaves like the SWP transports (switched → state events → resync).
 */
import { describe, expect, it } from 'vitest';
import { createChat } from '../../src/core/chat';
import type { ConversationSummary } from '../../src/core/model';
import {
  BASIC_CAPABILITIES,
  type ConversationTarget,
  type IncomingMessage,
  type OutgoingMessage,
  type Transport,
  type TransportEvent,
} from '../../src/core/transport';
import { flush } from './chat-helpers';

const at = (n: number) => new Date(1_700_000_000_000 + n * 1000).toISOString();
const bot = (conversationId: string, seq: number, text: string): IncomingMessage => ({
  id: `${conversationId}-m${seq}`,
  conversationId,
  from: { id: 'bot', role: 'bot' },
  parts: [{ kind: 'text', text }],
  createdAt: at(seq),
  seq,
});

/** Two conversations on a fake server: `support` (writable) and `notifications` (read-only). */
function fakeBackend() {
  const listeners = new Set<(e: TransportEvent) => void>();
  const emit = (e: TransportEvent) => {
    for (const l of [...listeners]) l(e);
  };
  const history: Record<string, IncomingMessage[]> = {
    c1: [bot('c1', 1, 'Hello, how can I help?')],
    c2: [bot('c2', 1, 'Your card has been reissued'), bot('c2', 2, 'Statement ready')],
  };
  const readUpTo: Record<string, number> = { c1: 0, c2: 0 };
  let active = 'c1';
  let online = true;
  let seq = 10;
  const reads: Array<[string, number]> = [];
  const sentTo: string[] = [];
  const summary = (id: string): ConversationSummary => {
    const list = history[id]!;
    const last = list[list.length - 1];
    return {
      id,
      channel: id === 'c2' ? 'notifications' : 'support',
      state: 'open',
      readOnly: id === 'c2',
      updatedAt: last?.createdAt ?? at(0),
      unread: list.filter((m) => m.from.role !== 'user' && (m.seq ?? 0) > readUpTo[id]!).length,
      ...(last ? { lastMessage: { text: 'x', from: last.from.role, at: last.createdAt } } : {}),
    };
  };
  const list = () => Object.keys(history).map(summary);
  const transport: Transport = {
    name: 'fake',
    capabilities: { ...BASIC_CAPABILITIES, realtime: true, history: 'backward', conversations: { channels: [] } },
    async connect() {
      emit({ type: 'status', status: 'online' });
      emit({ type: 'conversations', conversations: list(), activeId: active });
      return { conversationId: active };
    },
    async disconnect() {},
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    snapshot: () => ({ conversationId: active }),
    async send(m: OutgoingMessage) {
      if (!online) throw Object.assign(new Error('offline'), { code: 'network', retryable: true });
      const s = ++seq;
      sentTo.push(m.conversationId ?? '(none)');
      history[m.conversationId ?? active]!.push({
        id: `u${s}`,
        clientId: m.clientId,
        from: { id: 'me', role: 'user' },
        parts: [{ kind: 'text', text: m.text ?? '' }],
        createdAt: at(s),
        seq: s,
      });
      return { clientId: m.clientId, id: `u${s}`, createdAt: at(s), seq: s };
    },
    async fetchHistory() {
      return { messages: [...history[active]!], hasMore: false };
    },
    async markRead(upTo) {
      reads.push([active, upTo]);
      readUpTo[active] = upTo;
      emit({ type: 'conversation.summary', conversation: summary(active) });
    },
    async openConversation(target: ConversationTarget) {
      let id: string;
      if ('conversationId' in target) id = target.conversationId;
      else {
        id = `c${Object.keys(history).length + 1}`;
        history[id] = [bot(id, 1, `New ${target.channel} conversation`)];
        readUpTo[id] = 0;
      }
      active = id;
      emit({ type: 'conversation.switched', conversationId: id });
      emit({ type: 'conversations', conversations: list(), activeId: id });
      emit({ type: 'conversation', state: 'open' });
      emit({ type: 'resync', reason: 'new conversation' });
    },
    async listConversations() {
      return list();
    },
  };
  return {
    transport,
    reads,
    sentTo,
    history,
    emit,
    setOnline: (v: boolean) => (online = v),
    post(id: string, text: string) {
      const m = bot(id, ++seq, text);
      history[id]!.push(m);
      if (id === active) emit({ type: 'message', message: m });
      emit({ type: 'conversation.summary', conversation: summary(id) });
    },
  };
}

const texts = (chat: ReturnType<typeof createChat>) =>
  chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
const until = async (fn: () => boolean) => {
  for (let i = 0; i < 200 && !fn(); i++) await flush();
  expect(fn()).toBe(true);
};

describe('engine: several conversations', () => {
  it('keeps the list from the backend, newest change first, and updates one summary at a time', async () => {
    const b = fakeBackend();
    const chat = createChat({ transport: b.transport, locale: 'en' });
    await chat.start();
    await until(() => chat.state.conversations.value.length === 2);
    expect(chat.state.conversationId.value).toBe('c1');
    expect(chat.state.conversations.value.map((c) => c.id)).toEqual(['c2', 'c1']);
    b.post('c1', 'A reply');
    expect(chat.state.conversations.value.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(chat.state.conversations.value.find((c) => c.id === 'c2')?.unread).toBe(2);
    await chat.destroy();
  });

  it('switching shows only the other conversation, quietly, and switching back brings the first one back', async () => {
    const b = fakeBackend();
    const chat = createChat({ transport: b.transport, locale: 'en' });
    const switched: string[] = [];
    chat.on('conversation', ({ conversationId }) => switched.push(conversationId));
    await chat.start();
    await until(() => texts(chat).length === 1);
    chat.send('my question');
    await until(() => chat.state.messages.value.some((m) => m.status === 'sent' && m.from.role === 'user'));
    expect(b.sentTo).toEqual(['c1']); // the outbox entry carries the conversation it was typed in
    b.post('c1', 'An answer'); // panel closed: unread
    expect(chat.state.unread.value).toBe(1);

    await chat.openConversation('c2');
    await until(() => texts(chat).join('|') === 'Your card has been reissued|Statement ready');
    expect(switched).toEqual(['c2']);
    expect(chat.state.conversationId.value).toBe('c2');
    expect(chat.state.unread.value).toBe(0); // another conversation's history is not news
    expect(chat.state.messages.value.every((m) => m.conversationId === 'c2')).toBe(true);

    await chat.openConversation('c1');
    await until(() => texts(chat).join('|') === 'Hello, how can I help?|my question|An answer');
    await chat.destroy();
  });

  it('opening a conversation while looking at the chat reads it: its unread count clears on the backend', async () => {
    const b = fakeBackend();
    const chat = createChat({ transport: b.transport, locale: 'en', open: true });
    await chat.start();
    await until(() => chat.state.conversations.value.length === 2);
    expect(chat.state.conversations.value.find((c) => c.id === 'c2')?.unread).toBe(2);
    await chat.openConversation('c2');
    await until(() => chat.state.conversations.value.find((c) => c.id === 'c2')?.unread === 0);
    expect(b.reads).toContainEqual(['c2', 2]);
    // A notification to the conversation on screen is seen at once; one to another one counts there.
    b.post('c2', 'Limit raised');
    await until(() => b.reads.some(([id, upTo]) => id === 'c2' && upTo > 2));
    b.post('c1', 'Operator answered');
    expect(chat.state.conversations.value.find((c) => c.id === 'c1')?.unread).toBe(2);
    expect(chat.state.unread.value).toBe(0);
    await chat.destroy();
  });

  it('never moves unsent messages: a switch waits until they are sent or removed', async () => {
    const b = fakeBackend();
    const chat = createChat({ transport: b.transport, locale: 'en' });
    await chat.start();
    await until(() => texts(chat).length === 1);
    b.setOnline(false);
    const typed = chat.send('typed offline');
    await until(() => chat.state.messages.value.some((m) => m.clientId === typed?.clientId && m.status !== 'sending'));
    await expect(chat.openConversation('c2')).rejects.toThrow(/unsent/);
    expect(chat.state.conversationId.value).toBe('c1');
    expect(texts(chat)).toContain('typed offline');
    chat.remove(typed!.clientId!);
    await chat.openConversation('c2');
    await until(() => chat.state.conversationId.value === 'c2');
    expect(texts(chat)).not.toContain('typed offline');
    expect(b.history.c2!.some((m) => m.from.role === 'user')).toBe(false);
    await chat.destroy();
  });

  it('starts a new conversation in a channel; without the capability switching is refused', async () => {
    const b = fakeBackend();
    const chat = createChat({ transport: b.transport, locale: 'en' });
    await chat.start();
    await chat.newConversation('support');
    await until(() => texts(chat).join('|') === 'New support conversation');
    expect(chat.state.conversationId.value).toBe('c3');
    expect(chat.state.conversations.value.map((c) => c.id)).toContain('c3');
    await chat.destroy();

    const plain = fakeBackend();
    const { conversations: _c, ...caps } = plain.transport.capabilities;
    const single = createChat({ transport: { ...plain.transport, capabilities: caps }, locale: 'en' });
    await single.start();
    await expect(single.openConversation('c2')).rejects.toThrow(/one conversation/);
    await single.destroy();
  });
});
