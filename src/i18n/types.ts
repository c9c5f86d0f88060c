/**
 * Types of the translation tables. A table entry is either a plain string with `{name}`
 * placeholders or a set of plural forms chosen by `Intl.PluralRules` from `params.count`.
 * @module
 */

/** Plural forms of one entry; `other` is required, the rest as the language needs. */
export type PluralForms = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>>;

/** One entry of a translation table. */
export type Entry = string | PluralForms;

/** Values for `{name}` placeholders. */
export type Params = Readonly<Record<string, string | number>>;
