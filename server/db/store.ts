/**
 * SQLite persistence (better-sqlite3, WAL). Every statement is prepared once; every write that a
 * client is told about (ack, event) is committed before the call returns.
 * @module
 */
import Database from 'better-sqlite3';
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { ChallengeRow, ConversationPatch, ConversationRow, SessionRow, UploadRow } from './rows';
import { migrate } from './schema';

type Raw = Record<string, unknown>;

const patchColumns: Record<keyof ConversationPatch, string> = {
  state: 'state',
  handoff: 'handoff',
  topic: 'topic',
  segment: 'segment',
  locale: 'locale',
  operatorId: 'operator_id',
  operatorName: 'operator_name',
  queuedAt: 'queued_at',
  readUpTo: 'read_up_to',
  userReadUpTo: 'user_read_up_to',
  botState: 'bot_state',
  sessionId: 'session_id',
};

function toSession(r: Raw): SessionRow {
  return {
    id: r.id as string,
    userKey: r.user_key as string,
    userId: (r.user_id as string | null) ?? null,
    verified: r.verified === 1,
    profile: JSON.parse(r.profile as string) as SessionRow['profile'],
    locale: r.locale as string,
    metadata: JSON.parse(r.metadata as string) as Record<string, string>,
    createdAt: r.created_at as number,
    lastSeenAt: r.last_seen_at as number,
  };
}

