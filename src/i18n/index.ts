/**
 * Localisation: built-in English and Russian tables, `{name}` interpolation, plurals through
 * `Intl.PluralRules`, and time formatting through `Intl.DateTimeFormat`. No DOM, no preact.
 * (The script-tag build loads tables other than English as stage files; see src/embed/stages.)
 * @module
 */
import { en } from './locales/en';
import { ru } from './locales/ru';
import type { Messages } from './messages';
import { negotiateLocale, type SupportedLocale } from './negotiate';
import { createTranslator, registerEnglish, type I18n } from './translator';

export type { MessageKey, Messages } from './messages';
export type { Entry, Params, PluralForms } from './types';
export { negotiateLocale, type SupportedLocale } from './negotiate';
export type { I18n } from './translator';

const TABLES: Record<SupportedLocale, Messages> = { en, ru };
registerEnglish(en);

/**
 * Creates a translator.
 * @param locale - requested BCP 47 tag, e.g. "ru-RU"; unknown languages fall back to English.
 * @param overrides - strings that replace built-in ones (e.g. a custom title).
 */
export function createI18n(locale: string, overrides: Partial<Messages> = {}): I18n {
  const lang = negotiateLocale(locale);
  return createTranslator(locale, lang, TABLES[lang], overrides);
}
