/**
 * The PostgreSQL engine of {@link DeskStore}.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { DeskStore } from './desk-store';

/** Desk storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgDesk(_pg: PgAccess): DeskStore {
  return {};
}