function toConversation(r: Raw): ConversationRow {
  return {
    id: r.id as string,
    userKey: r.user_key as string,
    sessionId: r.session_id as string,
    state: r.state as ConversationRow['state'],
    handoff: r.handoff as ConversationRow['handoff'],
    topic: (r.topic as string | null) ?? null,
    segment: r.segment as ConversationRow['segment'],
    locale: r.locale as ConversationRow['locale'],
    operatorId: (r.operator_id as string | null) ?? null,
    operatorName: (r.operator_name as string | null) ?? null,
    queuedAt: (r.queued_at as number | null) ?? null,
    lastSeq: r.last_seq as number,
    readUpTo: r.read_up_to as number,
    userReadUpTo: r.user_read_up_to as number,
    botState: JSON.parse(r.bot_state as string) as ConversationRow['botState'],
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

/** The server's database. */
export class Store {
  readonly db: Database.Database;
  private readonly s;
  private readonly patchCache = new Map<string, Database.Statement>();
  private readonly txEvent: (conversationId: string, event: WireEvent, now: number) => number;
  private readonly txMessage: (message: Omit<WireMessage, 'seq'>, now: number) => { message: WireMessage; created: boolean };

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    this.s = {
      insertSession:
        p(`INSERT INTO sessions (id, token_hash, user_key, user_id, verified, profile, locale, metadata, created_at, last_seen_at)
                        VALUES (@id, @tokenHash, @userKey, @userId, @verified, @profile, @locale, @metadata, @createdAt, @createdAt)`),
      sessionByToken: p('SELECT * FROM sessions WHERE token_hash = ?'),
      sessionById: p('SELECT * FROM sessions WHERE id = ?'),
      touchSession: p('UPDATE sessions SET last_seen_at = ?, profile = ?, locale = ?, metadata = ? WHERE id = ?'),
      verifySession: p('UPDATE sessions SET verified = 1 WHERE id = ?'),
      insertConversation: p(`INSERT INTO conversations (id, user_key, session_id, segment, locale, bot_state, created_at, updated_at)
                             VALUES (@id, @userKey, @sessionId, @segment, @locale, '{}', @createdAt, @createdAt)`),
      conversation: p('SELECT * FROM conversations WHERE id = ?'),
      latestConversation: p('SELECT * FROM conversations WHERE user_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      bumpSeq: p('UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq'),
      insertEvent: p('INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertMessage: p('INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      messageByClientId: p('SELECT payload FROM messages WHERE conversation_id = ? AND client_id = ?'),
      eventsAfter: p('SELECT seq, payload FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      messagesBefore: p('SELECT payload FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?'),
      assign:
        p(`UPDATE conversations SET operator_id = ?, operator_name = ?, handoff = 'accepted', state = 'open', queued_at = NULL, updated_at = ?
                 WHERE id = ? AND operator_id IS NULL AND handoff IN ('queued', 'offline') AND state != 'closed'`),
      queue: p(`SELECT * FROM conversations WHERE handoff IN ('queued', 'offline') AND state != 'closed' ORDER BY queued_at, rowid`),
      verifying: p(`SELECT * FROM conversations WHERE handoff = 'verification_required' AND state != 'closed' ORDER BY updated_at`),
      assigned: p(`SELECT * FROM conversations WHERE handoff = 'accepted' AND state != 'closed' ORDER BY updated_at`),
      insertUpload: p(
        'INSERT INTO uploads (id, owner, name, mime_type, size, created_at) VALUES (@id, @owner, @name, @mimeType, @size, @createdAt)',
      ),
      upload: p('SELECT * FROM uploads WHERE id = ?'),
      insertRating: p('INSERT INTO ratings (conversation_id, score, comment, created_at) VALUES (?, ?, ?, ?)'),
      lastRating: p('SELECT score, comment FROM ratings WHERE conversation_id = ? ORDER BY rowid DESC LIMIT 1'),
      insertChallenge: p(`INSERT INTO challenges (id, conversation_id, code, attempts_left, expires_at, status, created_at)
                          VALUES (@id, @conversationId, @code, @attemptsLeft, @expiresAt, 'pending', @createdAt)`),
      challenge: p('SELECT * FROM challenges WHERE id = ?'),
      pendingChallenge: p(
        `SELECT * FROM challenges WHERE conversation_id = ? AND status = 'pending' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
      lastChallenge: p('SELECT * FROM challenges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      updateChallenge: p('UPDATE challenges SET attempts_left = ?, status = ? WHERE id = ?'),
      replaceChallenges: p(`UPDATE challenges SET status = 'replaced' WHERE conversation_id = ? AND status = 'pending'`),
    };
    const s = this.s;
    this.txEvent = this.db.transaction((conversationId: string, event: WireEvent, now: number): number => {
      const { last_seq: seq } = s.bumpSeq.get(now, conversationId) as { last_seq: number };
      s.insertEvent.run(conversationId, seq, event.type, JSON.stringify(event), now);
      return seq;
    });
    this.txMessage = this.db.transaction((message: Omit<WireMessage, 'seq'>, now: number) => {
      if (message.clientId !== undefined) {
        const existing = s.messageByClientId.get(message.conversationId, message.clientId) as { payload: string } | undefined;
        if (existing) return { message: JSON.parse(existing.payload) as WireMessage, created: false };
      }
      const { last_seq: seq } = s.bumpSeq.get(now, message.conversationId) as { last_seq: number };
      const full: WireMessage = { ...message, seq };
      const payload = JSON.stringify(full);
      s.insertMessage.run(full.id, full.conversationId, seq, full.clientId ?? null, payload, now);
      s.insertEvent.run(full.conversationId, seq, 'message', `{"type":"message","message":${payload}}`, now);
      return { message: full, created: true };
    });
  }

  close(): void {
    this.db.close();
  }

  // ------------------------------------------------------------ sessions

  createSession(row: SessionRow, tokenHash: string): void {
    this.s.insertSession.run({
      id: row.id,
      tokenHash,
      userKey: row.userKey,
      userId: row.userId,
      verified: row.verified ? 1 : 0,
      profile: JSON.stringify(row.profile),
      locale: row.locale,
      metadata: JSON.stringify(row.metadata),
      createdAt: row.createdAt,
    });
  }

  sessionByTokenHash(hash: string): SessionRow | undefined {
    const r = this.s.sessionByToken.get(hash) as Raw | undefined;
    return r ? toSession(r) : undefined;
  }

  session(id: string): SessionRow | undefined {
    const r = this.s.sessionById.get(id) as Raw | undefined;
    return r ? toSession(r) : undefined;
  }

  touchSession(row: SessionRow, now: number): void {
    this.s.touchSession.run(now, JSON.stringify(row.profile), row.locale, JSON.stringify(row.metadata), row.id);
  }

  markVerified(sessionId: string): void {
    this.s.verifySession.run(sessionId);
  }

  // ------------------------------------------------------------ conversations

  createConversation(c: Pick<ConversationRow, 'id' | 'userKey' | 'sessionId' | 'segment' | 'locale' | 'createdAt'>): ConversationRow {
    this.s.insertConversation.run(c);
    return this.conversation(c.id)!;
  }

  conversation(id: string): ConversationRow | undefined {
    const r = this.s.conversation.get(id) as Raw | undefined;
    return r ? toConversation(r) : undefined;
  }

  latestConversation(userKey: string): ConversationRow | undefined {
    const r = this.s.latestConversation.get(userKey) as Raw | undefined;
    return r ? toConversation(r) : undefined;
  }

  patchConversation(id: string, patch: ConversationPatch, now: number): void {
    const keys = (Object.keys(patch) as Array<keyof ConversationPatch>).filter((k) => k in patchColumns).sort();
    if (keys.length === 0) return;
    const cacheKey = keys.join(',');
    let stmt = this.patchCache.get(cacheKey);
    if (!stmt) {
      const sets = keys.map((k) => `${patchColumns[k]} = @${k}`).join(', ');
      stmt = this.db.prepare(`UPDATE conversations SET ${sets}, updated_at = @__now WHERE id = @__id`);
      this.patchCache.set(cacheKey, stmt);
    }
    const params: Record<string, unknown> = { __now: now, __id: id };
    for (const k of keys) params[k] = k === 'botState' ? JSON.stringify(patch.botState ?? {}) : (patch[k] ?? null);
    stmt.run(params);
  }

  /** Atomically gives a waiting conversation to an operator; false when someone else has it. */
  assign(conversationId: string, operatorId: string, operatorName: string, now: number): boolean {
    return this.s.assign.run(operatorId, operatorName, now, conversationId).changes === 1;
  }

  /** Conversations waiting for an operator (queued, or left for the next shift), oldest first. */
  queue(): ConversationRow[] {
    return (this.s.queue.all() as Raw[]).map(toConversation);
  }

  verifying(): ConversationRow[] {
    return (this.s.verifying.all() as Raw[]).map(toConversation);
  }

  assigned(): ConversationRow[] {
    return (this.s.assigned.all() as Raw[]).map(toConversation);
  }

  // ------------------------------------------------------------ events and messages

  /** Appends a durable event; returns its seq. */
  appendEvent(conversationId: string, event: WireEvent, now: number): number {
    return this.txEvent(conversationId, event, now);
  }

  /**
   * Stores a message and its `message` event in one transaction. When `clientId` was seen before in
   * this conversation, stores nothing and returns the original message with `created: false`.
   */
  appendMessage(message: Omit<WireMessage, 'seq'>, now: number): { message: WireMessage; created: boolean } {
    return this.txMessage(message, now);
  }

  /** The message a clientId created in a conversation, if any. */
  messageByClientId(conversationId: string, clientId: string): WireMessage | undefined {
    const r = this.s.messageByClientId.get(conversationId, clientId) as { payload: string } | undefined;
    return r ? (JSON.parse(r.payload) as WireMessage) : undefined;
  }

  eventsAfter(conversationId: string, after: number, limit: number): Array<{ seq: number; event: WireEvent }> {
    return (this.s.eventsAfter.all(conversationId, after, limit) as Array<{ seq: number; payload: string }>).map((r) => ({
      seq: r.seq,
      event: JSON.parse(r.payload) as WireEvent,
    }));
  }

  /** Messages with seq < before, newest first. */
  messagesBefore(conversationId: string, before: number, limit: number): WireMessage[] {
    return (this.s.messagesBefore.all(conversationId, before, limit) as Array<{ payload: string }>).map(
      (r) => JSON.parse(r.payload) as WireMessage,
    );
  }

  // ------------------------------------------------------------ uploads, ratings, challenges

  insertUpload(row: UploadRow): void {
    this.s.insertUpload.run(row);
  }

  upload(id: string): UploadRow | undefined {
    const r = this.s.upload.get(id) as Raw | undefined;
    if (!r) return undefined;
    return {
      id: r.id as string,
      owner: r.owner as string,
      name: r.name as string,
      mimeType: r.mime_type as string,
      size: r.size as number,
      createdAt: r.created_at as number,
    };
  }

  insertRating(conversationId: string, score: number, comment: string | null, now: number): void {
    this.s.insertRating.run(conversationId, score, comment, now);
  }

  lastRating(conversationId: string): { score: number; comment: string | null } | undefined {
    return this.s.lastRating.get(conversationId) as { score: number; comment: string | null } | undefined;
  }

  /** Stores a new challenge, retiring any pending one of the conversation. */
  insertChallenge(row: Omit<ChallengeRow, 'status'>): void {
    this.db.transaction(() => {
      this.s.replaceChallenges.run(row.conversationId);
      this.s.insertChallenge.run(row);
    })();
  }

  challenge(id: string): ChallengeRow | undefined {
    const r = this.s.challenge.get(id) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  pendingChallenge(conversationId: string): ChallengeRow | undefined {
    const r = this.s.pendingChallenge.get(conversationId) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  /** The newest challenge of a conversation, whatever its status. */
  lastChallenge(conversationId: string): ChallengeRow | undefined {
    const r = this.s.lastChallenge.get(conversationId) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  updateChallenge(id: string, attemptsLeft: number, status: ChallengeRow['status']): void {
    this.s.updateChallenge.run(attemptsLeft, status, id);
  }
}

function toChallenge(r: Raw): ChallengeRow {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    code: r.code as string,
    attemptsLeft: r.attempts_left as number,
    expiresAt: r.expires_at as number,
    status: r.status as ChallengeRow['status'],
    createdAt: r.created_at as number,
  };
}
