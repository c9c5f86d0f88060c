/**
 * The PostgreSQL engine of {@link ChatStore} (node-postgres), for several server processes sharing
 * one database. Same tables and semantics as the SQLite engine; the atomic methods hold the
 * conversation's row lock (`SELECT … FOR UPDATE`, or a single conditional UPDATE) inside one
 * transaction, so concurrent callers in any process get distinct seqs without gaps, one winner of
 * an accept, and one stored message per client id.
 * @module
 */
import pg from 'pg';
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { AppendedMessage, ChallengeKey, ChatStore, NewConversation, RatingRow, StoredEvent } from './chat-store';
import type { PgAccess, Query } from './pg-access';
import { createPgAccounts } from './pg-accounts';
import { createPgDesk } from './pg-desk';
import { createPgQueue } from './pg-queue';
import { createPgGovernance } from './pg-governance';
import { createPgLimits } from './pg-limits';
import { type EventRow, storedEvent } from './event-rows';
import { migratePg } from './pg-schema';
import { SQL } from './pg-sql';
import type { ChallengeRow, ContactRow, ConversationPatch, ConversationRow, SessionRevokeReason, SessionRow, UploadRow } from './rows';
import { patchColumns, type Raw, toChallenge, toContact, toConversation, toSession, toUpload } from './sqlite-rows';

