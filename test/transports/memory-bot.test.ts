import { describe, expect, it, vi } from 'vitest';
import { createMemoryTransport } from '../../src/transports/memory';
import { connected, ctx, last, messages, settle, textOf } from './memory-helpers';

describe('memory transport: the scripted demo bot', () => {
  it('goes connecting → online and greets with topic buttons and a handoff button', async () => {
    const { events } = await connected();
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['connecting', 'online']);
    expect(events.find((e) => e.type === 'availability')).toMatchObject({ availability: { operatorsOnline: true } });
    const hello = last(events)!;
    expect(hello.from.role).toBe('bot');
    expect(textOf(hello)).toMatch(/demo assistant/);
    expect(hello.quickReplies?.map((a) => a.label)).toEqual(['Cards', 'Payments', 'App & login', 'Security', 'Talk to a person']);
    expect(hello.quickReplies?.at(-1)?.kind).toBe('handoff');
  });

  it('greets by name, for the business segment, and in Russian for ru locales', async () => {
    const biz = await connected({}, { user: { name: 'Maria', segment: 'business' } });
    expect(textOf(last(biz.events))).toBe('Hi, Maria! I am the demo assistant for business clients. What can I help with?');
    const rus = await connected({}, { locale: 'ru-RU' });
    expect(textOf(last(rus.events))).toMatch(/^Здравствуйте! Я демо-ассистент\. Чем могу помочь\?$/);
    expect(last(rus.events)?.quickReplies?.[0]?.label).toBe('Карты');
    expect(last(rus.events)?.from.name).toBe('Ассистент');
  });

  it('shows typing, then answers after replyDelayMs', async () => {
    vi.useFakeTimers();
    try {
      const t = createMemoryTransport({ replyDelayMs: 600 });
      const events: { type: string; on?: boolean }[] = [];
      t.on((e) => events.push(e.type === 'typing' ? { type: 'typing', on: e.on } : { type: e.type }));
      await t.connect(ctx());
      expect(events.at(-1)).toEqual({ type: 'typing', on: true });
      await vi.advanceTimersByTimeAsync(599);
      expect(events.some((e) => e.type === 'message')).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(events.slice(-2)).toEqual([{ type: 'typing', on: false }, { type: 'message' }]);
      await t.disconnect();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a topic button with a card, and typed keywords in either language', async () => {
    const { t, events } = await connected();
    const cards = last(events)!.quickReplies![0]!;
    await t.send({ clientId: 'c1', text: cards.label, action: cards });
    await settle();
    const answer = last(events)!;
    expect(answer.from.role).toBe('bot');
    const card = answer.parts.find((p) => p.kind === 'card');
    expect(card).toMatchObject({ kind: 'card', title: 'Visa •• 4242' });
    expect(card?.kind === 'card' && card.actions?.map((a) => a.kind)).toEqual(['postback', 'url']);

    await t.send({ clientId: 'c2', text: 'my transfer is stuck' });
    await settle();
    expect(textOf(last(events))).toMatch(/Transfers/);
    await t.send({ clientId: 'c3', text: 'забыл пароль' });
    await settle();
    expect(textOf(last(events))).toMatch(/log in/);
    await t.send({ clientId: 'c4', text: 'please block my card' });
    await settle();
    expect(textOf(last(events))).toMatch(/frozen/);
  });

  it('acknowledges a file sent without text, without counting it as a misunderstanding', async () => {
    const { t, events } = await connected();
    const file = { id: 'f1', name: 'statement.pdf', mimeType: 'application/pdf', size: 1000 };
    await t.send({ clientId: 'c1', attachments: [file] });
    await settle();
    expect(messages(events).at(-2)?.parts).toEqual([{ kind: 'attachment', attachment: file }]);
    expect(textOf(last(events))).toMatch(/Got the file/);
    await t.send({ clientId: 'c2', text: 'qwerty' });
    await settle();
    expect(textOf(last(events))).toMatch(/did not get that/);
  });

  it('offers a person after two misunderstandings in a row', async () => {
    const { t, events } = await connected();
    await t.send({ clientId: 'c1', text: 'qwerty' });
    await settle();
    expect(textOf(last(events))).toMatch(/did not get that/);
    expect(last(events)?.quickReplies?.some((a) => a.kind === 'handoff')).toBe(true);
    await t.send({ clientId: 'c2', text: 'asdfgh' });
    await settle();
    expect(textOf(last(events))).toMatch(/Shall I call a person/);
    expect(last(events)?.quickReplies?.[0]).toMatchObject({ kind: 'handoff', label: 'Talk to a person' });
    // A recognised message in between resets the count.
    await t.send({ clientId: 'c3', text: 'zzz' });
    await t.send({ clientId: 'c4', text: 'thanks' });
    await t.send({ clientId: 'c5', text: 'zzz' });
    await settle();
    expect(textOf(last(events))).toMatch(/did not get that/);
  });

  it('stays quiet when the user pressed the handoff button, and when the bot is off', async () => {
    const { t, events } = await connected();
    const person = last(events)!.quickReplies!.at(-1)!;
    const before = messages(events).length;
    await t.send({ clientId: 'c1', text: person.label, action: person });
    await settle();
    expect(messages(events).length).toBe(before + 1);
    expect(last(events)?.from.role).toBe('user');

    const quiet = await connected({ bot: false });
    expect(messages(quiet.events)).toEqual([]);
    await quiet.t.send({ clientId: 'c1', text: 'hello' });
    await settle();
    expect(messages(quiet.events).map((m) => m.from.role)).toEqual(['user']);
  });
});
