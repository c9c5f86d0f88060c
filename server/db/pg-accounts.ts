/**
 * The PostgreSQL engine of {@link AccountStore}.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { AccountStore } from './accounts-store';

/** Account storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgAccounts(_pg: PgAccess): AccountStore {
  return {};
}
