/**
 * The embedded SQLite engine of {@link ChatStore} (better-sqlite3, WAL). Every statement is
 * prepared once. Writes (this store's, the rate windows' and the socket leases') are group
 * committed: those of one event-loop turn run together at its end in one transaction, each in a
 * savepoint of its own, and each promise settles after that commit (sqlite-batch.ts); reads run at
 * once and see committed data only. A message's payload is stored once, in its row (schema v12).
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { AppendedMessage, ChallengeKey, ChatStore, NewConversation, RatingRow, StoredEvent } from './chat-store';
import type { ChallengeRow, ContactRow, ConversationPatch, ConversationRow, SessionRevokeReason, SessionRow, UploadRow } from './rows';
import { createSqliteAccounts } from './sqlite-accounts';
import { createSqliteDesk } from './sqlite-desk';
import { createSqliteQueue } from './sqlite-queue';
import { createSqliteGovernance } from './sqlite-governance';
import { createSqliteLimits } from './sqlite-limits';
import { migrate } from './schema';
import { sqliteAppends } from './sqlite-appends';
import { GroupCommit } from './sqlite-batch';
import { type EventRow, storedEvent } from './event-rows';
import { patchColumns, type Raw, toChallenge, toContact, toConversation, toSession, toUpload } from './sqlite-rows';
import { prepareStatements, type Statements } from './sqlite-statements';

const decode = <T>(r: { payload: string }): T => JSON.parse(r.payload) as T;

/** Options of the SQLite engine. */
export interface SqliteOptions {
  /**
   * `normal` (default, WAL): a crash of the process loses nothing committed; a power loss may lose
   * the last transactions. `full`: every commit is synced to disk first (slower writes).
   */
  synchronous?: 'normal' | 'full';
}

/** SQLite behind the {@link ChatStore} interface. Use `:memory:` for a throwaway database. */
export class SqliteStore implements ChatStore {
  private readonly db: Database.Database;
  private readonly s: Statements;
  private readonly patchCache = new Map<string, Database.Statement>();
  private readonly tx: ReturnType<typeof sqliteAppends>;
  /** This turn's writes, committed together at its end; each write settles after that commit. */
  private readonly batch: GroupCommit;
  /** See ChatStore.settled: the writes queued for this turn's commit. */
  readonly settled: () => Promise<void>;
  readonly accounts: ChatStore['accounts'];
  readonly governance: ChatStore['governance'];
  readonly limits: ChatStore['limits'];
  readonly desk: ChatStore['desk'];
  readonly announcements: ChatStore['announcements'];

  /** Opens (creating and migrating when needed) the database file. */
  constructor(file: string, options: SqliteOptions = {}) {
    // A new database file is created owner-only (0600); SQLite gives its -wal and -shm files the same mode.
    if (file !== ':memory:' && !existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(options.synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.accounts = createSqliteAccounts(this.db);
    this.governance = createSqliteGovernance(this.db);
    this.desk = createSqliteDesk(this.db);
    this.announcements = createSqliteQueue(this.db);
    const s = (this.s = prepareStatements(this.db));
    this.batch = new GroupCommit(this.db);
    this.settled = () => this.batch.settled();
    this.limits = createSqliteLimits(this.db, (work) => this.batch.write(work));
    this.tx = sqliteAppends(s);
  }

  async close(): Promise<void> {
    this.batch.flush();
    this.db.close();
  }

  // ------------------------------------------------------------ sessions

  async createSession(row: SessionRow, tokenHash: string): Promise<void> {
    await this.batch.write(() =>
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
        identityExpiresAt: row.identityExpiresAt,
      }),
    );
  }

  async sessionByTokenHash(hash: string): Promise<SessionRow | undefined> {
    const r = this.s.sessionByToken.get(hash) as Raw | undefined;
    return r ? toSession(r) : undefined;
  }

  async session(id: string): Promise<SessionRow | undefined> {
    const r = this.s.sessionById.get(id) as Raw | undefined;
    return r ? toSession(r) : undefined;
  }

  async touchSession(row: SessionRow, now: number): Promise<void> {
    await this.batch.write(() =>
      this.s.touchSession.run(now, JSON.stringify(row.profile), row.locale, JSON.stringify(row.metadata), row.id),
    );
  }

  async markVerified(sessionId: string): Promise<void> {
    await this.batch.write(() => this.s.verifySession.run(sessionId));
  }

  async revokeSession(sessionId: string, now: number, reason: SessionRevokeReason): Promise<boolean> {
    return this.batch.write(() => this.s.revokeSession.run(now, reason, sessionId).changes === 1);
  }

  async setSessionIdentityExpiry(sessionId: string, expiresAt: number): Promise<void> {
    await this.batch.write(() => this.s.sessionIdentityExpiry.run(expiresAt, sessionId));
  }

  async seenSession(sessionId: string, now: number, olderThan: number): Promise<void> {
    await this.batch.write(() => this.s.seenSession.run(now, sessionId, olderThan));
  }

  // ------------------------------------------------------------ conversations

  async createConversation(c: NewConversation): Promise<ConversationRow> {
    return this.batch.write(() => {
      this.s.insertConversation.run({ ...c, channel: c.channel ?? 'support' });
      return toConversation(this.s.conversation.get(c.id) as Raw);
    });
  }

