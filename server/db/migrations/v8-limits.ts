/**
 * Schema v8: rate windows and quotas shared by every process of a deployment (issue 10 item 4, issue 11). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 *
 * - `rate_windows`: one row per key and fixed window (`used` of `max`, taken in chunks by each
 *   process), removed once `expires_at` has passed.
 * - `limit_leases`: things held at once (sockets, long-polls), one row per holder, renewed by its
 *   process while held and ignored once `expires_at` has passed (a crashed process's leases lapse).
 * - `uploads.attached_at`: when a message first used the upload; uploads still NULL after the TTL
 *   are deleted by the sweeper.
 * @module
 */
export const V8_LIMITS = {
  sqlite: `CREATE TABLE rate_windows (
     key TEXT NOT NULL,
     window_start INTEGER NOT NULL,
     used INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (key, window_start)
   ) WITHOUT ROWID;
   CREATE INDEX rate_windows_expiry ON rate_windows(expires_at);
   CREATE TABLE limit_leases (
     key TEXT NOT NULL,
     holder TEXT NOT NULL,
     process TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (key, holder)
   ) WITHOUT ROWID;
   CREATE INDEX limit_leases_process ON limit_leases(process);
   CREATE INDEX limit_leases_expiry ON limit_leases(expires_at);
   ALTER TABLE uploads ADD COLUMN attached_at INTEGER;
   CREATE INDEX uploads_unattached ON uploads(created_at) WHERE attached_at IS NULL;`,
  pg: `CREATE TABLE rate_windows (
     key TEXT NOT NULL,
     window_start BIGINT NOT NULL,
     used BIGINT NOT NULL,
     expires_at BIGINT NOT NULL,
     PRIMARY KEY (key, window_start)
   );
   CREATE INDEX rate_windows_expiry ON rate_windows(expires_at);
   CREATE TABLE limit_leases (
     key TEXT NOT NULL,
     holder TEXT NOT NULL,
     process TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     PRIMARY KEY (key, holder)
   );
   CREATE INDEX limit_leases_process ON limit_leases(process);
   CREATE INDEX limit_leases_expiry ON limit_leases(expires_at);
   ALTER TABLE uploads ADD COLUMN attached_at BIGINT;
   CREATE INDEX uploads_unattached ON uploads(created_at) WHERE attached_at IS NULL;`,
} as const;
