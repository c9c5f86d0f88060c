import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBot, type BotContext, type BotOutput } from '../../server/bot/index';
import type { BotContent } from '../../server/bot/content-types';
import { Conversation, allActions, findAction, offersHandoff, textOf } from './helpers';

const content = (locale: 'en' | 'ru'): BotContent =>
  JSON.parse(readFileSync(new URL(`../../server/bot/content/${locale}.json`, import.meta.url), 'utf8')) as BotContent;
/** A signed-in (verified) customer while operators are online: card and account actions are carried out. */
const SIGNED_IN = { verified: true, operatorsOnline: true } as const;
const EN = content('en');
const RU = content('ru');
const CONTEXTS: BotContext[] = [
  { locale: 'en', segment: 'private', ...SIGNED_IN },
  { locale: 'en', segment: 'business', ...SIGNED_IN },
  { locale: 'ru', segment: 'private', ...SIGNED_IN },
  { locale: 'ru', segment: 'business', ...SIGNED_IN },
];

describe('greeting', () => {
  it.each(CONTEXTS)('greets $segment clients in $locale with the segment menu', (ctx) => {
    const data = ctx.locale === 'en' ? EN : RU;
    const out = createBot().start(ctx);
    expect(out.messages).toHaveLength(1);
    expect(textOf(out)).toBe(data.segments[ctx.segment].greeting);
    const labels = out.messages[0]?.quickReplies?.filter((a) => a.kind === 'postback').map((a) => a.label);
    expect(labels).toEqual(data.segments[ctx.segment].topics.map((id) => data.nodes[id]?.title));
    expect(offersHandoff(out)).toBe(true);
    expect(out.handoff).toBeUndefined();
  });

  it('shows private and business topics in the right language', () => {
    const bot = createBot();
    const labels = (ctx: BotContext) => bot.start(ctx).messages[0]?.quickReplies?.map((a) => a.label);
    expect(labels({ locale: 'en', segment: 'private', ...SIGNED_IN })).toEqual([
      'Cards',
      'Payments and transfers',
      'Deposits and savings',
      'Loans and mortgages',
      'App and login',
      'Cashback and bonuses',
      'Security and fraud',
      'Talk to a person',
    ]);
    expect(labels({ locale: 'ru', segment: 'business', ...SIGNED_IN })).toEqual([
      'Счета и тарифы',
      'Платежи',
      'Документы и выписки',
      'Валютный контроль',
      'Связаться с сотрудником',
    ]);
  });

  it('falls back to English for an unknown locale and to private for an unknown segment', () => {
    const ctx = { locale: 'de', segment: 'vip' } as unknown as BotContext;
    const out = createBot().start(ctx);
    expect(textOf(out)).toBe(EN.segments.private.greeting);
  });
});

