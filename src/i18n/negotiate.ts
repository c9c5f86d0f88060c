/**
 * Picks the table to use from a requested locale and the browser's languages.
 * @module
 */

/** Locales with a built-in table. */
export type SupportedLocale = 'en' | 'ru';

const SUPPORTED: readonly SupportedLocale[] = ['en', 'ru'];

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The built-in locale that best matches `requested` (e.g. "ru-RU" → "ru"), else the first match
 * among `navigatorLanguages`, else "en".
 * @param requested - BCP 47 tag from the options, or undefined for "follow the browser".
 * @param navigatorLanguages - the browser's preferred languages, most preferred first.
 */
export function negotiateLocale(requested: string | undefined, navigatorLanguages: readonly string[] = []): SupportedLocale {
  for (const tag of requested ? [requested, ...navigatorLanguages] : navigatorLanguages) {
    const match = SUPPORTED.find((l) => l === primary(tag));
    if (match) return match;
  }
  return 'en';
}
