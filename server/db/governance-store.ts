/**
 * The storage of the audit log, retention and erasure of a customer's data (issue 10 items 2 and 6): a part of {@link ChatStore} (`store.governance`), implemented by every engine
 * (`sqlite-governance.ts`, `pg-governance.ts`) and checked by the store conformance suite.
 * @module
 */

/** Governance storage (filled in by its issue). */
export type GovernanceStore = Record<never, never>;
