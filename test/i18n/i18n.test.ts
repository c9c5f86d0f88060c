import { describe, expect, it } from 'vitest';
import { createI18n, negotiateLocale } from '../../src/i18n';
import { en } from '../../src/i18n/locales/en';
import { ru } from '../../src/i18n/locales/ru';

describe('tables', () => {
  it('ru has exactly the keys of en, with the same kind of entry', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(typeof ru[key], key).toBe(typeof en[key]);
    }
  });

  it('ru keeps every placeholder of en', () => {
    const names = (v: unknown) => [...new Set(JSON.stringify(v).match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(ru[key]), key).toEqual(names(en[key]));
    }
  });

  it('ru plural entries have one, few, many and other', () => {
    for (const value of Object.values(ru)) {
      if (typeof value === 'string') continue;
      expect(Object.keys(value).sort()).toEqual(['few', 'many', 'one', 'other']);
    }
  });
});

describe('createI18n', () => {
  it('interpolates params and keeps unknown placeholders', () => {
    const i18n = createI18n('en');
    expect(i18n.t('typing.named', { name: 'Anna' })).toBe('Anna is typing…');
    expect(i18n.t('handoff.queuePositionEta', { position: 2, minutes: 3 })).toBe('You are number 2 in the queue, about 3 min');
    expect(i18n.t('handoff.joined')).toBe('{name} joined the chat');
  });

  it('picks English plural forms', () => {
    const i18n = createI18n('en-US');
    expect(i18n.t('launcher.unread', { count: 1 })).toBe('1 unread message');
    expect(i18n.t('launcher.unread', { count: 3 })).toBe('3 unread messages');
  });

  it('picks Russian one / few / many forms', () => {
    const i18n = createI18n('ru-RU');
    expect(i18n.lang).toBe('ru');
    expect(i18n.t('launcher.unread', { count: 1 })).toBe('1 непрочитанное сообщение');
    expect(i18n.t('launcher.unread', { count: 3 })).toBe('3 непрочитанных сообщения');
    expect(i18n.t('launcher.unread', { count: 5 })).toBe('5 непрочитанных сообщений');
    expect(i18n.t('launcher.unread', { count: 21 })).toBe('21 непрочитанное сообщение');
    expect(i18n.t('launcher.unread', { count: 12 })).toBe('12 непрочитанных сообщений');
    expect(i18n.t('handoff.invalid', { count: 2 })).toBe('Неверный код. Осталось 2 попытки');
  });

  it('applies overrides over the built-in table', () => {
    const i18n = createI18n('en', { 'header.title': 'Bank help' });
    expect(i18n.t('header.title')).toBe('Bank help');
    expect(i18n.t('composer.send')).toBe('Send');
  });

  it('falls back to English for unknown locales and reports lang and dir', () => {
    const i18n = createI18n('xx-invalid-tag-!!');
    expect(i18n.lang).toBe('en');
    expect(i18n.dir).toBe('ltr');
    expect(i18n.t('header.title')).toBe('Support');
  });

  it('formats times with Intl and tolerates bad input', () => {
    const iso = '2024-05-06T14:05:00Z';
    const expected = new Intl.DateTimeFormat('ru-RU', { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
    expect(createI18n('ru-RU').formatTime(iso)).toBe(expected);
    expect(createI18n('en').formatTime('not a date')).toBe('');
    const now = new Date(iso);
    expect(createI18n('en').formatWhen(iso, now)).toBe(createI18n('en').formatTime(iso));
    expect(createI18n('en').formatWhen('2024-05-01T14:05:00Z', now)).toMatch(/[A-Za-z]{3}/);
  });
});

describe('negotiateLocale', () => {
  it('maps regional tags to the built-in language', () => {
    expect(negotiateLocale('ru-RU')).toBe('ru');
    expect(negotiateLocale('RU')).toBe('ru');
    expect(negotiateLocale('en_GB')).toBe('en');
  });

  it('falls back to the browser languages, then English', () => {
    expect(negotiateLocale(undefined, ['fr-FR', 'ru'])).toBe('ru');
    expect(negotiateLocale('fr', ['it'])).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('fr', ['ru-UA'])).toBe('ru');
  });
});
