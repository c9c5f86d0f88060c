/**
 * The storage of the console's shift tools: search, canned replies, notes, transfers (issue 10 item 7): a part of {@link ChatStore} (`store.desk`), implemented by every engine
 * (`sqlite-desk.ts`, `pg-desk.ts`) and checked by the store conformance suite.
 * @module
 */

/** Desk storage (filled in by its issue). */
export type DeskStore = Record<never, never>;