describe('navigation', () => {
  it.each(CONTEXTS)('every $segment topic and every answer reachable from it offers a person ($locale)', (ctx) => {
    const bot = createBot();
    const start = bot.start(ctx);
    const seen = new Set<string>();
    const queue: { value: string; state: BotOutput['state'] }[] = allActions(start)
      .filter((a) => a.kind === 'postback')
      .map((a) => ({ value: a.value, state: start.state }));
    while (queue.length > 0) {
      const { value, state } = queue.shift() as (typeof queue)[number];
      if (seen.has(value) || value.startsWith('confirm:') || value.startsWith('cancel:')) continue;
      seen.add(value);
      const out = bot.reply(ctx, JSON.parse(JSON.stringify(state)), { action: { id: 'x', kind: 'postback', label: value, value } });
      expect(out.messages.length, value).toBeGreaterThan(0);
      expect(offersHandoff(out), `${value} offers a person`).toBe(true);
      expect(out.handoff, value).toBeUndefined();
      expect(out.state.misses, `${value} is understood`).toBe(0);
      if (value.startsWith('node:')) {
        const labels = out.messages.at(-1)?.quickReplies?.map((a) => a.label);
        expect(labels, value).toContain(ctx.locale === 'en' ? 'Back to topics' : 'К списку тем');
        expect(out.topic, value).toBeDefined();
      }
      for (const a of allActions(out)) if (a.kind === 'postback') queue.push({ value: a.value, state: out.state });
    }
    const data = ctx.locale === 'en' ? EN : RU;
    for (const id of data.segments[ctx.segment].topics) expect(seen.has(`node:${id}`), id).toBe(true);
    // Sub-questions were reached too, not only the menu.
    expect(seen.size).toBeGreaterThan(data.segments[ctx.segment].topics.length * 2);
  });

  it('answers a topic with text, cards and quick replies, and reports the topic', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    const out = chat.press('Cards');
    expect(out.topic).toBe('cards');
    const parts = out.messages[0]?.parts ?? [];
    expect(parts[0]).toEqual({ kind: 'text', text: EN.nodes['cards']?.text });
    expect(parts.some((p) => p.kind === 'card' && p.title === 'Your cards')).toBe(true);
    const types = chat.press('Card types');
    expect(types.messages[0]?.parts.filter((p) => p.kind === 'card')).toHaveLength(3);
    expect(findAction(types, (a) => a.kind === 'url')?.value).toMatch(/^https:\/\//);
    const back = chat.press('Back to topics');
    expect(textOf(back)).toBe(EN.ui.menuPrompt);
    expect(back.topic).toBe('cards');
  });

  it('business tariff plans come as cards with a switch flow', () => {
    const chat = new Conversation({ locale: 'ru', segment: 'business', ...SIGNED_IN });
    chat.press('Счета и тарифы');
    const out = chat.press('Тарифы');
    const titles = out.messages[0]?.parts.flatMap((p) => (p.kind === 'card' ? [p.title] : []));
    expect(titles).toEqual(['Старт', 'Рост', 'Безлимитный']);
    expect(textOf(chat.press('Перейти на «Рост»'))).toContain('тариф «Рост»');
    expect(chat.state.pending).toBe('switch-plan-growth');
  });

  it('ignores buttons of the other segment and forged postbacks', () => {
    const chat = new Conversation({ locale: 'en', segment: 'business', ...SIGNED_IN });
    const out = chat.send({ action: { id: 'a', kind: 'postback', label: 'Cards', value: 'node:cards' } });
    expect(textOf(out)).toContain(EN.fallback.notUnderstood);
    expect(chat.send({ action: { id: 'b', kind: 'postback', label: 'x', value: 'flow:block-card' } }).state.offered).toBe(true);
    const fresh = new Conversation({ locale: 'en', segment: 'business', ...SIGNED_IN });
    expect(textOf(fresh.send({ action: { id: 'c', kind: 'postback', label: 'x', value: '<script>' } }))).toContain(
      EN.fallback.notUnderstood,
    );
  });
});

describe('confirmation flows', () => {
  it('blocks the card after Confirm', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    chat.press('Cards');
    const ask = chat.press('Block my card');
    expect(textOf(ask)).toBe('Block your card? This cannot be undone in the app: to pay by card again, you will need a new one.');
    expect(ask.messages[0]?.quickReplies?.map((a) => [a.label, a.kind])).toEqual([
      ['Block card', 'postback'],
      ['Cancel', 'postback'],
      ['Talk to a person', 'handoff'],
    ]);
    expect(chat.state.pending).toBe('block-card');
    const done = chat.press('Block card');
    expect(textOf(done)).toContain('Your card is blocked');
    expect(textOf(done)).toContain('A new card can be ordered');
    expect(chat.state.pending).toBeUndefined();
    expect(offersHandoff(done)).toBe(true);
    expect(findAction(done, (a) => a.label === 'Reissue card')?.value).toBe('flow:reissue-card');
  });

  it('keeps the card after Cancel', () => {
    const chat = new Conversation({ locale: 'ru', segment: 'private', ...SIGNED_IN });
    chat.press('Безопасность и мошенничество');
    chat.press('Заморозить переводы');
    const out = chat.press('Отмена');
    expect(textOf(out)).toBe(RU.flows['freeze-transfers']?.cancelled);
    expect(out.topic).toBe('security');
    expect(findAction(out, (a) => a.value === 'node:security')?.label).toBe('Безопасность и мошенничество');
    expect(offersHandoff(out)).toBe(true);
  });

  it('accepts typed yes / no while a confirmation is pending', () => {
    const chat = new Conversation({ locale: 'ru', segment: 'private', ...SIGNED_IN });
    chat.say('Хочу перевыпустить карту');
    expect(chat.state.pending).toBe('reissue-card');
    expect(textOf(chat.say('Да, подтверждаю!'))).toBe(RU.flows['reissue-card']?.done);
    chat.say('заблокируйте карту');
    expect(chat.state.pending).toBe('block-card');
    expect(textOf(chat.say('нет, не надо'))).toBe(RU.flows['block-card']?.cancelled);
  });

  it('drops a pending confirmation when the person moves on', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    chat.say('block my card');
    chat.say('what is my cashback?');
    expect(chat.state.pending).toBeUndefined();
    expect(chat.last.topic).toBe('cashback');
    expect(textOf(chat.say('yes'))).toContain(EN.fallback.notUnderstood);
  });

  it('never acts on a stale Confirm button: it asks again', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    const ask = chat.say('block card');
    const confirm = findAction(ask, (a) => a.value === 'confirm:block-card');
    if (!confirm) throw new Error('no confirm button');
    chat.press('Cancel');
    const again = chat.send({ action: confirm });
    expect(textOf(again)).toBe(EN.flows['block-card']?.ask);
    expect(chat.state.pending).toBe('block-card');
    // A stale Cancel after a completed flow does not claim the card is still active.
    chat.press('Block card');
    const cancel = findAction(ask, (a) => a.value === 'cancel:block-card');
    expect(textOf(chat.send({ action: cancel! }))).toBe(EN.ui.menuPrompt);
  });

  it('business flows work too', () => {
    const chat = new Conversation({ locale: 'en', segment: 'business', ...SIGNED_IN });
    expect(textOf(chat.say('Please recall the payment'))).toContain('Recall your latest payment order?');
    expect(textOf(chat.press('Recall'))).toContain('has been recalled');
    expect(textOf(chat.say('send me the statement for last month'))).toContain('Send last month');
    expect(textOf(chat.press('Cancel'))).toBe("OK, I won't send it.");
  });
});

