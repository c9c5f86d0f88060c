/**
 * Schema v6: operator and supervisor accounts, their password hashes and console sessions (issue 10
 * item 1), and the failed sign-ins the login limit counts. The same change for both engines:
 * `sqlite` in SQLite's dialect, `pg` in PostgreSQL's (BIGINT for times). Never edit it once
 * shipped; append a new migration.
 * @module
 */
const tables = (int: string): string => `
  CREATE TABLE operator_accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    avatar_url TEXT,
    created_at ${int} NOT NULL,
    updated_at ${int} NOT NULL
  );
  CREATE TABLE console_sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    created_at ${int} NOT NULL,
    last_seen_at ${int} NOT NULL,
    idle_expires_at ${int} NOT NULL,
    absolute_expires_at ${int} NOT NULL,
    revoked_at ${int}
  );
  CREATE INDEX console_sessions_account ON console_sessions(account_id);
  CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at ${int} NOT NULL
  );
  CREATE INDEX login_failures_key ON login_failures(key, at);
`;

export const V6_ACCOUNTS = {
  sqlite: tables('INTEGER'),
  pg: tables('BIGINT'),
} as const;
