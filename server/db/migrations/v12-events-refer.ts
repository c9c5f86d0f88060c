/**
 * Schema v12: a message's payload is stored once (issue 13 item 5). Until v11 the `message` event
 * of every message carried a copy of the message's payload; from v12 on it carries none
 * (`payload IS NULL`) and refers to the message row by the key both share, `(conversation_id,
 * seq)` (the unique index `messages_seq`). Readers join the message in (`eventsAfter`), so the
 * frames read back are the same as before. Other events keep their payload. The same change for
 * both engines: `sqlite` in SQLite's dialect (the table is rebuilt: SQLite cannot drop a NOT NULL),
 * `pg` in PostgreSQL's. Existing copies are dropped only where the message row exists. Never edit it
 * once shipped; append a new migration.
 * @module
 */

export const V12_EVENTS_REFER = {
  sqlite: `CREATE TABLE events_v12 (
     conversation_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     payload TEXT,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, seq),
     CHECK (payload IS NOT NULL OR type = 'message')
   ) WITHOUT ROWID;
   INSERT INTO events_v12 (conversation_id, seq, type, payload, created_at)
     SELECT e.conversation_id, e.seq, e.type,
            CASE WHEN e.type = 'message'
                  AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = e.conversation_id AND m.seq = e.seq)
                 THEN NULL ELSE e.payload END,
            e.created_at
     FROM events e;
   DROP TABLE events;
   ALTER TABLE events_v12 RENAME TO events;`,
  pg: `ALTER TABLE events ALTER COLUMN payload DROP NOT NULL;
   UPDATE events e SET payload = NULL FROM messages m
     WHERE e.type = 'message' AND m.conversation_id = e.conversation_id AND m.seq = e.seq;
   ALTER TABLE events ADD CONSTRAINT events_payload_or_message CHECK (payload IS NOT NULL OR type = 'message');`,
} as const;
