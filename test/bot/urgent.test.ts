/**
 * The bot at the hard moments: urgent cases get a safety instruction and a one-tap priority person
 * at once; card and account actions are never done for an unverified visitor; with nobody online
 * the answer says so and offers the emergency line; a call-back request is a request for a person.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BotContent } from '../../server/bot/content-types';
import type { BotContext } from '../../server/bot/index';
import { Conversation, allActions, findAction, offersHandoff, textOf } from './helpers';

const content = (locale: 'en' | 'ru'): BotContent =>
  JSON.parse(readFileSync(new URL(`../../server/bot/content/${locale}.json`, import.meta.url), 'utf8')) as BotContent;
const EN = content('en');
const RU = content('ru');
const online = (locale: 'en' | 'ru', extra: Partial<BotContext> = {}): BotContext => ({
  locale,
  segment: 'private',
  verified: false,
  operatorsOnline: true,
  ...extra,
});

describe('urgent cases', () => {
  it.each([
    ['en', 'someone stole money from my account', 'fraud'],
    ['en', 'a man called from the security service and I told him the code', 'call'],
    ['en', 'lost my card', 'card'],
    ['ru', 'мошенники списали деньги', 'fraud'],
    ['ru', 'мне позвонили из службы безопасности, я назвал код', 'call'],
    ['ru', 'украли карту', 'card'],
  ] as const)('%s: "%s" gets the safety instruction and a priority person first', (locale, text, id) => {
    const data = locale === 'en' ? EN : RU;
    const out = new Conversation(online(locale)).say(text);
    expect(out.intent).toBe(`urgent:${id}`);
    expect(out.priority).toBe('urgent');
    expect(out.handoff).toBeUndefined();
    expect(textOf(out)).toBe(data.urgent[id]?.text);
    const first = out.messages[0]?.quickReplies?.[0];
    expect(first).toMatchObject({ kind: 'handoff', value: 'urgent', label: data.ui.urgentPerson });
    // Only the priority person: no second, ordinary "Talk to a person" next to it.
    expect(allActions(out).filter((a) => a.kind === 'handoff')).toHaveLength(1);
    expect(out.state.urgent).toBe(true);
  });

  it('is recognised for business clients too, without private-only buttons', () => {
    const out = new Conversation({ ...online('en'), segment: 'business' }).say('fraudsters took money from our account');
    expect(out.intent).toBe('urgent:fraud');
    expect(out.priority).toBe('urgent');
    expect(allActions(out).some((a) => a.value === 'flow:block-card')).toBe(false);
    expect(findAction(out, (a) => a.kind === 'handoff')?.value).toBe('urgent');
  });

  it('pressing the priority person marks the priority, and it sticks for a later handoff', () => {
    const chat = new Conversation(online('en'));
    const answer = chat.say('scam call');
    const person = findAction(answer, (a) => a.value === 'urgent');
    const pressed = chat.send({ action: person! });
    expect(pressed.messages).toEqual([]);
    expect(pressed.priority).toBe('urgent');
    const later = chat.say('operator please');
    expect(later.handoff).toEqual({ reason: 'user_request', topic: 'security', priority: 'urgent' });
    expect(later.priority).toBe('urgent');
  });

  it('the urgent button alone marks a fresh conversation urgent; an ordinary one does not', () => {
    const chat = new Conversation(online('ru'));
    const ordinary = chat.send({ action: { id: 'h', kind: 'handoff', label: 'x', value: 'handoff' } });
    expect(ordinary.priority).toBeUndefined();
    const urgent = chat.send({ action: { id: 'u', kind: 'handoff', label: 'x', value: 'urgent' } });
    expect(urgent.priority).toBe('urgent');
  });

  it('asking for a person in the same words hands off at once with priority, after the safety text', () => {
    const out = new Conversation(online('ru')).say('мошенники списали деньги, срочно оператора');
    expect(out.intent).toBe('urgent:fraud');
    expect(out.handoff).toEqual({ reason: 'user_request', topic: 'security', priority: 'urgent' });
    expect(out.priority).toBe('urgent');
    expect(out.messages.map((m) => m.parts[0]?.kind === 'text' && m.parts[0].text)).toEqual([RU.urgent.fraud?.text, RU.ui.connecting]);
  });

  it('with nobody online: says so honestly, and offers the emergency line as a tel: button', () => {
    const ctx = online('en', { operatorsOnline: false, emergencyPhone: '+7 800 555-35-35' });
    const out = new Conversation(ctx).say('my card was stolen');
    expect(out.priority).toBe('urgent');
    expect(textOf(out)).toBe(`${EN.urgent.card?.offlineText}\n\nOur 24/7 line can block your card and access right now: +7 800 555-35-35.`);
    expect(textOf(out)).toContain('offline');
    const replies = out.messages[0]?.quickReplies ?? [];
    expect(replies[0]).toMatchObject({ kind: 'handoff', value: 'urgent', label: EN.ui.urgentPersonOffline });
    expect(replies[1]).toMatchObject({ kind: 'url', value: 'tel:+78005553535', label: 'Call +7 800 555-35-35' });
  });

  it('with nobody online and no emergency line: no tel: button, still honest', () => {
    const out = new Conversation(online('ru', { operatorsOnline: false })).say('мне позвонили и я сказал код из смс');
    expect(out.intent).toBe('urgent:call');
    expect(textOf(out)).toBe(RU.urgent.call?.offlineText);
    expect(allActions(out).some((a) => a.kind === 'url')).toBe(false);
  });

  it('the emergency line is not offered while people are online', () => {
    const out = new Conversation(online('en', { emergencyPhone: '+44 20 7946 0000' })).say('fraud');
    expect(allActions(out).some((a) => a.kind === 'url')).toBe(false);
    expect(textOf(out)).not.toContain('+44');
  });

  it('the bot does not say "connecting" while nobody is online (the server says when people are back)', () => {
    const out = new Conversation(online('en', { operatorsOnline: false })).say('operator');
    expect(out.handoff).toEqual({ reason: 'user_request' });
    expect(out.messages).toEqual([]);
  });
});

describe('card and account actions need a verified customer', () => {
  it.each([
    ['en', 'block my card', 'block-card'],
    ['en', 'reissue my card', 'reissue-card'],
    ['ru', 'заблокируйте карту', 'block-card'],
    ['ru', 'заморозьте переводы', 'freeze-transfers'],
  ] as const)('%s: "%s" for an unverified visitor: never asked, never done, a person offered', (locale, text, id) => {
    const data = locale === 'en' ? EN : RU;
    const chat = new Conversation(online(locale));
    const out = chat.say(text);
    expect(out.intent).toBe(`verify:${id}`);
    expect(textOf(out)).toBe(data.flows[id]?.unverified);
    expect(chat.state.pending).toBeUndefined();
    expect(allActions(out).some((a) => a.value.startsWith('confirm:'))).toBe(false);
    expect(offersHandoff(out)).toBe(true);
    // A typed "yes" does not do it either.
    const yes = chat.say(locale === 'en' ? 'yes' : 'да');
    expect(textOf(yes)).not.toBe(data.flows[id]?.done);
  });

  it('security actions offer the priority person; others the ordinary one', () => {
    const chat = new Conversation(online('en'));
    expect(findAction(chat.say('block my card'), (a) => a.kind === 'handoff')?.value).toBe('urgent');
    expect(findAction(chat.say('reissue my card'), (a) => a.kind === 'handoff')?.value).toBe('handoff');
    const biz = new Conversation({ ...online('en'), segment: 'business' });
    const plan = biz.send({ action: { id: 'p', kind: 'postback', label: 'x', value: 'flow:switch-plan-growth' } });
    expect(plan.intent).toBe('verify:switch-plan-growth');
    expect(textOf(plan)).toBe(EN.ui.verifyFirst);
  });

  it('a stale Confirm button from a verified session does nothing once verification is gone', () => {
    const verified = new Conversation(online('en', { verified: true }));
    const ask = verified.say('block my card');
    expect(ask.intent).toBe('flow:block-card');
    const confirm = findAction(ask, (a) => a.value === 'confirm:block-card');
    const anonymous = new Conversation(online('en'));
    anonymous.state = verified.state;
    const out = anonymous.send({ action: confirm! });
    expect(out.intent).toBe('verify:block-card');
    expect(textOf(out)).not.toBe(EN.flows['block-card']?.done);
  });

  it('a verified customer is asked and then it is done', () => {
    const chat = new Conversation(online('ru', { verified: true }));
    expect(chat.say('заблокируйте карту').intent).toBe('flow:block-card');
    const done = chat.say('да');
    expect(done.intent).toBe('flow-done:block-card');
    expect(textOf(done)).toBe(RU.flows['block-card']?.done);
  });

  it('the urgent answer’s "Block my card" is verified-only as well', () => {
    const chat = new Conversation(online('en'));
    chat.say('I lost my card');
    const out = chat.press('Block my card');
    expect(out.intent).toBe('verify:block-card');
  });
});

describe('call-back requests', () => {
  it.each([
    ['en', 'Please call me back: +44 20 7946 0000'],
    ['ru', 'Перезвоните мне, пожалуйста, +7 916 123-45-67'],
  ] as const)('%s: "%s" offers the person path, not the scam warning or "didn\'t understand"', (locale, text) => {
    const data = locale === 'en' ? EN : RU;
    const out = new Conversation(online(locale)).say(text);
    expect(out.intent).toBe('callback');
    expect(textOf(out)).toBe(data.intents.callback.text);
    expect(out.messages[0]?.quickReplies?.[0]).toMatchObject({ kind: 'handoff', value: 'callback', label: data.intents.callback.button });
    expect(out.priority).toBeUndefined();
    expect(out.handoff).toBeUndefined();
  });

  it('while nobody is online it says so and leads to leaving a message', () => {
    const out = new Conversation(online('en', { operatorsOnline: false })).say('can you call me back tomorrow?');
    expect(textOf(out)).toBe(EN.intents.callback.offlineText);
  });
});

describe('no invented personal data', () => {
  it.each(['en', 'ru'] as const)('%s content shows no customer card, account, payee or e-mail as the customer’s own', (locale) => {
    const raw = readFileSync(new URL(`../../server/bot/content/${locale}.json`, import.meta.url), 'utf8');
    for (const invented of [
      '4821',
      '7730',
      'Anna K',
      'Анне К',
      'Northwind',
      'Нортвинд',
      'Contoso',
      'Контосо',
      '@northwind',
      'No. 128',
      '№ 128',
    ]) {
      expect(raw, invented).not.toContain(invented);
    }
    expect(raw).not.toMatch(/Your categories this month|Ваши категории в этом месяце|your current plan|ваш текущий тариф/);
  });
});