describe('free-text keywords', () => {
  const cases: [BotContext, string, string][] = [
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'I LOST my card!!!', 'urgent:card'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'my card was stolen', 'urgent:card'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'Block card, please.', 'flow:block-card'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'why is my card blocked?', 'node:cards-blocked'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'card limit', 'node:cards-limits'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'What is the transfer limit?', 'node:payments-limits'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'my transfer hasn’t arrived', 'node:payments-missing'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'Deposits', 'node:deposits'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'forgot my PASSWORD', 'node:app-password'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, "can't log in", 'node:app-login'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'cashback?', 'node:cashback'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'I think this is FRAUD', 'urgent:fraud'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'I lost my phone', 'node:security-lost-phone'],
    [{ locale: 'en', segment: 'private', ...SIGNED_IN }, 'freeze transfers now', 'flow:freeze-transfers'],
    [{ locale: 'en', segment: 'business', ...SIGNED_IN }, 'account statement', 'node:documents-statements'],
    [{ locale: 'en', segment: 'business', ...SIGNED_IN }, 'Tariffs', 'node:accounts-tariffs'],
    [{ locale: 'en', segment: 'business', ...SIGNED_IN }, 'currency control documents', 'node:currency-docs'],
    [{ locale: 'en', segment: 'business', ...SIGNED_IN }, 'salary for employees', 'node:biz-payments-payroll'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'КАРТА', 'node:cards'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'Заблокируйте карту!', 'flow:block-card'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'я потеряла карточку', 'urgent:card'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'у меня украли кошелёк с картой', 'urgent:card'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'карта заблокирована, что делать?', 'node:cards-blocked'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'лимиты по карте', 'node:cards-limits'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'Лимит на переводы?', 'node:payments-limits'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'перевод не пришёл', 'node:payments-missing'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'хочу открыть вклад', 'node:deposits'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'забыл пароль', 'node:app-password'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'не могу войти в приложение', 'node:app-login'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'Где мой кэшбэк???', 'node:cashback-missing'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'мошенники!', 'urgent:fraud'],
    [{ locale: 'ru', segment: 'private', ...SIGNED_IN }, 'мне позвонили из службы безопасности', 'urgent:call'],
    [{ locale: 'ru', segment: 'business', ...SIGNED_IN }, 'нужна выписка', 'node:documents-statements'],
    [{ locale: 'ru', segment: 'business', ...SIGNED_IN }, 'какие у вас тарифы', 'node:accounts-tariffs'],
    [{ locale: 'ru', segment: 'business', ...SIGNED_IN }, 'счёт заблокировали по 115-ФЗ', 'node:accounts-restrictions'],
    [{ locale: 'ru', segment: 'business', ...SIGNED_IN }, 'зарплата сотрудникам', 'node:biz-payments-payroll'],
    [{ locale: 'ru', segment: 'business', ...SIGNED_IN }, 'поставить контракт на учёт', 'node:currency-contract'],
  ];

  it.each(cases)('%o: %s → %s', (ctx, text, expected) => {
    const data = ctx.locale === 'en' ? EN : RU;
    const out = new Conversation(ctx).say(text);
    const [kind, id] = expected.split(':') as ['node' | 'flow' | 'urgent', string];
    const expectedText = kind === 'node' ? data.nodes[id]?.text : kind === 'flow' ? data.flows[id]?.ask : data.urgent[id]?.text;
    expect(out.messages[0]?.parts[0]).toEqual({ kind: 'text', text: expectedText });
    expect(out.state.misses).toBe(0);
    expect(offersHandoff(out)).toBe(true);
  });

  it('keeps the segments apart: business clients are not offered card blocking', () => {
    const out = new Conversation({ locale: 'en', segment: 'business', ...SIGNED_IN }).say('cashback');
    expect(textOf(out)).toContain(EN.fallback.notUnderstood);
  });

  it('answers small talk in both languages', () => {
    const en = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    expect(textOf(en.say('Hello!'))).toBe(EN.smallTalk.greeting.text);
    expect(en.last.messages[0]?.quickReplies?.length).toBe(EN.segments.private.topics.length + 1);
    expect(textOf(en.say('Thanks a lot'))).toBe(EN.smallTalk.thanks.text);
    expect(offersHandoff(en.last)).toBe(true);
    expect(textOf(en.say('bye'))).toBe(EN.smallTalk.bye.text);
    const ru = new Conversation({ locale: 'ru', segment: 'business', ...SIGNED_IN });
    expect(textOf(ru.say('Добрый день'))).toBe(RU.smallTalk.greeting.text);
    expect(textOf(ru.say('спасибо!'))).toBe(RU.smallTalk.thanks.text);
    expect(textOf(ru.say('До свидания'))).toBe(RU.smallTalk.bye.text);
  });

  it('a greeting with a question answers the question', () => {
    const out = new Conversation({ locale: 'ru', segment: 'private', ...SIGNED_IN }).say('Здравствуйте, у меня украли карту');
    expect(textOf(out)).toBe(RU.urgent.card?.text);
  });

  it('treats a reply button as the text it sends', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    const out = chat.send({ action: { id: 'r', kind: 'reply', label: 'Limits', value: 'card limits' } });
    expect(out.topic).toBe('cards');
    expect(out.messages[0]?.parts[0]).toEqual({ kind: 'text', text: EN.nodes['cards-limits']?.text });
  });
});

