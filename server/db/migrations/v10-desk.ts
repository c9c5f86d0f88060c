/**
 * Schema v10: the console's shift tools: search, canned replies, notes, transfers (issue 10 item 7). The same change for both engines: `sqlite` in SQLite's dialect, `pg` in
 * PostgreSQL's (BIGINT for times). Never edit it once shipped; append a new migration.
 *
 * Search: every message's text parts are indexed by triggers on `messages` (insert, update of the
 * payload, delete), so the core append code knows nothing of it; existing messages are indexed
 * here once. SQLite: an FTS5 table (unicode61, diacritics folded). PostgreSQL: a side table with a
 * GIN index over `to_tsvector('simple', body)` (no stemming: customers write in several languages).
 * Canned replies are the team's (one shortcut each); internal notes belong to a conversation and
 * are never events or messages, so no customer path can read them.
 * @module
 */

const SQLITE_TEXT = (row: string): string =>
  `(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(${row}.payload, '$.parts') WHERE json_extract(value, '$.kind') = 'text')`;

const SQLITE_INDEX = (row: string): string =>
  `INSERT INTO desk_search (body, message_id, conversation_id, seq, role, created_at)
     SELECT body, ${row}.id, ${row}.conversation_id, ${row}.seq, coalesce(json_extract(${row}.payload, '$.from.role'), ''), ${row}.created_at
     FROM (SELECT ${SQLITE_TEXT(row)} AS body) WHERE body IS NOT NULL AND body <> '';`;

export const V10_DESK = {
  sqlite: `CREATE VIRTUAL TABLE desk_search USING fts5(
     body, message_id UNINDEXED, conversation_id UNINDEXED, seq UNINDEXED, role UNINDEXED, created_at UNINDEXED,
     tokenize = 'unicode61 remove_diacritics 2'
   );
   CREATE TRIGGER desk_search_insert AFTER INSERT ON messages BEGIN ${SQLITE_INDEX('NEW')} END;
   CREATE TRIGGER desk_search_update AFTER UPDATE OF payload ON messages BEGIN
     DELETE FROM desk_search WHERE message_id = OLD.id;
     ${SQLITE_INDEX('NEW')}
   END;
   CREATE TRIGGER desk_search_delete AFTER DELETE ON messages BEGIN DELETE FROM desk_search WHERE message_id = OLD.id; END;
   INSERT INTO desk_search (body, message_id, conversation_id, seq, role, created_at)
     SELECT b.body, m.id, m.conversation_id, m.seq, coalesce(json_extract(m.payload, '$.from.role'), ''), m.created_at
     FROM messages m JOIN (SELECT id, ${SQLITE_TEXT('messages')} AS body FROM messages) b ON b.id = m.id
     WHERE b.body IS NOT NULL AND b.body <> '';
   CREATE TABLE desk_canned (
     id TEXT PRIMARY KEY,
     shortcut TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE desk_notes (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX desk_notes_conversation ON desk_notes(conversation_id, created_at);`,
  pg: `CREATE TABLE desk_search (
     message_id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     seq BIGINT NOT NULL,
     role TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX desk_search_fts ON desk_search USING GIN (to_tsvector('simple', body));
   CREATE INDEX desk_search_conversation ON desk_search(conversation_id);
   CREATE FUNCTION desk_search_index() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN DELETE FROM desk_search WHERE message_id = OLD.id; END IF;
     IF TG_OP <> 'DELETE' THEN
       INSERT INTO desk_search (message_id, conversation_id, seq, role, body, created_at)
         SELECT NEW.id, NEW.conversation_id, NEW.seq, coalesce(NEW.payload::jsonb #>> '{from,role}', ''), x.body, NEW.created_at
         FROM (SELECT string_agg(p->>'text', ' ') AS body FROM jsonb_array_elements(NEW.payload::jsonb -> 'parts') p
               WHERE p->>'kind' = 'text') x
         WHERE x.body IS NOT NULL AND x.body <> '';
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER desk_search_messages AFTER INSERT OR UPDATE OF payload OR DELETE ON messages
     FOR EACH ROW EXECUTE FUNCTION desk_search_index();
   INSERT INTO desk_search (message_id, conversation_id, seq, role, body, created_at)
     SELECT m.id, m.conversation_id, m.seq, coalesce(m.payload::jsonb #>> '{from,role}', ''), x.body, m.created_at
     FROM messages m,
          LATERAL (SELECT string_agg(p->>'text', ' ') AS body FROM jsonb_array_elements(m.payload::jsonb -> 'parts') p
                   WHERE p->>'kind' = 'text') x
     WHERE x.body IS NOT NULL AND x.body <> '';
   CREATE TABLE desk_canned (
     id TEXT PRIMARY KEY,
     shortcut TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE desk_notes (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX desk_notes_conversation ON desk_notes(conversation_id, created_at);`,
} as const;
