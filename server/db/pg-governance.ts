/**
 * The PostgreSQL engine of {@link GovernanceStore}.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { GovernanceStore } from './governance-store';

/** Governance storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgGovernance(_pg: PgAccess): GovernanceStore {
  return {};
}