describe('handoff', () => {
  it.each([
    ['en', 'I want to talk to a HUMAN.'],
    ['en', 'operator!!'],
    ['en', 'can I speak to a real person?'],
    ['ru', 'ОПЕРАТОР'],
    ['ru', 'позовите живого человека'],
    ['ru', 'соедините с сотрудником, пожалуйста'],
  ] as const)('%s: "%s" hands off at once', (locale, text) => {
    const data = locale === 'en' ? EN : RU;
    const out = new Conversation({ locale, segment: 'private', ...SIGNED_IN }).say(text);
    expect(out.handoff).toEqual({ reason: 'user_request' });
    expect(out.messages).toEqual([{ parts: [{ kind: 'text', text: data.ui.connecting }] }]);
  });

  it('passes the topic along, from the chat so far or from the request itself', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    chat.press('Deposits and savings');
    expect(chat.say('let me talk to an operator').handoff).toEqual({ reason: 'user_request', topic: 'deposits' });
    const other = new Conversation({ locale: 'ru', segment: 'business', ...SIGNED_IN });
    const out = other.say('нужен оператор по валютному контролю');
    expect(out.handoff).toEqual({ reason: 'user_request', topic: 'currency' });
    expect(out.topic).toBe('currency');
  });

  it('does not hand off for words that merely contain a human keyword', () => {
    const out = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN }).say('personal card limits');
    expect(out.handoff).toBeUndefined();
    expect(out.topic).toBe('cards');
  });

  it('returns nothing for the client-side handoff action or a url button', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    chat.press('Cards');
    const before = chat.state;
    const handoff = findAction(chat.last, (a) => a.kind === 'handoff');
    expect(handoff).toBeDefined();
    const out = chat.send({ action: handoff! });
    expect(out.messages).toEqual([]);
    expect(out.handoff).toBeUndefined();
    expect(out.state).toEqual(before);
    expect(out.topic).toBe('cards');
    expect(chat.send({ action: { id: 'u', kind: 'url', label: 'x', value: 'https://bank.example' } }).messages).toEqual([]);
  });

  it('returns nothing for empty input', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    expect(chat.say('   ').messages).toEqual([]);
    expect(chat.send({}).messages).toEqual([]);
    expect(chat.state.misses).toBe(0);
  });
});

