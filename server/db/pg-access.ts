/**
 * What the parts of the PostgreSQL engine get from it: one-statement queries on the pool and
 * transactions on one connection.
 * @module
 */
import type pg from 'pg';
import type { Raw } from './sqlite-rows';

/** One statement with positional parameters. */
export type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult<Raw>>;

/** Access to the engine's pool. */
export interface PgAccess {
  /** Runs one statement on any pooled connection. */
  query: Query;
  /** Runs `work` in one transaction on one connection (rolled back when it throws). */
  tx<T>(work: (q: Query) => Promise<T>): Promise<T>;
}
