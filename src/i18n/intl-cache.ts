/**
 * `Intl` formatters built on first use and shared: one per locale and options, for every
 * translator on the page (building them costs tens of milliseconds at mount otherwise).
 * @module
 */

const plurals = new Map<string, Intl.PluralRules>();
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const keyOf = (locale: string, options: object | undefined): string => (options ? `${locale} ${JSON.stringify(options)}` : locale);

/** The plural rules of `locale`, built once. @internal */
export function pluralRules(locale: string): Intl.PluralRules {
  return cached(plurals, locale, () => new Intl.PluralRules(locale));
}

/** A date/time format of `locale` with `options`, built once per distinct pair. @internal */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dates, keyOf(locale, options), () => new Intl.DateTimeFormat(locale, options));
}

/** A number format of `locale` with `options`, built once per distinct pair. @internal */
export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numbers, keyOf(locale, options), () => new Intl.NumberFormat(locale, options));
}
