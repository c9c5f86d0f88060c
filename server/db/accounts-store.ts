/**
 * The storage of operator and supervisor accounts, their password hashes and console sessions (issue 10 item 1): a part of {@link ChatStore} (`store.accounts`), implemented by every engine
 * (`sqlite-accounts.ts`, `pg-accounts.ts`) and checked by the store conformance suite.
 * @module
 */

/** Account storage (filled in by its issue). */
export type AccountStore = Record<never, never>;
