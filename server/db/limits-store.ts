/**
 * The storage of rate windows and quotas shared by every process of a deployment (issue 10 item 4, issue 11): a part of {@link ChatStore} (`store.limits`), implemented by every engine
 * (`sqlite-limits.ts`, `pg-limits.ts`) and checked by the store conformance suite.
 * @module
 */

/** Limit storage (filled in by its issue). */
export type LimitStore = Record<never, never>;
