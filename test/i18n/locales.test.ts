import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_LOCALES,
  createI18n,
  directionOf,
  type Messages,
  negotiateLocale,
  registeredLocales,
  registerLocale,
} from '../../src/i18n';
import { ar } from '../../src/i18n/locales/ar';
import { de } from '../../src/i18n/locales/de';
import { en } from '../../src/i18n/locales/en';
import { he } from '../../src/i18n/locales/he';
import { kk } from '../../src/i18n/locales/kk';
import { ru } from '../../src/i18n/locales/ru';
import { uk } from '../../src/i18n/locales/uk';
import { formatBytes } from '../../src/ui/shared/format';

const root = path.resolve(import.meta.dirname, '../..');
const TABLES: Record<string, Messages> = { ru, uk, kk, de, ar, he };
const names = (v: unknown) => [...new Set(JSON.stringify(v).match(/\{\w+\}/g) ?? [])].sort();

describe('the locale registry', () => {
  it('lists seven languages, two right to left, each but English with its own stage file', () => {
    expect(BUILT_IN_LOCALES).toEqual(['en', 'ru', 'uk', 'kk', 'de', 'ar', 'he']);
    expect(BUILT_IN_LOCALES.filter((code) => directionOf(code) === 'rtl')).toEqual(['ar', 'he']);
    for (const code of BUILT_IN_LOCALES.filter((c) => c !== 'en')) {
      expect(existsSync(path.join(root, `src/embed/stages/locale-${code}.ts`)), code).toBe(true);
    }
    const json = JSON.parse(readFileSync(path.join(root, 'src/i18n/locales.json'), 'utf8')) as Record<string, { budgetKb: number }>;
    for (const code of BUILT_IN_LOCALES.filter((c) => c !== 'en')) expect(json[code]!.budgetKb, code).toBeGreaterThan(0);
  });

  it('knows the direction of regional tags and of languages it does not have', () => {
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('he_IL')).toBe('rtl');
    expect(directionOf('de-CH')).toBe('ltr');
    expect(directionOf('xx')).toBe('ltr');
  });
});

describe.each(Object.entries(TABLES))('the %s table', (code, table) => {
  it('has every key of English, with the same kind of entry and the same placeholders', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(typeof table[key], key).toBe(typeof en[key]);
      expect(names(table[key]), key).toEqual(names(en[key]));
    }
  });

  it('gives each plural entry exactly the forms Intl.PluralRules has for the language', () => {
    const categories = [...new Intl.PluralRules(code).resolvedOptions().pluralCategories].sort();
    for (const [key, value] of Object.entries(table)) {
      if (typeof value === 'string') continue;
      expect(Object.keys(value).sort(), key).toEqual(categories);
    }
  });

  it('translates: no string is left in English (but brand-like words)', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => typeof en[k] === 'string' && table[k] === en[k]);
    // Units and file kinds that read the same in these languages.
    const allowed = new Set([
      'size.bytes',
      'size.kilobytes',
      'size.megabytes',
      'header.title',
      'convs.channel.support',
      'status.online',
      'message.agent',
      'ending.text',
      'announce.said',
    ]);
    expect(same.filter((k) => !allowed.has(k))).toEqual([]);
  });
});

