/**
 * CLI flags and environment variables of the console's shift tools (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

/** The settings of the console's shift tools. */
export const DESK_SETTINGS: readonly Setting[] = [];
