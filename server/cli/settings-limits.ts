/**
 * CLI flags and environment variables of limits beyond `limits` (windows per session and address, body timeouts, upload quotas) (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

/** The settings of limits beyond `limits` (windows per session and address, body timeouts, upload quotas). */
export const LIMIT_SETTINGS: readonly Setting[] = [];