describe('misunderstandings', () => {
  it('rephrase first, then offer a person; a recognised input resets the count', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    const first = chat.say('qwerty asdf');
    expect(textOf(first)).toBe(EN.fallback.notUnderstood);
    expect(first.messages[0]?.quickReplies?.length).toBe(EN.segments.private.topics.length + 1);
    expect(offersHandoff(first)).toBe(true);
    expect(chat.state.misses).toBe(1);

    chat.say('cashback');
    expect(chat.state.misses).toBe(0);
    chat.say('blah');
    expect(chat.state.misses).toBe(1);
    const offer = chat.say('blah blah');
    expect(textOf(offer)).toBe(EN.fallback.offerPerson);
    expect(offer.messages[0]?.quickReplies?.map((a) => [a.label, a.kind, a.value])).toEqual([
      ['Talk to a person', 'handoff', 'handoff'],
      ['Try again', 'postback', 'menu'],
    ]);
    expect(offer.handoff).toBeUndefined();
    expect(chat.state).toMatchObject({ misses: 2, offered: true });

    const retry = chat.press('Try again');
    expect(textOf(retry)).toBe(EN.ui.menuPrompt);
    expect(chat.state.misses).toBe(0);
    expect(chat.state.offered).toBeUndefined();
  });

  it('a typed "yes" accepts the offer and hands off', () => {
    const chat = new Conversation({ locale: 'ru', segment: 'private', ...SIGNED_IN });
    chat.say('фывапролдж');
    chat.say('ячсмить');
    const out = chat.say('Да');
    expect(out.handoff).toEqual({ reason: 'not_understood' });
    expect(textOf(out)).toBe(RU.ui.connecting);
  });

  it('a typed "no" declines the offer and shows the topics', () => {
    const chat = new Conversation({ locale: 'en', segment: 'business', ...SIGNED_IN });
    chat.say('???');
    chat.say('zzz');
    const out = chat.say('no thanks');
    expect(out.handoff).toBeUndefined();
    expect(textOf(out)).toBe(EN.ui.menuPrompt);
  });

  it('keeps offering while the person is still not understood', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    for (const text of ['a', 'b', 'c']) chat.say(`xyz ${text}`);
    expect(textOf(chat.last)).toBe(EN.fallback.offerPerson);
    expect(chat.state.misses).toBe(3);
  });
});

describe('state', () => {
  it('is plain JSON at every step', () => {
    const chat = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN });
    const steps = [chat.last, chat.say('block my card'), chat.press('Cancel'), chat.say('???'), chat.say('!!!')];
    for (const out of steps) {
      expect(JSON.parse(JSON.stringify(out.state))).toStrictEqual(out.state);
      expect(JSON.parse(JSON.stringify(out.messages))).toStrictEqual(out.messages);
    }
  });

  it('survives a stored round trip and tolerates junk', () => {
    const bot = createBot();
    const ctx: BotContext = { locale: 'en', segment: 'private', ...SIGNED_IN };
    const ask = bot.reply(ctx, {}, { text: 'block card' });
    const stored = JSON.parse(JSON.stringify(ask.state)) as Record<string, unknown>;
    expect(textOf(bot.reply(ctx, stored, { text: 'yes' }))).toBe(EN.flows['block-card']?.done);
    const junk = { misses: 'lots', pending: 42, offered: 'yes', topic: null };
    const out = bot.reply(ctx, junk, { text: 'qqq' });
    expect(out.state).toStrictEqual({ v: 1, misses: 1 });
  });

  it('gives every button a unique id', () => {
    const out = new Conversation({ locale: 'en', segment: 'private', ...SIGNED_IN }).say('card');
    const ids = allActions(out).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