  async conversation(id: string): Promise<ConversationRow | undefined> {
    const r = this.s.conversation.get(id) as Raw | undefined;
    return r ? toConversation(r) : undefined;
  }

  async latestConversation(userKey: string): Promise<ConversationRow | undefined> {
    const r = this.s.latestConversation.get(userKey) as Raw | undefined;
    return r ? toConversation(r) : undefined;
  }

  async conversationsOf(userKey: string, limit: number): Promise<ConversationRow[]> {
    return (this.s.conversationsOf.all(userKey, limit) as Raw[]).map(toConversation);
  }

  async patchConversation(id: string, patch: ConversationPatch, now: number): Promise<void> {
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
    const prepared = stmt;
    await this.batch.write(() => prepared.run(params));
  }

  async assign(conversationId: string, operatorId: string, operatorName: string, now: number): Promise<boolean> {
    return this.batch.write(() => this.s.assign.run(operatorId, operatorName, now, conversationId).changes === 1);
  }

  async queue(): Promise<ConversationRow[]> {
    return (this.s.queue.all() as Raw[]).map(toConversation);
  }

  async verifying(): Promise<ConversationRow[]> {
    return (this.s.verifying.all() as Raw[]).map(toConversation);
  }

  async assigned(): Promise<ConversationRow[]> {
    return (this.s.assigned.all() as Raw[]).map(toConversation);
  }

  // ------------------------------------------------------------ events and messages

  async appendEvent(conversationId: string, event: WireEvent, now: number): Promise<number> {
    return this.batch.write(() => this.tx.event(conversationId, event, now));
  }

  async appendMessage(message: Omit<WireMessage, 'seq'>, now: number): Promise<AppendedMessage> {
    return this.batch.write(() => this.tx.message(message, now));
  }

  async messageByClientId(conversationId: string, clientId: string): Promise<WireMessage | undefined> {
    const r = this.s.messageByClientId.get(conversationId, clientId) as { payload: string } | undefined;
    return r ? decode<WireMessage>(r) : undefined;
  }

  async eventsAfter(conversationId: string, after: number, limit: number): Promise<StoredEvent[]> {
    const rows = this.s.eventsAfter.all(conversationId, after, limit) as EventRow[];
    return rows.flatMap((r) => storedEvent(r, (m) => JSON.parse(m) as WireMessage));
  }

  async messagesBefore(conversationId: string, before: number, limit: number): Promise<WireMessage[]> {
    return (this.s.messagesBefore.all(conversationId, before, limit) as Array<{ payload: string }>).map((r) => decode<WireMessage>(r));
  }

  // ------------------------------------------------------------ uploads, ratings, challenges

  async insertUpload(row: UploadRow): Promise<void> {
    await this.batch.write(() => this.s.insertUpload.run(row));
  }

  async upload(id: string): Promise<UploadRow | undefined> {
    const r = this.s.upload.get(id) as Raw | undefined;
    return r ? toUpload(r) : undefined;
  }

  async insertRating(conversationId: string, score: number, comment: string | null, now: number): Promise<void> {
    await this.batch.write(() => this.s.insertRating.run(conversationId, score, comment, now));
  }

  async lastRating(conversationId: string): Promise<RatingRow | undefined> {
    return this.s.lastRating.get(conversationId) as RatingRow | undefined;
  }

  async insertChallenge(row: Omit<ChallengeRow, 'status'>): Promise<void> {
    await this.batch.write(() => this.tx.challenge(row));
  }

  async challenge(id: string): Promise<ChallengeRow | undefined> {
    const r = this.s.challenge.get(id) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  async pendingChallenge(conversationId: string): Promise<ChallengeRow | undefined> {
    const r = this.s.pendingChallenge.get(conversationId) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  async lastChallenge(conversationId: string): Promise<ChallengeRow | undefined> {
    const r = this.s.lastChallenge.get(conversationId) as Raw | undefined;
    return r ? toChallenge(r) : undefined;
  }

  async updateChallenge(id: string, expectAttemptsLeft: number, attemptsLeft: number, status: ChallengeRow['status']): Promise<boolean> {
    return this.batch.write(() => this.s.updateChallenge.run(attemptsLeft, status, id, expectAttemptsLeft).changes === 1);
  }

  async challengeTimes(key: ChallengeKey, since: number): Promise<number[]> {
    const s = this.s;
    const rows = (
      'sessionId' in key
        ? s.challengeTimesBySession.all(key.sessionId, since)
        : 'userKey' in key
          ? s.challengeTimesByUser.all(key.userKey, since)
          : 'remote' in key
            ? s.challengeTimesByRemote.all(key.remote, since)
            : s.challengeTimesByDestination.all(key.destination, since)
    ) as Array<{ created_at: number }>;
    return rows.map((r) => r.created_at);
  }

  // ------------------------------------------------------------ contacts

  async saveContact(row: ContactRow): Promise<void> {
    await this.batch.write(() => this.s.saveContact.run(row));
  }

  async contact(conversationId: string): Promise<ContactRow | undefined> {
    const r = this.s.contact.get(conversationId) as Raw | undefined;
    return r ? toContact(r) : undefined;
  }
}

/** Opens the embedded SQLite store (`:memory:` for a throwaway one). */
export function createSqliteStore(file: string, options: SqliteOptions = {}): ChatStore {
  return new SqliteStore(file, options);
}
