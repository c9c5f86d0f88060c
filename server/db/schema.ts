/**
 * Schema migrations: an ordered list, applied once each, tracked in `schema_version`.
 * Never edit a shipped migration; append a new one.
 * @module
 */
import type Database from 'better-sqlite3';
import { V6_ACCOUNTS } from './migrations/v6-accounts';
import { V7_GOVERNANCE } from './migrations/v7-governance';
import { V8_LIMITS } from './migrations/v8-limits';
import { V9_SESSIONS } from './migrations/v9-sessions';
import { V10_DESK } from './migrations/v10-desk';
import { V11_QUEUE } from './migrations/v11-queue';
import { V12_EVENTS_REFER } from './migrations/v12-events-refer';

/** Ordered migrations; index + 1 is the schema version. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     user_key TEXT NOT NULL,
     user_id TEXT,
     verified INTEGER NOT NULL DEFAULT 0,
     profile TEXT NOT NULL DEFAULT '{}',
     locale TEXT NOT NULL DEFAULT 'en',
     metadata TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_user_key ON sessions(user_key);
   CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     user_key TEXT NOT NULL,
     session_id TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'open',
     handoff TEXT NOT NULL DEFAULT 'none',
     topic TEXT,
     segment TEXT NOT NULL DEFAULT 'private',
     locale TEXT NOT NULL DEFAULT 'en',
     operator_id TEXT,
     operator_name TEXT,
     queued_at INTEGER,
     last_seq INTEGER NOT NULL DEFAULT 0,
     read_up_to INTEGER NOT NULL DEFAULT 0,
     user_read_up_to INTEGER NOT NULL DEFAULT 0,
     bot_state TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX conversations_user_key ON conversations(user_key, created_at);
   CREATE INDEX conversations_queue ON conversations(handoff, queued_at);
   CREATE TABLE events (
     conversation_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     payload TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     client_id TEXT,
     payload TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX messages_seq ON messages(conversation_id, seq);
   CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_id) WHERE client_id IS NOT NULL;
   CREATE TABLE uploads (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     name TEXT NOT NULL,
     mime_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE ratings (
     conversation_id TEXT NOT NULL,
     score INTEGER NOT NULL,
     comment TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE challenges (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     code TEXT NOT NULL,
     attempts_left INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     created_at INTEGER NOT NULL
   );
   CREATE INDEX challenges_conversation ON challenges(conversation_id, created_at);`,
  // v2 (the code step): codes are stored as keyed hashes only; the hourly limits count by session
  // and user. Codes of before are dropped (their pending challenges end; a new code is asked).
  `UPDATE challenges SET status = 'expired' WHERE status = 'pending';
   ALTER TABLE challenges DROP COLUMN code;
   ALTER TABLE challenges ADD COLUMN code_hash TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN user_key TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN resend_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE challenges ADD COLUMN remote TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN destination TEXT NOT NULL DEFAULT '';
   CREATE INDEX challenges_session ON challenges(session_id, created_at);
   CREATE INDEX challenges_remote ON challenges(remote, created_at);
   CREATE INDEX challenges_destination ON challenges(destination, created_at);
   CREATE INDEX challenges_user ON challenges(user_key, created_at);`,
  // v3 (issue 9, queue): queue priority and its reason, the customer's note for the operator, the
  // operator's avatar.
  `ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
   ALTER TABLE conversations ADD COLUMN priority_reason TEXT;
   ALTER TABLE conversations ADD COLUMN handoff_note TEXT;
   ALTER TABLE conversations ADD COLUMN operator_avatar TEXT;`,
  // v4 leave-a-message (avail): the contact a customer left for the next shift, one per conversation.
  `CREATE TABLE contacts (
     conversation_id TEXT PRIMARY KEY,
     email TEXT,
     phone TEXT,
     callback_window TEXT,
     note TEXT,
     queued_at INTEGER,
     created_at INTEGER NOT NULL
   );`,
  // v5 several conversations per person: each belongs to a channel (support, notifications, …).
  `ALTER TABLE conversations ADD COLUMN channel TEXT NOT NULL DEFAULT 'support';`,
  // v6–v10 (issue 10), one file each in ./migrations, shared with the PostgreSQL engine.
  V6_ACCOUNTS.sqlite,
  V7_GOVERNANCE.sqlite,
  V8_LIMITS.sqlite,
  V9_SESSIONS.sqlite,
  V10_DESK.sqlite,
  // v11 (issue 11): queue announcements shared by the processes of a deployment.
  V11_QUEUE.sqlite,
  // v12 (issue 13): a message's event refers to its message row instead of carrying a copy.
  V12_EVENTS_REFER.sqlite,
];

/** Applies pending migrations inside one transaction each; returns the resulting version. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  if (version > MIGRATIONS.length) throw new Error(`database schema v${version} is newer than this server (v${MIGRATIONS.length})`);
  for (; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    })();
  }
  return version;
}
