/**
 * Schema v11: queue announcements shared by every process of a deployment (issue 11). The same
 * change for both engines: `sqlite` in SQLite's dialect, `pg` in PostgreSQL's. Never edit it once
 * shipped; append a new migration.
 *
 * - `queue_announced`: the last position and ETA (`"position:eta"`) announced to a waiting
 *   conversation. A process announces a change only when it swaps the value in one statement, so
 *   each change reaches the customer once however many processes see it. Removed with the
 *   conversation (erasure, retention).
 * @module
 */

export const V11_QUEUE = {
  sqlite: `CREATE TABLE queue_announced (
     conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
     announced TEXT NOT NULL
   );`,
  pg: `CREATE TABLE queue_announced (
     conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
     announced TEXT NOT NULL
   );`,
};
