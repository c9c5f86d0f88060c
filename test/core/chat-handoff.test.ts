import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat } from '../../src/core/chat';
import { TransportError } from '../../src/core/errors';
import { createMemoryTransport } from '../../src/transports/memory';
import { record, startedChat } from './chat-helpers';
import { botMessage, flush } from './chat-helpers';

const anna = { id: 'anna', role: 'agent' as const, name: 'Anna' };

afterEach(() => {
  vi.useRealTimers();
});

describe('chat: handoff', () => {
  it('follows the transport through verification, queue and operator, firing handoff events', async () => {
    const { t, chat } = await startedChat();
    const handoffs = record(chat, 'handoff');
    await chat.requestHandoff('card stolen');
    expect(t.handoffRequests).toEqual([{ reason: 'card stolen' }]);
    t.emit({ type: 'handoff', state: 'requested' });
    t.emit({ type: 'handoff', state: 'verification_required', challenge: { id: 'ch1', method: 'sms_otp', codeLength: 6 } });
    expect(chat.state.handoff.value.challenge?.id).toBe('ch1');

    expect(await chat.submitVerification(' 000000 ')).toBe('invalid');
    expect(chat.state.handoff.value).toMatchObject({ state: 'verification_required', lastResult: 'invalid' });
    expect(await chat.submitVerification('123456')).toBe('ok');
    expect(t.verifications).toEqual([
      ['ch1', '000000'],
      ['ch1', '123456'],
    ]);

    t.emit({ type: 'handoff', state: 'queued' });
    t.emit({ type: 'queue', queue: { position: 2, etaSeconds: 80 } });
    expect(chat.state.queue.value).toEqual({ position: 2, etaSeconds: 80 });
    expect(chat.state.conversation.value).toBe('queued');
    t.emit({ type: 'queue', queue: { position: 1, etaSeconds: 40 } });
    t.emit({ type: 'participant', action: 'joined', participant: anna });
    t.emit({ type: 'handoff', state: 'accepted' });
    expect(chat.state.operator.value).toEqual(anna);
    expect(chat.state.queue.value).toBeNull();
    expect(chat.state.conversation.value).toBe('open');

    t.emit({ type: 'conversation', state: 'closed' });
    expect(chat.state.operator.value).toBeNull();
    await chat.rate(5, 'great');
    expect(chat.state.rated.value).toBe(5);
    await expect(chat.rate(7)).rejects.toThrow(/1–5/);
    expect(handoffs.map((h) => h.state)).toEqual(['requested', 'verification_required', 'queued', 'accepted', 'none']);
  });

  it('submitVerification without a challenge says expired and does not call the transport', async () => {
    const { t, chat } = await startedChat();
    expect(await chat.submitVerification('123456')).toBe('expired');
    expect(t.verifications).toEqual([]);
  });

  it('reports unsupported when the backend cannot hand off, and restores the state when the request fails', async () => {
    const none = await startedChat({ without: ['requestHandoff'] });
    const errors = record(none.chat, 'error');
    await none.chat.requestHandoff();
    expect(errors).toEqual([expect.objectContaining({ code: 'unsupported' })]);
    expect(none.chat.state.handoff.value.state).toBe('none');

    const failing = await startedChat();
    failing.t.requestHandoff = () => Promise.reject(new TransportError('fake', 'server', 'down'));
    const failErrors = record(failing.chat, 'error');
    await failing.chat.requestHandoff();
    expect(failing.chat.state.handoff.value).toEqual({ state: 'none' });
    expect(failErrors).toEqual([expect.objectContaining({ code: 'server' })]);
  });

  it('runs the whole path with the memory transport: code, queue, Anna, close, rating', async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0, queueStepMs: 0, random: () => 0.5 });
    const chat = createChat({ transport, locale: 'en', open: true });
    const handoffs = record(chat, 'handoff');
    await chat.start();
    await flush();
    const person = chat.state.messages.value.at(-1)!.quickReplies!.find((a) => a.kind === 'handoff')!;
    chat.choose(person);
    await vi.waitFor(() => expect(chat.state.handoff.value.state).toBe('verification_required'));
    const code = chat.state.messages.value.find((m) => m.from.role === 'system');
    expect(code?.parts).toEqual([{ kind: 'text', text: 'Demo code: 123456 (a real bank sends it by SMS)' }]);
    expect(await chat.submitVerification('123456')).toBe('ok');
    await vi.waitFor(() => expect(chat.state.operator.value?.name).toBe('Anna'));
    await vi.waitFor(() => expect(chat.state.messages.value.at(-1)?.from.role).toBe('agent'));
    chat.send('my card is gone');
    await vi.waitFor(() =>
      expect(chat.state.messages.value.at(-1)?.parts[0]).toEqual({ kind: 'text', text: 'Let me check that for you.' }),
    );
    expect(chat.state.messages.value.find((m) => m.parts[0]?.kind === 'text' && m.parts[0].text === 'my card is gone')?.status).toBe(
      'read',
    );
    await chat.closeConversation();
    expect(chat.state.conversation.value).toBe('closed');
    await chat.rate(4);
    expect(chat.state.rated.value).toBe(4);
    expect(handoffs.map((h) => h.state)).toEqual(['requested', 'verification_required', 'queued', 'accepted', 'none']);
    expect(chat.state.unread.value).toBe(0);
    await chat.destroy();
  });
});

describe('chat: typing indicator', () => {
  it('shows who types, clears on their message, on typing off, on disconnect and after 30 s', async () => {
    vi.useFakeTimers();
    const { t, chat } = await startedChat();
    const bot = botMessage(1).from;
    t.emit({ type: 'typing', from: bot, on: true });
    expect(chat.state.typing.value).toEqual(bot);
    t.emit({ type: 'message', message: botMessage(1) });
    expect(chat.state.typing.value).toBeNull();

    t.emit({ type: 'typing', from: anna, on: true });
    t.emit({ type: 'message', message: botMessage(2) }); // someone else's message: Anna still types
    expect(chat.state.typing.value).toEqual(anna);
    t.emit({ type: 'typing', from: anna, on: false });
    expect(chat.state.typing.value).toBeNull();

    t.emit({ type: 'typing', from: { id: 'me', role: 'user' }, on: true });
    expect(chat.state.typing.value).toBeNull();

    t.emit({ type: 'typing', from: anna, on: true });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(chat.state.typing.value).toEqual(anna);
    await vi.advanceTimersByTimeAsync(1);
    expect(chat.state.typing.value).toBeNull();

    t.emit({ type: 'typing', from: anna, on: true });
    t.emit({ type: 'status', status: 'reconnecting' });
    expect(chat.state.typing.value).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes the user’s typing to the transport only while online', async () => {
    const { t, chat } = await startedChat();
    const calls: boolean[] = [];
    t.setTyping = (on) => calls.push(on);
    chat.setTyping(true);
    t.emit({ type: 'status', status: 'offline' });
    chat.setTyping(false);
    expect(calls).toEqual([true]);
  });
});
