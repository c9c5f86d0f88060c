/**
 * PostgreSQL engine: the statements (positional parameters), one per store method.
 * `ord` breaks ties in insertion order where SQLite uses its rowid.
 * @module
 */
export const SQL = {
  insertSession: `INSERT INTO sessions (id, token_hash, user_key, user_id, verified, profile, locale, metadata, created_at, last_seen_at, identity_expires_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
  sessionByToken: 'SELECT * FROM sessions WHERE token_hash = $1',
  sessionById: 'SELECT * FROM sessions WHERE id = $1',
  touchSession: 'UPDATE sessions SET last_seen_at = $1, profile = $2, locale = $3, metadata = $4 WHERE id = $5',
  verifySession: 'UPDATE sessions SET verified = 1 WHERE id = $1',
  revokeSession: 'UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND revoked_at IS NULL',
  sessionIdentityExpiry: 'UPDATE sessions SET identity_expires_at = $1 WHERE id = $2 AND revoked_at IS NULL',
  seenSession: 'UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $3',
  insertConversation: `INSERT INTO conversations (id, user_key, session_id, segment, locale, channel, bot_state, created_at, updated_at)
                       VALUES ($1, $2, $3, $4, $5, $7, '{}', $6, $6) RETURNING *`,
  conversationsOf: 'SELECT * FROM conversations WHERE user_key = $1 ORDER BY created_at DESC, ord DESC LIMIT $2',
  conversation: 'SELECT * FROM conversations WHERE id = $1',
  latestConversation: 'SELECT * FROM conversations WHERE user_key = $1 ORDER BY created_at DESC, ord DESC LIMIT 1',
  lockConversation: 'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE',
  insertEvent: 'INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)',
  insertMessage: 'INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
  messageByClientId: 'SELECT seq, payload FROM messages WHERE conversation_id = $1 AND client_id = $2',
  /** A message's event has no payload: it refers to the message row of the same seq (v12), joined in here. */
  eventsAfter: `SELECT e.seq, e.payload, m.payload AS message FROM events e
                LEFT JOIN messages m ON e.payload IS NULL AND m.conversation_id = e.conversation_id AND m.seq = e.seq
                WHERE e.conversation_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
  messagesBefore: 'SELECT seq, payload FROM messages WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
  /** One round trip: next seq and the event under it ($1 conversation, $2 type, $3 now, $4 payload). */
  appendEvent: `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1, updated_at = $3 WHERE id = $1 RETURNING last_seq)
                INSERT INTO events (conversation_id, seq, type, payload, created_at) SELECT $1, s.last_seq, $2, $4, $3 FROM s RETURNING seq`,
  /**
   * One round trip: next seq, the message and its event, unless the client id is stored already
   * ($1 id, $2 conversation, $3 client id or null, $4 message payload, $5 now). The payload is stored
   * once, without its seq (it is the row's column), so it can be written before the seq is known; the
   * event row refers to the message by that seq (v12).
   */
  appendMessage: `WITH s AS (
                    UPDATE conversations SET last_seq = last_seq + 1, updated_at = $5 WHERE id = $2
                      AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $2 AND client_id = $3))
                    RETURNING last_seq),
                  m AS (INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at)
                        SELECT $1, $2, s.last_seq, $3, $4, $5 FROM s),
                  e AS (INSERT INTO events (conversation_id, seq, type, payload, created_at) SELECT $2, s.last_seq, 'message', NULL, $5 FROM s)
                  SELECT last_seq FROM s`,
  assign: `UPDATE conversations SET operator_id = $1, operator_name = $2, handoff = 'accepted', state = 'open', queued_at = NULL, updated_at = $3
           WHERE id = $4 AND operator_id IS NULL AND handoff IN ('queued', 'offline') AND state != 'closed'`,
  queue: `SELECT c.* FROM conversations c LEFT JOIN contacts k ON k.conversation_id = c.id AND k.queued_at = c.queued_at
          WHERE c.handoff IN ('queued', 'offline') AND c.state != 'closed'
          ORDER BY c.priority = 'urgent' DESC, k.conversation_id IS NULL, c.queued_at, c.ord`,
  saveContact: `INSERT INTO contacts (conversation_id, email, phone, callback_window, note, queued_at, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (conversation_id) DO UPDATE SET email = $2, phone = $3, callback_window = $4, note = $5, queued_at = $6, created_at = $7`,
  contact: 'SELECT * FROM contacts WHERE conversation_id = $1',
  verifying: `SELECT * FROM conversations WHERE handoff = 'verification_required' AND state != 'closed' ORDER BY updated_at, ord`,
  assigned: `SELECT * FROM conversations WHERE handoff = 'accepted' AND state != 'closed' ORDER BY updated_at, ord`,
  insertUpload: 'INSERT INTO uploads (id, owner, name, mime_type, size, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
  upload: 'SELECT * FROM uploads WHERE id = $1',
  insertRating: 'INSERT INTO ratings (conversation_id, score, comment, created_at) VALUES ($1, $2, $3, $4)',
  lastRating: 'SELECT score, comment FROM ratings WHERE conversation_id = $1 ORDER BY ord DESC LIMIT 1',
  insertChallenge: `INSERT INTO challenges (id, conversation_id, session_id, user_key, remote, destination, code_hash,
                                          attempts_left, expires_at, resend_at, status, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11)`,
  /** Creation times of challenges by one key column (`$1` the key, `$2` since); the column is chosen in code, never from input. */
  challengeTimes: (column: 'session_id' | 'user_key' | 'remote' | 'destination') =>
    `SELECT created_at FROM challenges WHERE ${column} = $1 AND created_at >= $2 ORDER BY created_at`,
  challenge: 'SELECT * FROM challenges WHERE id = $1',
  pendingChallenge: `SELECT * FROM challenges WHERE conversation_id = $1 AND status = 'pending' ORDER BY created_at DESC, ord DESC LIMIT 1`,
  lastChallenge: 'SELECT * FROM challenges WHERE conversation_id = $1 ORDER BY created_at DESC, ord DESC LIMIT 1',
  updateChallenge: `UPDATE challenges SET attempts_left = $1, status = $2 WHERE id = $3 AND status = 'pending' AND attempts_left = $4`,
  replaceChallenges: `UPDATE challenges SET status = 'replaced' WHERE conversation_id = $1 AND status = 'pending'`,
} as const;
