/**
 * The locale registry: every language the widget can speak, with its writing direction and where
 * its table comes from. The built-in languages are listed once, in `locales.json`, which also
 * drives the types ({@link BuiltInLocale}), the script tag's stage files (`scripts/build.mjs`:
 * one `support-chat.locale-<code>.js` each) and their size budgets (`scripts/size.mjs`).
 * Plural forms are chosen by `Intl.PluralRules` of the language, so a table gives the forms its
 * language has. No DOM, no preact.
 * @module
 */
import builtIn from './locales.json';
import type { Messages } from './messages';

/**
 * A language with a built-in table. Spelled out for the published declarations (which do not ship
 * `locales.json`); the two checks below make it fail to compile when it and the JSON differ.
 */
export type BuiltInLocale = 'en' | 'ru' | 'uk' | 'kk' | 'de' | 'ar' | 'he';
type InJson = keyof typeof builtIn;
const everyListed: Record<InJson, true> = { en: true, ru: true, uk: true, kk: true, de: true, ar: true, he: true } satisfies Record<
  BuiltInLocale,
  true
>;

/** A registered language: a built-in one, or one added with {@link registerLocale}. */
export type SupportedLocale = BuiltInLocale | (string & {});

/** Writing direction. */
export type Direction = 'ltr' | 'rtl';

/** A language to add with {@link registerLocale}. */
export interface LocaleDefinition {
  /** Primary language subtag (lower case), e.g. "pl", or a full tag such as "pt-br". */
  code: string;
  /** Writing direction. @default "ltr" */
  dir?: Direction;
  /** The complete table (every key of the English one); missing keys read as English. */
  table?: Messages;
  /** Fetches the table when the language is first wanted (instead of `table`). */
  load?: () => Promise<Messages>;
}

interface Entry {
  readonly code: string;
  readonly dir: Direction;
  table?: Messages;
  load?: () => Promise<Messages>;
}

/** The built-in languages, in their order of `locales.json`. */
export const BUILT_IN_LOCALES = Object.keys(everyListed) as readonly BuiltInLocale[];

const entries = new Map<string, Entry>(BUILT_IN_LOCALES.map((code) => [code, { code, dir: builtIn[code].dir === 'rtl' ? 'rtl' : 'ltr' }]));

const normal = (code: string): string => code.trim().toLowerCase().replace(/_/g, '-');

/** Whether `code` is one of the built-in languages. */
export function isBuiltInLocale(code: string): code is BuiltInLocale {
  return Object.hasOwn(builtIn, code);
}

/**
 * Adds a language (or replaces a built-in one's table): the widget can then be opened in it
 * (`locale: "pl"`), and negotiation picks it for a browser that prefers it.
 * @throws TypeError when the code is not a BCP 47 language tag.
 */
export function registerLocale(definition: LocaleDefinition): void {
  const code = normal(definition.code);
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(code)) throw new TypeError(`registerLocale: "${definition.code}" is not a language tag`);
  const known = entries.get(code);
  const entry: Entry = { code, dir: definition.dir ?? known?.dir ?? 'ltr' };
  const table = definition.table ?? known?.table;
  const load = definition.load ?? known?.load;
  if (table) entry.table = table;
  if (load) entry.load = load;
  entries.set(code, entry);
}

/** Gives a built-in language its table (the npm build's tables, a locale stage file). @internal */
export function provideTable(code: BuiltInLocale, table: Messages): void {
  const entry = entries.get(code);
  if (entry) entry.table = table;
}

/** The registered language `tag` names (full tag first, then its primary subtag), if any. */
export function registeredLocale(tag: string): SupportedLocale | undefined {
  const full = normal(tag);
  if (entries.has(full)) return full;
  const primary = full.split('-')[0] ?? '';
  return entries.has(primary) ? primary : undefined;
}

/** Every registered language: the built-in ones first. */
export function registeredLocales(): readonly SupportedLocale[] {
  return [...entries.keys()];
}

/** Writing direction of a language ("ltr" for one not registered). */
export function directionOf(code: string): Direction {
  const known = registeredLocale(code);
  return (known && entries.get(known)?.dir) || 'ltr';
}

/** The table of a registered language when it is on the page (English: the caller's). */
export function tableIfPresent(code: string): Messages | undefined {
  return entries.get(code)?.table;
}

/** The loader of a registered (not built-in) language's table, if it gave one. */
export function loaderOf(code: string): (() => Promise<Messages>) | undefined {
  return entries.get(code)?.load;
}
