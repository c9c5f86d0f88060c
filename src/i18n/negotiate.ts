/**
 * Picks the language to use from a requested locale and the browser's languages.
 * @module
 */
import { registeredLocale, type SupportedLocale } from './registry';

export type { SupportedLocale } from './registry';

/** How a site narrows or widens negotiation. */
export interface NegotiateOptions {
  /**
   * The languages the site offers (registered codes); the rest are treated as unknown.
   * @default every registered language
   */
  offered?: readonly string[];
  /**
   * Close languages to use for one the site does not offer, by language, e.g. `{ uk: "ru",
   * be: "ru" }`. Without an entry an unknown language gets English (never a guess).
   */
  fallbacks?: Readonly<Record<string, string>>;
}

function offeredMatch(tag: string, locales: readonly string[] | undefined): SupportedLocale | undefined {
  const code = registeredLocale(tag);
  if (!code) return undefined;
  return !locales || locales.some((l) => l.toLowerCase() === code) ? code : undefined;
}

function closeOf(tag: string, options: NegotiateOptions): SupportedLocale | undefined {
  const fallbacks = options.fallbacks;
  if (!fallbacks) return undefined;
  const full = tag.trim().toLowerCase().replace(/_/g, '-');
  const close = fallbacks[full] ?? fallbacks[full.split('-')[0] ?? ''];
  return close ? offeredMatch(close, options.offered) : undefined;
}

/**
 * The registered language that best matches `requested` (e.g. "ru-RU" → "ru"; "uk" → "ru" only
 * when `options.fallbacks` says so), else the first match among `navigatorLanguages`, else "en".
 * @param requested - BCP 47 tag from the options, or undefined for "follow the browser".
 * @param navigatorLanguages - the browser's preferred languages, most preferred first.
 * @param options - the languages offered and the close languages to fall back on.
 */
export function negotiateLocale(
  requested: string | undefined,
  navigatorLanguages: readonly string[] = [],
  options: NegotiateOptions = {},
): SupportedLocale {
  for (const tag of requested ? [requested, ...navigatorLanguages] : navigatorLanguages) {
    const match = offeredMatch(tag, options.offered) ?? closeOf(tag, options);
    if (match) return match;
  }
  return 'en';
}
