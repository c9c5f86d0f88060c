/**
 * Schema v7: the audit log, retention and erasure of a customer's data (issue 10 items 2 and 6). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 *
 * `audit_log` is append-only (the retention sweeper deletes the oldest entries); its `id` orders
 * entries and is the cursor of paged reads. The indexes below it serve the retention sweeper
 * (closed conversations by age, challenges by age) and erasure (a customer's sessions, uploads,
 * conversations and ratings).
 * @module
 */
const INDEXES = `
   CREATE INDEX audit_at ON audit_log(at);
   CREATE INDEX audit_actor ON audit_log(actor_id, id);
   CREATE INDEX audit_conversation ON audit_log(conversation_id, id);
   CREATE INDEX audit_action ON audit_log(action, id);
   CREATE INDEX gov_conversations_closed ON conversations(state, updated_at);
   CREATE INDEX gov_conversations_session ON conversations(session_id);
   CREATE INDEX gov_challenges_created ON challenges(created_at);
   CREATE INDEX gov_uploads_owner ON uploads(owner);
   CREATE INDEX gov_sessions_user_id ON sessions(user_id);`;

export const V7_GOVERNANCE = {
  sqlite: `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT,
     actor_role TEXT,
     action TEXT NOT NULL,
     conversation_id TEXT,
     user_key TEXT,
     detail TEXT
   );${INDEXES}
   CREATE INDEX gov_ratings_conversation ON ratings(conversation_id);`,
  pg: `CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     at BIGINT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT,
     actor_role TEXT,
     action TEXT NOT NULL,
     conversation_id TEXT,
     user_key TEXT,
     detail TEXT
   );${INDEXES}`,
} as const;
