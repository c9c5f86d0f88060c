/**
 * CLI flags and environment variables of operator accounts and console sign-in (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

/** The settings of operator accounts and console sign-in. */
export const ACCOUNTS_SETTINGS: readonly Setting[] = [];
