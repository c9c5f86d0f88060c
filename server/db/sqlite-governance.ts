/**
 * The embedded SQLite engine of {@link GovernanceStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import type { GovernanceStore } from './governance-store';

/** Governance storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteGovernance(_db: Database.Database): GovernanceStore {
  return {};
}
