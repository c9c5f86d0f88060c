/**
 * CLI flags and environment variables of the audit log, retention and erasure (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

/** The settings of the audit log, retention and erasure. */
export const GOVERNANCE_SETTINGS: readonly Setting[] = [];
