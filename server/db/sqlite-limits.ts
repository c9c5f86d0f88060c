/**
 * The embedded SQLite engine of {@link LimitStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import type { LimitStore } from './limits-store';

/** Limit storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteLimits(_db: Database.Database): LimitStore {
  return {};
}
