/**
 * The `Messages` type: the shape of the English table, where every string entry may be any
 * string and every plural entry any set of plural forms. Every locale must provide every key.
 * @module
 */
import type { en } from './locales/en';
import type { PluralForms } from './types';

type Table = typeof en;

/** A complete translation table. */
export type Messages = { [K in keyof Table]: Table[K] extends string ? string : PluralForms };

/** A key of the translation tables. */
export type MessageKey = keyof Messages;
