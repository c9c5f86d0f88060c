/**
 * SQLite engine: every statement, prepared once per database.
 * @module
 */
import type Database from 'better-sqlite3';

/** One prepared statement (an interface of its own, so emitted declarations can name it). */
export interface Statement extends Database.Statement {}

/** Prepares the engine's statements. */
export function prepareStatements(db: Database.Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    insertSession:
      p(`INSERT INTO sessions (id, token_hash, user_key, user_id, verified, profile, locale, metadata, created_at, last_seen_at, identity_expires_at)
                      VALUES (@id, @tokenHash, @userKey, @userId, @verified, @profile, @locale, @metadata, @createdAt, @createdAt, @identityExpiresAt)`),
    sessionByToken: p('SELECT * FROM sessions WHERE token_hash = ?'),
    sessionById: p('SELECT * FROM sessions WHERE id = ?'),
    touchSession: p('UPDATE sessions SET last_seen_at = ?, profile = ?, locale = ?, metadata = ? WHERE id = ?'),
    verifySession: p('UPDATE sessions SET verified = 1 WHERE id = ?'),
    revokeSession: p('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL'),
    sessionIdentityExpiry: p('UPDATE sessions SET identity_expires_at = ? WHERE id = ? AND revoked_at IS NULL'),
    seenSession: p('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?'),
    insertConversation: p(`INSERT INTO conversations (id, user_key, session_id, segment, locale, channel, bot_state, created_at, updated_at)
                           VALUES (@id, @userKey, @sessionId, @segment, @locale, @channel, '{}', @createdAt, @createdAt)`),
    conversationsOf: p('SELECT * FROM conversations WHERE user_key = ? ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    conversation: p('SELECT * FROM conversations WHERE id = ?'),
    latestConversation: p('SELECT * FROM conversations WHERE user_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    bumpSeq: p('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq'),
    insertEvent: p('INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
    /** A message's event: no payload of its own, it refers to the message row of the same seq (v12). */
    insertMessageEvent: p(`INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, 'message', NULL, ?)`),
    insertMessage: p('INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    messageByClientId: p('SELECT payload FROM messages WHERE conversation_id = ? AND client_id = ?'),
    eventsAfter: p(`SELECT e.seq, e.payload, m.payload AS message FROM events e
                    LEFT JOIN messages m ON e.payload IS NULL AND m.conversation_id = e.conversation_id AND m.seq = e.seq
                    WHERE e.conversation_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`),
    messagesBefore: p('SELECT payload FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?'),
    assign:
      p(`UPDATE conversations SET operator_id = ?, operator_name = ?, handoff = 'accepted', state = 'open', queued_at = NULL, updated_at = ?
               WHERE id = ? AND operator_id IS NULL AND handoff IN ('queued', 'offline') AND state != 'closed'`),
    queue: p(`SELECT c.* FROM conversations c LEFT JOIN contacts k ON k.conversation_id = c.id AND k.queued_at = c.queued_at
              WHERE c.handoff IN ('queued', 'offline') AND c.state != 'closed'
              ORDER BY c.priority = 'urgent' DESC, k.conversation_id IS NULL, c.queued_at, c.rowid`),
    verifying: p(`SELECT * FROM conversations WHERE handoff = 'verification_required' AND state != 'closed' ORDER BY updated_at`),
    assigned: p(`SELECT * FROM conversations WHERE handoff = 'accepted' AND state != 'closed' ORDER BY updated_at`),
    insertUpload: p(
      'INSERT INTO uploads (id, owner, name, mime_type, size, created_at) VALUES (@id, @owner, @name, @mimeType, @size, @createdAt)',
    ),
    upload: p('SELECT * FROM uploads WHERE id = ?'),
    insertRating: p('INSERT INTO ratings (conversation_id, score, comment, created_at) VALUES (?, ?, ?, ?)'),
    lastRating: p('SELECT score, comment FROM ratings WHERE conversation_id = ? ORDER BY rowid DESC LIMIT 1'),
    insertChallenge:
      p(`INSERT INTO challenges (id, conversation_id, session_id, user_key, remote, destination, code_hash, attempts_left, expires_at, resend_at, status, created_at)
                        VALUES (@id, @conversationId, @sessionId, @userKey, @remote, @destination, @codeHash, @attemptsLeft, @expiresAt, @resendAt, 'pending', @createdAt)`),
    challengeTimesByRemote: p('SELECT created_at FROM challenges WHERE remote = ? AND created_at >= ? ORDER BY created_at'),
    challengeTimesByDestination: p('SELECT created_at FROM challenges WHERE destination = ? AND created_at >= ? ORDER BY created_at'),
    challengeTimesBySession: p('SELECT created_at FROM challenges WHERE session_id = ? AND created_at >= ? ORDER BY created_at'),
    challengeTimesByUser: p('SELECT created_at FROM challenges WHERE user_key = ? AND created_at >= ? ORDER BY created_at'),
    challenge: p('SELECT * FROM challenges WHERE id = ?'),
    pendingChallenge: p(
      `SELECT * FROM challenges WHERE conversation_id = ? AND status = 'pending' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    lastChallenge: p('SELECT * FROM challenges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    updateChallenge: p(`UPDATE challenges SET attempts_left = ?, status = ? WHERE id = ? AND status = 'pending' AND attempts_left = ?`),
    saveContact: p(`INSERT OR REPLACE INTO contacts (conversation_id, email, phone, callback_window, note, queued_at, created_at)
                    VALUES (@conversationId, @email, @phone, @callbackWindow, @note, @queuedAt, @createdAt)`),
    contact: p('SELECT * FROM contacts WHERE conversation_id = ?'),
    replaceChallenges: p(`UPDATE challenges SET status = 'replaced' WHERE conversation_id = ? AND status = 'pending'`),
  };
}

/** The prepared statements of one database. */
export type Statements = ReturnType<typeof prepareStatements>;
