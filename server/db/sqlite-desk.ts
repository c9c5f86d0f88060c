/**
 * The embedded SQLite engine of {@link DeskStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import type { DeskStore } from './desk-store';

/** Desk storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteDesk(_db: Database.Database): DeskStore {
  return {};
}
