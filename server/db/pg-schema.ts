/**
 * PostgreSQL engine: schema migrations, the same tables and semantics as the SQLite engine's
 * (`schema.ts`), in PostgreSQL's dialect. An ordered list applied once each and tracked in
 * `schema_version`; each runs in its own transaction under an advisory lock, so several server
 * processes starting at once against one database migrate it exactly once. Never edit a shipped
 * migration; append a new one.
 * @module
 */
import type { PoolClient } from 'pg';
import { V6_ACCOUNTS } from './migrations/v6-accounts';
import { V7_GOVERNANCE } from './migrations/v7-governance';
import { V8_LIMITS } from './migrations/v8-limits';
import { V9_SESSIONS } from './migrations/v9-sessions';
import { V10_DESK } from './migrations/v10-desk';
import { V11_QUEUE } from './migrations/v11-queue';
import { V12_EVENTS_REFER } from './migrations/v12-events-refer';

/** Ordered migrations; index + 1 is the schema version. `ord` columns keep insertion order (SQLite's rowid). */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     user_key TEXT NOT NULL,
     user_id TEXT,
     verified INTEGER NOT NULL DEFAULT 0,
     profile TEXT NOT NULL DEFAULT '{}',
     locale TEXT NOT NULL DEFAULT 'en',
     metadata TEXT NOT NULL DEFAULT '{}',
     created_at BIGINT NOT NULL,
     last_seen_at BIGINT NOT NULL
   );
   CREATE INDEX sessions_user_key ON sessions(user_key);
   CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     ord BIGSERIAL,
     user_key TEXT NOT NULL,
     session_id TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'open',
     handoff TEXT NOT NULL DEFAULT 'none',
     topic TEXT,
     segment TEXT NOT NULL DEFAULT 'private',
     locale TEXT NOT NULL DEFAULT 'en',
     operator_id TEXT,
     operator_name TEXT,
     queued_at BIGINT,
     last_seq BIGINT NOT NULL DEFAULT 0,
     read_up_to BIGINT NOT NULL DEFAULT 0,
     user_read_up_to BIGINT NOT NULL DEFAULT 0,
     bot_state TEXT NOT NULL DEFAULT '{}',
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE INDEX conversations_user_key ON conversations(user_key, created_at);
   CREATE INDEX conversations_queue ON conversations(handoff, queued_at);
   CREATE TABLE events (
     conversation_id TEXT NOT NULL,
     seq BIGINT NOT NULL,
     type TEXT NOT NULL,
     payload TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   );
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     seq BIGINT NOT NULL,
     client_id TEXT,
     payload TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE UNIQUE INDEX messages_seq ON messages(conversation_id, seq);
   CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_id) WHERE client_id IS NOT NULL;
   CREATE TABLE uploads (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     name TEXT NOT NULL,
     mime_type TEXT NOT NULL,
     size BIGINT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE ratings (
     ord BIGSERIAL PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     score INTEGER NOT NULL,
     comment TEXT,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX ratings_conversation ON ratings(conversation_id, ord);
   CREATE TABLE challenges (
     id TEXT PRIMARY KEY,
     ord BIGSERIAL,
     conversation_id TEXT NOT NULL,
     code TEXT NOT NULL,
     attempts_left INTEGER NOT NULL,
     expires_at BIGINT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     created_at BIGINT NOT NULL
   );
   CREATE INDEX challenges_conversation ON challenges(conversation_id, created_at);`,
  // v2 (the code step), as SQLite's v2: codes are stored as keyed hashes only; the hourly limits
  // count by session, user, client address and destination.
  `UPDATE challenges SET status = 'expired' WHERE status = 'pending';
   ALTER TABLE challenges DROP COLUMN code;
   ALTER TABLE challenges ADD COLUMN code_hash TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN user_key TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN resend_at BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE challenges ADD COLUMN remote TEXT NOT NULL DEFAULT '';
   ALTER TABLE challenges ADD COLUMN destination TEXT NOT NULL DEFAULT '';
   CREATE INDEX challenges_session ON challenges(session_id, created_at);
   CREATE INDEX challenges_remote ON challenges(remote, created_at);
   CREATE INDEX challenges_destination ON challenges(destination, created_at);
   CREATE INDEX challenges_user ON challenges(user_key, created_at);`,
  // v3 (the queue), as SQLite's v3: priority and its reason, the customer's note, the operator's avatar.
  `ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
   ALTER TABLE conversations ADD COLUMN priority_reason TEXT;
   ALTER TABLE conversations ADD COLUMN handoff_note TEXT;
   ALTER TABLE conversations ADD COLUMN operator_avatar TEXT;`,
  // v4 (leave-a-message), as SQLite's v4: the contact a customer left for the next shift.
  `CREATE TABLE contacts (
     conversation_id TEXT PRIMARY KEY,
     email TEXT,
     phone TEXT,
     callback_window TEXT,
     note TEXT,
     queued_at BIGINT,
     created_at BIGINT NOT NULL
   );`,
  // v5 (several conversations), as SQLite's v5: each conversation belongs to a channel.
  `ALTER TABLE conversations ADD COLUMN channel TEXT NOT NULL DEFAULT 'support';`,
  // v6–v10 (issue 10), one file each in ./migrations, shared with the SQLite engine.
  V6_ACCOUNTS.pg,
  V7_GOVERNANCE.pg,
  V8_LIMITS.pg,
  V9_SESSIONS.pg,
  V10_DESK.pg,
  // v11 (issue 11): queue announcements shared by the processes of a deployment.
  V11_QUEUE.pg,
  // v12 (issue 13): a message's event refers to its message row instead of carrying a copy.
  V12_EVENTS_REFER.pg,
];

/** Key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x5c_4d_16;

/** Creates `schema` if asked and applies pending migrations, each in one transaction under the advisory lock; returns the version reached. */
export async function migratePg(client: PoolClient, schema?: string): Promise<number> {
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Under the lock: IF NOT EXISTS alone races when processes start together.
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
      const version = rows[0]?.version ?? 0;
      if (version > PG_MIGRATIONS.length) {
        throw new Error(`database schema v${version} is newer than this server (v${PG_MIGRATIONS.length})`);
      }
      if (version === PG_MIGRATIONS.length) {
        await client.query('COMMIT');
        return version;
      }
      await client.query(PG_MIGRATIONS[version]!);
      await client.query('UPDATE schema_version SET version = $1', [version + 1]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }
}