describe('plurals, dates and numbers per locale', () => {
  it('picks Ukrainian, Arabic and Hebrew forms through Intl.PluralRules', () => {
    const t = (locale: string, count: number) => createI18n(locale).t('announce.newMessages', { count });
    expect([1, 3, 5, 21].map((n) => t('uk', n))).toEqual([
      '1 нове повідомлення',
      '3 нові повідомлення',
      '5 нових повідомлень',
      '21 нове повідомлення',
    ]);
    expect([0, 1, 2, 3, 11, 100].map((n) => t('ar', n))).toEqual([
      'لا توجد رسائل جديدة',
      'رسالة جديدة واحدة',
      'رسالتان جديدتان',
      '3 رسائل جديدة',
      '11 رسالة جديدة',
      '100 رسالة جديدة',
    ]);
    expect([1, 2, 7].map((n) => t('he', n))).toEqual(['הודעה חדשה אחת', 'שתי הודעות חדשות', '7 הודעות חדשות']);
    expect([1, 4].map((n) => t('de', n))).toEqual(['1 neue Nachricht', '4 neue Nachrichten']);
  });

  it('formats numbers and times in the language and region asked for', () => {
    expect(createI18n('de').formatNumber(1234.5)).toBe('1.234,5');
    expect(formatBytes(1536, createI18n('de-DE'))).toBe('1,5 KB');
    expect(formatBytes(1536, createI18n('uk'))).toBe('1,5 КБ');
    const iso = '2024-05-01T14:05:00Z';
    for (const tag of ['de-AT', 'uk-UA', 'kk', 'ar-EG', 'he-IL']) {
      const i18n = createI18n(tag);
      expect(i18n.locale).toBe(tag);
      expect(i18n.formatTime(iso)).toBe(new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso)));
    }
    expect(createI18n('ar').dir).toBe('rtl');
    expect(createI18n('kk').t('composer.send')).toBe('Жіберу');
  });
});

describe('negotiation', () => {
  it('finds each built-in language from regional tags and the browser list', () => {
    expect(negotiateLocale('uk-UA')).toBe('uk');
    expect(negotiateLocale('kk-KZ')).toBe('kk');
    expect(negotiateLocale('de-CH')).toBe('de');
    expect(negotiateLocale('ar-SA')).toBe('ar');
    expect(negotiateLocale(undefined, ['fr-FR', 'he-IL', 'en'])).toBe('he');
  });

  it('takes a close language only when configured, else English', () => {
    const offered = { offered: ['en', 'ru'] };
    expect(negotiateLocale('uk', [], offered)).toBe('en');
    expect(negotiateLocale('uk', [], { ...offered, fallbacks: { uk: 'ru' } })).toBe('ru');
    expect(negotiateLocale('be-BY')).toBe('en');
    expect(negotiateLocale('be-BY', [], { fallbacks: { be: 'ru' } })).toBe('ru');
    // The requested language's close one comes before the browser's next choice.
    expect(negotiateLocale('be', ['de'], { fallbacks: { be: 'ru' } })).toBe('ru');
    // A fallback the site does not offer is no match.
    expect(negotiateLocale('be', [], { offered: ['en', 'de'], fallbacks: { be: 'ru' } })).toBe('en');
    expect(createI18n('uk', {}, { ...offered, fallbacks: { uk: 'ru' } }).lang).toBe('ru');
  });
});

describe('registerLocale', () => {
  it('adds a language with its table and direction, found by negotiation', () => {
    registerLocale({ code: 'pl', table: { ...en, 'composer.send': 'Wyślij', 'header.title': 'Pomoc' } });
    registerLocale({ code: 'fa', dir: 'rtl', table: { ...en, 'composer.send': 'ارسال' } });
    expect(registeredLocales()).toEqual(expect.arrayContaining(['pl', 'fa', ...BUILT_IN_LOCALES]));
    expect(negotiateLocale(undefined, ['pl-PL'])).toBe('pl');
    const pl = createI18n('pl-PL');
    expect([pl.lang, pl.dir, pl.t('composer.send'), pl.t('header.title')]).toEqual(['pl', 'ltr', 'Wyślij', 'Pomoc']);
    const fa = createI18n('fa-IR');
    expect([fa.lang, fa.dir, fa.t('composer.send')]).toEqual(['fa', 'rtl', 'ارسال']);
  });

  it('a registered language without a table yet reads in English; a bad code is refused', () => {
    registerLocale({ code: 'it', load: async () => ({ ...en, 'composer.send': 'Invia' }) });
    expect(createI18n('it').t('composer.send')).toBe('Send');
    expect(() => registerLocale({ code: 'not a tag', table: en })).toThrow(TypeError);
  });
});
