import { describe, expect, it, vi } from 'vitest';
import { createBot as createServerBot } from '../../server/bot';
import type { Action } from '../../src/core/model';
import type { IncomingMessage } from '../../src/core/transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { BOT_CONTENT } from '../../src/transports/memory/bot-content';
import { connected, ctx, last, messages, settle, textOf } from './memory-helpers';

const server = createServerBot();
const en = BOT_CONTENT.en;
const labels = (m: IncomingMessage | undefined) => m?.quickReplies?.map((a) => a.label);

describe('memory transport: the demo bot (content shared with the reference server)', () => {
  it('goes connecting → online and greets like the server bot: same text, same topic menu, then a person', async () => {
    const { events } = await connected();
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['connecting', 'online']);
    expect(events.find((e) => e.type === 'availability')).toMatchObject({ availability: { operatorsOnline: true } });
    const hello = last(events)!;
    const reference = server.start({ locale: 'en', segment: 'private', verified: false, operatorsOnline: true }).messages[0]!;
    expect(hello.from.role).toBe('bot');
    expect(hello.parts).toEqual(reference.parts);
    expect(labels(hello)).toEqual(reference.quickReplies!.map((a) => a.label));
    expect(hello.quickReplies?.map((a) => a.value)).toEqual(reference.quickReplies!.map((a) => a.value));
    expect(hello.quickReplies?.at(-1)?.kind).toBe('handoff');
  });

  it('speaks Russian for ru locales, from ru.json', async () => {
    const { events } = await connected({}, { locale: 'ru-RU' });
    const reference = server.start({ locale: 'ru', segment: 'private', verified: false, operatorsOnline: true }).messages[0]!;
    expect(last(events)?.parts).toEqual(reference.parts);
    expect(labels(last(events))).toEqual(reference.quickReplies!.map((a) => a.label));
    expect(last(events)?.from.name).toBe('Ассистент');
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

  it('answers a topic button with the same text as the server bot, then offers the menu and a person', async () => {
    for (const locale of ['en', 'ru'] as const) {
      const { t, events } = await connected({}, { locale });
      const menu = last(events)!.quickReplies!.filter((a) => a.kind === 'postback');
      for (const [i, button] of menu.entries()) {
        await t.send({ clientId: `c${i}`, text: button.label, action: button });
        await settle();
        const reference = server.reply({ locale, segment: 'private', verified: false, operatorsOnline: true }, {}, { action: button })
          .messages[0]!;
        // The server also shows cards and sub-questions, which the subset leaves out.
        expect(last(events)?.parts[0]).toEqual(reference.parts[0]);
        expect(labels(last(events))).toEqual([BOT_CONTENT[locale].ui.backToTopics, BOT_CONTENT[locale].ui.talkToPerson]);
      }
    }
  });

  it('matches typed words with the server keywords ("card*" covers "cards"), in either language', async () => {
    const { t, events } = await connected();
    await t.send({ clientId: 'c1', text: 'My CARDS?' });
    await settle();
    expect(textOf(last(events))).toBe(en.nodes.cards!.text);
    const rus = await connected({}, { locale: 'ru' });
    await rus.t.send({ clientId: 'c1', text: 'где мой перевод' });
    await settle();
    expect(textOf(last(rus.events))).toBe(BOT_CONTENT.ru.nodes.payments!.text);
  });

  it('"Back to topics" shows the menu again under the menu prompt', async () => {
    const { t, events } = await connected();
    const cards = last(events)!.quickReplies![0]!;
    await t.send({ clientId: 'c1', text: cards.label, action: cards });
    await settle();
    const back = last(events)!.quickReplies![0]!;
    await t.send({ clientId: 'c2', text: back.label, action: back });
    await settle();
    expect(textOf(last(events))).toBe(en.ui.menuPrompt);
    expect(labels(last(events))).toEqual([...en.topics.map((id) => en.nodes[id]!.title), en.ui.talkToPerson]);
  });

  it('offers a person after two misunderstandings in a row, like the server', async () => {
    const { t, events } = await connected();
    await t.send({ clientId: 'c1', text: 'qwerty' });
    await settle();
    expect(textOf(last(events))).toBe(en.fallback.notUnderstood);
    await t.send({ clientId: 'c2', text: 'asdfgh' });
    await settle();
    expect(textOf(last(events))).toBe(en.fallback.offerPerson);
    expect(last(events)?.quickReplies?.map((a: Action) => [a.kind, a.label])).toEqual([
      ['handoff', en.ui.talkToPerson],
      ['postback', en.ui.tryAgain],
    ]);
    // A recognised message in between resets the count.
    await t.send({ clientId: 'c3', text: 'zzz' });
    await t.send({ clientId: 'c4', text: 'card' });
    await t.send({ clientId: 'c5', text: 'zzz' });
    await settle();
    expect(textOf(last(events))).toBe(en.fallback.notUnderstood);
  });

  it('words asking for a person start the handoff at once', async () => {
    const { t, events } = await connected();
    await t.send({ clientId: 'c1', text: 'I want a person' });
    await settle();
    expect(events.filter((e) => e.type === 'handoff').map((e) => e.type === 'handoff' && e.state)).toEqual([
      'requested',
      'verification_required',
    ]);
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
