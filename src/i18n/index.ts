/**
 * Localisation: the built-in tables of every language in the locale registry (`locales.json`),
 * `{name}` interpolation, plurals through `Intl.PluralRules`, times and numbers through `Intl`.
 * No DOM, no preact. (The script-tag build loads tables other than English as stage files; see
 * src/embed/stages.)
 * @module
 */
import { ar } from './locales/ar';
import { de } from './locales/de';
import { en } from './locales/en';
import { he } from './locales/he';
import { kk } from './locales/kk';
import { ru } from './locales/ru';
import { uk } from './locales/uk';
import type { Messages } from './messages';
import { type NegotiateOptions, negotiateLocale } from './negotiate';
import { BUILT_IN_LOCALES, type BuiltInLocale, provideTable, tableIfPresent } from './registry';
import { createTranslator, registerEnglish, type I18n } from './translator';

export type { MessageKey, Messages } from './messages';
export type { Entry, Params, PluralForms } from './types';
export { negotiateLocale, type NegotiateOptions } from './negotiate';
export {
  BUILT_IN_LOCALES,
  type BuiltInLocale,
  type Direction,
  directionOf,
  type LocaleDefinition,
  registerLocale,
  registeredLocales,
  type SupportedLocale,
} from './registry';
export type { I18n } from './translator';

/** Every built-in table: a language added to `locales.json` without one here is a type error. */
const TABLES: Record<BuiltInLocale, Messages> = { en, ru, uk, kk, de, ar, he };
for (const code of BUILT_IN_LOCALES) provideTable(code, TABLES[code]);
registerEnglish(en);

/**
 * Creates a translator.
 * @param locale - requested BCP 47 tag, e.g. "ru-RU"; unknown languages fall back to English
 *   (or to a close language of `options.fallbacks`).
 * @param overrides - strings that replace built-in ones (e.g. a custom title).
 * @param options - the languages offered and close languages (see {@link negotiateLocale}).
 */
export function createI18n(locale: string, overrides: Partial<Messages> = {}, options: NegotiateOptions = {}): I18n {
  const lang = negotiateLocale(locale, [], options);
  const table = tableIfPresent(lang);
  return table ? createTranslator(locale, lang, table, overrides) : createTranslator(locale, 'en', en, overrides);
}