const UNIQUE_VIOLATION = '23505';
/** BIGINT columns hold millisecond times and seqs, far below 2^53: read them as numbers. */
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Options of {@link createPgStore}. */
export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` (the `DATABASE_URL` setting). */
  connectionString: string;
  /** A schema to keep the tables in (created when missing); default: the connection's search path. */
  schema?: string;
  /** Most connections in the pool (default 10). */
  maxConnections?: number;
}

/** PostgreSQL behind the {@link ChatStore} interface. Create it with {@link createPgStore}. */
export class PgStore implements ChatStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, creates the schema if asked, and migrates. */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      types,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    pool.on('error', () => {}); // an idle client's lost connection: the pool replaces it
    const client = await pool.connect();
    try {
      await migratePg(client, schema);
    } catch (e) {
      client.release();
      await pool.end();
      throw e;
    }
    client.release();
    return new PgStore(pool);
  }

  private readonly q: Query = (text, values) => this.pool.query<Raw>(text, values);

  private async one(text: string, values: unknown[]): Promise<Raw | undefined> {
    return (await this.q(text, values)).rows[0];
  }

  private readonly access: PgAccess = { query: this.q, tx: (work) => this.tx(work) };
  readonly accounts = createPgAccounts(this.access);
  readonly governance = createPgGovernance(this.access);
  readonly limits = createPgLimits(this.access);
  readonly desk = createPgDesk(this.access);
  readonly announcements = createPgQueue(this.access);

  /** Runs `work` in one transaction on one connection. */
  private async tx<T>(work: (q: Query) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work((text, values) => client.query<Raw>(text, values));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // ------------------------------------------------------------ sessions

  async createSession(row: SessionRow, tokenHash: string): Promise<void> {
    await this.q(SQL.insertSession, [
      row.id,
      tokenHash,
      row.userKey,
      row.userId,
      row.verified ? 1 : 0,
      JSON.stringify(row.profile),
      row.locale,
      JSON.stringify(row.metadata),
      row.createdAt,
      row.identityExpiresAt,
    ]);
  }

  async sessionByTokenHash(hash: string): Promise<SessionRow | undefined> {
    const r = await this.one(SQL.sessionByToken, [hash]);
    return r ? toSession(r) : undefined;
  }

  async session(id: string): Promise<SessionRow | undefined> {
    const r = await this.one(SQL.sessionById, [id]);
    return r ? toSession(r) : undefined;
  }

  async touchSession(row: SessionRow, now: number): Promise<void> {
    await this.q(SQL.touchSession, [now, JSON.stringify(row.profile), row.locale, JSON.stringify(row.metadata), row.id]);
  }

  async markVerified(sessionId: string): Promise<void> {
    await this.q(SQL.verifySession, [sessionId]);
  }

  async revokeSession(sessionId: string, now: number, reason: SessionRevokeReason): Promise<boolean> {
    return (await this.q(SQL.revokeSession, [now, reason, sessionId])).rowCount === 1;
  }

  async setSessionIdentityExpiry(sessionId: string, expiresAt: number): Promise<void> {
    await this.q(SQL.sessionIdentityExpiry, [expiresAt, sessionId]);
  }

  async seenSession(sessionId: string, now: number, olderThan: number): Promise<void> {
    await this.q(SQL.seenSession, [now, sessionId, olderThan]);
  }

  // ------------------------------------------------------------ conversations

  async createConversation(c: NewConversation): Promise<ConversationRow> {
    const r = await this.one(SQL.insertConversation, [
      c.id,
      c.userKey,
      c.sessionId,
      c.segment,
      c.locale,
      c.createdAt,
      c.channel ?? 'support',
    ]);
    return toConversation(r!);
  }

  async conversation(id: string): Promise<ConversationRow | undefined> {
    const r = await this.one(SQL.conversation, [id]);
    return r ? toConversation(r) : undefined;
  }

  async latestConversation(userKey: string): Promise<ConversationRow | undefined> {
    const r = await this.one(SQL.latestConversation, [userKey]);
    return r ? toConversation(r) : undefined;
  }

  async conversationsOf(userKey: string, limit: number): Promise<ConversationRow[]> {
    return (await this.q(SQL.conversationsOf, [userKey, limit])).rows.map(toConversation);
  }

  async patchConversation(id: string, patch: ConversationPatch, now: number): Promise<void> {
    const keys = (Object.keys(patch) as Array<keyof ConversationPatch>).filter((k) => k in patchColumns).sort();
    if (keys.length === 0) return;
    const sets = keys.map((k, i) => `${patchColumns[k]} = $${i + 3}`).join(', ');
    const values = keys.map((k) => (k === 'botState' ? JSON.stringify(patch.botState ?? {}) : (patch[k] ?? null)));
    await this.q(`UPDATE conversations SET ${sets}, updated_at = $1 WHERE id = $2`, [now, id, ...values]);
  }

  async assign(conversationId: string, operatorId: string, operatorName: string, now: number): Promise<boolean> {
    return (await this.q(SQL.assign, [operatorId, operatorName, now, conversationId])).rowCount === 1;
  }

  async queue(): Promise<ConversationRow[]> {
    return (await this.q(SQL.queue)).rows.map(toConversation);
  }

  async verifying(): Promise<ConversationRow[]> {
    return (await this.q(SQL.verifying)).rows.map(toConversation);
  }

  async assigned(): Promise<ConversationRow[]> {
    return (await this.q(SQL.assigned)).rows.map(toConversation);
  }

  // ------------------------------------------------------------ events and messages

  async appendEvent(conversationId: string, event: WireEvent, now: number): Promise<number> {
    const r = await this.one(SQL.appendEvent, [conversationId, event.type, now, JSON.stringify(event)]);
    if (!r) throw new Error(`unknown conversation ${conversationId}`);
    return r.seq as number;
  }

  async appendMessage(message: Omit<WireMessage, 'seq'>, now: number): Promise<AppendedMessage> {
    const payload = JSON.stringify(message);
    const values = [message.id, message.conversationId, message.clientId ?? null, payload, now];
    let row: Raw | undefined;
    try {
      row = await this.one(SQL.appendMessage, values);
    } catch (e) {
      // A racing append of the same client id committed first: the unique index refused this one.
      if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    }
    if (row) return { message: { ...message, seq: row.last_seq as number }, created: true };
    const existing = message.clientId !== undefined ? await this.messageByClientId(message.conversationId, message.clientId) : undefined;
    if (!existing) throw new Error(`unknown conversation ${message.conversationId}`);
    return { message: existing, created: false };
  }

  async messageByClientId(conversationId: string, clientId: string): Promise<WireMessage | undefined> {
    const r = await this.one(SQL.messageByClientId, [conversationId, clientId]);
    return r ? messageOf(r) : undefined;
  }

  async eventsAfter(conversationId: string, after: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.q(SQL.eventsAfter, [conversationId, after, limit]);
    return (rows as unknown as EventRow[]).flatMap((r) => {
      const out = storedEvent(r, (payload, seq) => ({ ...(JSON.parse(payload) as Omit<WireMessage, 'seq'>), seq }));
      // A copy stored before v12 (kept only where its message row is missing) lacks the seq.
      for (const e of out) if (e.event.type === 'message') e.event.message.seq = e.seq;
      return out;
    });
  }

  async messagesBefore(conversationId: string, before: number, limit: number): Promise<WireMessage[]> {
    return (await this.q(SQL.messagesBefore, [conversationId, before, limit])).rows.map(messageOf);
  }

  // ------------------------------------------------------------ uploads, ratings, challenges

  async insertUpload(row: UploadRow): Promise<void> {
    await this.q(SQL.insertUpload, [row.id, row.owner, row.name, row.mimeType, row.size, row.createdAt]);
  }

  async upload(id: string): Promise<UploadRow | undefined> {
    const r = await this.one(SQL.upload, [id]);
    return r ? toUpload(r) : undefined;
  }

  async insertRating(conversationId: string, score: number, comment: string | null, now: number): Promise<void> {
    await this.q(SQL.insertRating, [conversationId, score, comment, now]);
  }

  async lastRating(conversationId: string): Promise<RatingRow | undefined> {
    return (await this.one(SQL.lastRating, [conversationId])) as RatingRow | undefined;
  }

  async insertChallenge(row: Omit<ChallengeRow, 'status'>): Promise<void> {
    await this.tx(async (q) => {
      await q(SQL.lockConversation, [row.conversationId]);
      await q(SQL.replaceChallenges, [row.conversationId]);
      await q(SQL.insertChallenge, [
        row.id,
        row.conversationId,
        row.sessionId,
        row.userKey,
        row.remote,
        row.destination,
        row.codeHash,
        row.attemptsLeft,
        row.expiresAt,
        row.resendAt,
        row.createdAt,
      ]);
    });
  }

  async challengeTimes(key: ChallengeKey, since: number): Promise<number[]> {
    const [column, value] =
      'sessionId' in key
        ? (['session_id', key.sessionId] as const)
        : 'userKey' in key
          ? (['user_key', key.userKey] as const)
          : 'remote' in key
            ? (['remote', key.remote] as const)
            : (['destination', key.destination] as const);
    return (await this.q(SQL.challengeTimes(column), [value, since])).rows.map((r) => r.created_at as number);
  }

  async saveContact(row: ContactRow): Promise<void> {
    await this.q(SQL.saveContact, [row.conversationId, row.email, row.phone, row.callbackWindow, row.note, row.queuedAt, row.createdAt]);
  }

  async contact(conversationId: string): Promise<ContactRow | undefined> {
    const r = await this.one(SQL.contact, [conversationId]);
    return r ? toContact(r) : undefined;
  }

  async challenge(id: string): Promise<ChallengeRow | undefined> {
    const r = await this.one(SQL.challenge, [id]);
    return r ? toChallenge(r) : undefined;
  }

  async pendingChallenge(conversationId: string): Promise<ChallengeRow | undefined> {
    const r = await this.one(SQL.pendingChallenge, [conversationId]);
    return r ? toChallenge(r) : undefined;
  }

  async lastChallenge(conversationId: string): Promise<ChallengeRow | undefined> {
    const r = await this.one(SQL.lastChallenge, [conversationId]);
    return r ? toChallenge(r) : undefined;
  }

  async updateChallenge(id: string, expectAttemptsLeft: number, attemptsLeft: number, status: ChallengeRow['status']): Promise<boolean> {
    return (await this.q(SQL.updateChallenge, [attemptsLeft, status, id, expectAttemptsLeft])).rowCount === 1;
  }
}

/** A stored message: its payload (kept without the seq) and its seq column. */
function messageOf(r: Raw): WireMessage {
  return { ...(JSON.parse(r.payload as string) as Omit<WireMessage, 'seq'>), seq: r.seq as number };
}

/** Connects to PostgreSQL and migrates the schema: the store several server processes can share. */
export function createPgStore(options: PgStoreOptions): Promise<ChatStore> {
  return PgStore.open(options);
}
