/**
 * The embedded SQLite engine of {@link AccountStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import type { AccountStore } from './accounts-store';

/** Account storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteAccounts(_db: Database.Database): AccountStore {
  return {};
}
