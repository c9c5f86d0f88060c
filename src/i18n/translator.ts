/**
 * The translator over one string table: `{name}` interpolation, plurals through
 * `Intl.PluralRules`, and time formatting through `Intl.DateTimeFormat` (built on first use and
 * shared per locale: intl-cache.ts). No DOM, no preact.
 * @module
 */
import { dateTimeFormat, numberFormat, pluralRules } from './intl-cache';
import { enCore } from './locales/en-core';
import type { MessageKey, Messages } from './messages';
import { type Direction, directionOf, type SupportedLocale } from './registry';
import type { Entry, Params } from './types';

/** A ready-to-use translator for one locale. */
export interface I18n {
  /** Language of the strings in use (a registered code such as "en" or "ar"), for the `lang` attribute. */
  readonly lang: SupportedLocale;
  /** Writing direction of `lang`. */
  readonly dir: Direction;
  /** The BCP 47 tag its times and numbers are formatted with, e.g. "en-GB" (falls back to `lang`). */
  readonly locale: string;
  /**
   * The string for `key` with `{name}` placeholders filled from `params`.
   * Plural entries pick their form from `params.count` (0 when absent).
   */
  t(key: MessageKey, params?: Params): string;
  /** Local clock time of an ISO-8601 instant, e.g. "14:05" or "2:05 PM"; "" when invalid. */
  formatTime(iso: string): string;
  /** Like `formatTime`, with the weekday added when the instant is not today. */
  formatWhen(iso: string, now?: Date): string;
  /** A number in the locale's digits and separators, e.g. "1,5" in Russian. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

/**
 * English, the fallback of every table: the first stage's strings at first, the whole table once
 * {@link registerEnglish} added it (the dialog's stage does; the npm build's `createI18n` too).
 */
let english: Partial<Messages> = enCore;

/** Adds English strings to the fallback of every translator (existing ones included). @internal */
export function registerEnglish(strings: Partial<Messages>): void {
  english = { ...english, ...strings };
}

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const WEEKDAY_TIME: Intl.DateTimeFormatOptions = { weekday: 'short', hour: 'numeric', minute: '2-digit' };

/** Uses the full requested tag for Intl when the engine knows it, else the table's language. */
function intlLocale(requested: string, lang: SupportedLocale): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(requested);
    if (canonical?.toLowerCase().startsWith(lang)) return canonical;
  } catch {
    // Not a valid BCP 47 tag: fall back to the table's language.
  }
  return lang;
}

/**
 * Creates a translator over `strings`, the table of `lang` (English when `lang`'s is not given).
 * @param locale - requested BCP 47 tag, e.g. "ru-RU" (for plurals and time formats).
 * @param lang - the language of `strings`.
 * @param strings - the table; missing keys fall back to English.
 * @param overrides - strings that replace built-in ones (e.g. a custom title).
 * @internal
 */
export function createTranslator(locale: string, lang: SupportedLocale, strings: Messages, overrides: Partial<Messages> = {}): I18n {
  const table: Messages = { ...strings, ...overrides };
  const intl = intlLocale(locale, lang);
  // Built on first use and shared with every translator of the same locale (intl-cache).
  let plural: Intl.PluralRules | undefined;
  let time: Intl.DateTimeFormat | undefined;
  let weekday: Intl.DateTimeFormat | undefined;
  const clock = () => (time ??= dateTimeFormat(intl, TIME));

  const pick = (entry: Entry, params: Params | undefined): string => {
    if (typeof entry === 'string') return entry;
    const count = Number(params?.['count'] ?? 0);
    return entry[(plural ??= pluralRules(intl)).select(count)] ?? entry.other;
  };
  const toDate = (iso: string): Date | null => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };

  return {
    lang,
    dir: directionOf(lang),
    locale: intl,
    // A key no table has yet (a dialog string before the dialog's stage loaded) reads as itself.
    t: (key, params) => interpolate(pick(table[key] ?? english[key] ?? key, params), params),
    formatNumber: (value, options) => numberFormat(intl, options).format(value),
    formatTime(iso) {
      const d = toDate(iso);
      return d ? clock().format(d) : '';
    },
    formatWhen(iso, now = new Date()) {
      const d = toDate(iso);
      if (!d) return '';
      return d.toDateString() === now.toDateString() ? clock().format(d) : (weekday ??= dateTimeFormat(intl, WEEKDAY_TIME)).format(d);
    },
  };
}
