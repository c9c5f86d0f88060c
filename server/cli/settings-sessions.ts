/**
 * CLI flags and environment variables of customer session lifetimes and identity expiry (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

/** The settings of customer session lifetimes and identity expiry. */
export const SESSIONS_SETTINGS: readonly Setting[] = [];
