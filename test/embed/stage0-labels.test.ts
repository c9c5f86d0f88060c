/**
 * Stage 0 speaks the same words as the engine: its labels in each built-in language are the
 * locale tables' launcher strings; its language choice and marker namespace match the engine's.
 */
import { describe, expect, it } from 'vitest';
import { ar } from '../../src/i18n/locales/ar';
import { de } from '../../src/i18n/locales/de';
import { enCore } from '../../src/i18n/locales/en-core';
import { he } from '../../src/i18n/locales/he';
import { kk } from '../../src/i18n/locales/kk';
import { ru } from '../../src/i18n/locales/ru';
import { uk } from '../../src/i18n/locales/uk';
import type { Messages } from '../../src/i18n/messages';
import { negotiateLocale } from '../../src/i18n/negotiate';
import { BUILT_IN_LOCALES } from '../../src/i18n/registry';
import { LABELS, labelsFor, pickLanguage, unreadText } from '../../src/embed/stage0/labels';
import { namespaceOf } from '../../src/embed/stage0/marker';
import { storageNamespace } from '../../src/embed/mount-support-chat';

const TABLES: Record<string, Pick<Messages, 'launcher.open' | 'launcher.unread' | 'launcher.loading' | 'launcher.loadFailed'>> = {
  en: enCore as unknown as Messages,
  ru,
  uk,
  kk,
  de,
  ar,
  he,
};

describe('stage 0 labels', () => {
  it('has every built-in language, with the locale tables’ launcher words', () => {
    expect(Object.keys(LABELS).sort()).toEqual([...BUILT_IN_LOCALES].sort());
    for (const [lang, table] of Object.entries(TABLES)) {
      const l = LABELS[lang]!;
      expect([lang, l.open, l.loading, l.failed]).toEqual([
        lang,
        table['launcher.open'],
        table['launcher.loading'],
        table['launcher.loadFailed'],
      ]);
      expect(l.unread).toEqual(table['launcher.unread']);
    }
  });

  it('picks the language as the engine does for built-in ones, with offered and close languages', () => {
    const cases: Array<[string | undefined, string[], object]> = [
      ['ru-RU', [], {}],
      [undefined, ['de-AT', 'en'], {}],
      ['be', [], { fallbacks: { be: 'ru' } }],
      ['fr', ['fr'], {}],
      ['ar', [], { offered: ['en', 'he'] }],
      [undefined, ['he-IL'], {}],
    ];
    for (const [requested, nav, options] of cases) {
      expect(pickLanguage(requested, requested ? [] : nav, options)).toBe(negotiateLocale(requested, requested ? undefined : nav, options));
    }
  });

  it('counts in each language’s plural forms, and takes the page’s string overrides', () => {
    expect(unreadText(LABELS.ru!, 'ru', 3)).toBe('3 непрочитанных сообщения');
    expect(unreadText(LABELS.ar!, 'ar', 2)).toBe('رسالتان غير مقروءتين');
    expect(labelsFor('en', { 'launcher.open': 'Help' }).open).toBe('Help');
  });

  it('reads the marker of the namespace the engine writes', () => {
    expect(namespaceOf('shop.example', 'u-1', 'default')).toBe(storageNamespace({ id: 'default', user: { id: 'u-1' } }, 'shop.example'));
    expect(namespaceOf('shop.example', undefined, 'x')).toBe(storageNamespace({ id: 'x', user: {} }, 'shop.example'));
  });
});
