/**
 * Schema v9: session lifetimes, revocation and identity expiry (issue 10 item 5). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 *
 * - `identity_expires_at`: when the identity signature a signed-in session was opened with (or last
 *   refreshed with) expires, ms; NULL for anonymous sessions.
 * - `revoked_at`, `revoked_reason`: when and why the session ended early (`logout`, `rotated`, …);
 *   a revoked token is refused everywhere.
 * Idle and absolute expiry are computed from `last_seen_at` and `created_at` under the current settings.
 * @module
 */
export const V9_SESSIONS = {
  sqlite: `ALTER TABLE sessions ADD COLUMN identity_expires_at INTEGER;
   ALTER TABLE sessions ADD COLUMN revoked_at INTEGER;
   ALTER TABLE sessions ADD COLUMN revoked_reason TEXT;`,
  pg: `ALTER TABLE sessions ADD COLUMN identity_expires_at BIGINT,
     ADD COLUMN revoked_at BIGINT,
     ADD COLUMN revoked_reason TEXT;`,
} as const;
