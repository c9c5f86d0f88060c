/**
 * The engine-neutral part of the governance engines: SQL with `?` placeholders (the PostgreSQL
 * engine numbers them), the reads that decide what a purge deletes, and the row mapping. The
 * engines only run what is planned here: the reads directly, the deletes in one transaction.
 * @module
 */
import type { AuditQuery, AuditRecord, CustomerKey, CustomerScope, PurgeCounts } from './governance-store';
import type { Raw } from './sqlite-rows';

/** Runs a read; `?` placeholders in order. */
export type All = (sql: string, params: unknown[]) => Promise<Raw[]>;

/** One planned delete, counted under `key`. */
export interface PlannedDelete {
  key: keyof PurgeCounts;
  sql: string;
  params: unknown[];
}

/** `?` placeholders → `$1, $2, …` (none of this module's SQL has a `?` inside a literal). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Other areas' tables holding rows of a conversation (column `conversation_id`: notes, transfers,
 * a search index, …) or of a customer's session (column `session_id`): retention and erasure delete
 * those rows with the conversation or session, counted as `other`. An area with such a table adds
 * its name here (it must exist in both engines).
 */
export const CONVERSATION_TABLES: readonly string[] = ['desk_notes'];
export const SESSION_TABLES: readonly string[] = [];

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export const INSERT_AUDIT = `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, conversation_id, user_key, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

export function auditParams(e: Omit<AuditRecord, 'id'>): unknown[] {
  return [e.at, e.actorId, e.actorName, e.actorRole, e.action, e.conversationId, e.userKey, e.detail];
}

/** The paged, filtered read of the audit log, newest first. */
export function auditSelect(q: AuditQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, v: unknown): void => {
    where.push(clause);
    params.push(v);
  };
  if (q.before !== undefined) add('id < ?', q.before);
  if (q.actorId !== undefined) add('actor_id = ?', q.actorId);
  if (q.conversationId !== undefined) add('conversation_id = ?', q.conversationId);
  if (q.action !== undefined) add('action = ?', q.action);
  if (q.since !== undefined) add('at >= ?', q.since);
  params.push(q.limit);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT * FROM audit_log ${filter} ORDER BY id DESC LIMIT ?`, params };
}

export function toAuditRecord(r: Raw): AuditRecord {
  return {
    id: Number(r.id),
    at: Number(r.at),
    actorId: r.actor_id as string,
    actorName: (r.actor_name as string | null) ?? null,
    actorRole: (r.actor_role as string | null) ?? null,
    action: r.action as string,
    conversationId: (r.conversation_id as string | null) ?? null,
    userKey: (r.user_key as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
  };
}

export const DELETE_AUDIT_BEFORE = 'DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY id LIMIT ?)';
export const CLOSED_BEFORE = `SELECT id FROM conversations WHERE state = 'closed' AND updated_at < ? ORDER BY updated_at LIMIT ?`;
export const DELETE_CHALLENGES_BEFORE =
  'DELETE FROM challenges WHERE id IN (SELECT id FROM challenges WHERE created_at < ? ORDER BY created_at LIMIT ?)';

/** An empty set of counts. */
export function noCounts(): PurgeCounts {
  return { sessions: 0, conversations: 0, messages: 0, events: 0, ratings: 0, contacts: 0, challenges: 0, uploads: 0, other: 0 };
}

async function sessionScope(all: All, sessionId: string, extraConversation?: string): Promise<CustomerScope> {
  const userKey = `s:${sessionId}`;
  const rows = await all('SELECT id FROM conversations WHERE session_id = ? OR user_key = ?', [sessionId, userKey]);
  const ids = new Set(rows.map((r) => r.id as string));
  if (extraConversation) ids.add(extraConversation);
  return { sessionIds: [sessionId], userKeys: [userKey], conversationIds: [...ids] };
}

async function userScope(all: All, userId: string): Promise<CustomerScope> {
  const userKey = `u:${userId}`;
  const sessions = await all('SELECT id, user_key FROM sessions WHERE user_id = ? OR user_key = ?', [userId, userKey]);
  const sessionIds = sessions.map((r) => r.id as string);
  const userKeys = [...new Set([userKey, ...sessions.map((r) => r.user_key as string)])];
  const convs = await all(
    `SELECT id FROM conversations WHERE user_key IN (${marks(userKeys.length)})${sessionIds.length ? ` OR session_id IN (${marks(sessionIds.length)})` : ''}`,
    [...userKeys, ...sessionIds],
  );
  return { sessionIds, userKeys, conversationIds: convs.map((r) => r.id as string) };
}

/** The sessions, user keys and conversations of the customer a key names. */
export async function scopeOf(all: All, key: CustomerKey): Promise<CustomerScope> {
  if ('userId' in key) return userScope(all, key.userId);
  if ('sessionId' in key) return sessionScope(all, key.sessionId);
  const [conv] = await all('SELECT user_key FROM conversations WHERE id = ?', [key.conversationId]);
  if (!conv) return { sessionIds: [], userKeys: [], conversationIds: [] };
  const userKey = conv.user_key as string;
  if (userKey.startsWith('u:')) return userScope(all, userKey.slice(2));
  return sessionScope(all, userKey.slice(2), key.conversationId);
}

/** Upload ids attached in the messages of these conversations (message payloads are JSON). */
async function attachedUploads(all: All, conversationIds: string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const rows = await all(`SELECT payload FROM messages WHERE conversation_id IN (${marks(conversationIds.length)}) AND payload LIKE ?`, [
    ...conversationIds,
    '%"attachment"%',
  ]);
  const ids: string[] = [];
  for (const r of rows) {
    const parts = (JSON.parse(r.payload as string) as { parts?: Array<{ kind?: string; attachment?: { id?: unknown } }> }).parts ?? [];
    for (const p of parts) if (p.kind === 'attachment' && typeof p.attachment?.id === 'string') ids.push(p.attachment.id);
  }
  return ids;
}

/** Reads what a purge of `scope` deletes and plans the deletes (run them in one transaction). */
export async function planPurge(all: All, scope: CustomerScope): Promise<{ deletes: PlannedDelete[]; blobKeys: string[] }> {
  const { conversationIds: c, sessionIds: s, userKeys: u } = scope;
  const owned = s.length ? await all(`SELECT id FROM uploads WHERE owner IN (${marks(s.length)})`, s) : [];
  const blobKeys = [...new Set([...(await attachedUploads(all, c)), ...owned.map((r) => r.id as string)])];
  const deletes: PlannedDelete[] = [];
  const byConversation = (key: keyof PurgeCounts, table: string): void => {
    if (c.length) deletes.push({ key, sql: `DELETE FROM ${table} WHERE conversation_id IN (${marks(c.length)})`, params: c });
  };
  byConversation('messages', 'messages');
  byConversation('events', 'events');
  byConversation('ratings', 'ratings');
  byConversation('contacts', 'contacts');
  for (const table of CONVERSATION_TABLES) byConversation('other', table);
  if (s.length)
    for (const table of SESSION_TABLES)
      deletes.push({ key: 'other', sql: `DELETE FROM ${table} WHERE session_id IN (${marks(s.length)})`, params: s });
  const challengeWhere = [
    ...(c.length ? [`conversation_id IN (${marks(c.length)})`] : []),
    ...(s.length ? [`session_id IN (${marks(s.length)})`] : []),
    ...(u.length ? [`user_key IN (${marks(u.length)})`] : []),
  ];
  if (challengeWhere.length)
    deletes.push({ key: 'challenges', sql: `DELETE FROM challenges WHERE ${challengeWhere.join(' OR ')}`, params: [...c, ...s, ...u] });
  if (blobKeys.length)
    deletes.push({ key: 'uploads', sql: `DELETE FROM uploads WHERE id IN (${marks(blobKeys.length)})`, params: blobKeys });
  if (c.length) deletes.push({ key: 'conversations', sql: `DELETE FROM conversations WHERE id IN (${marks(c.length)})`, params: c });
  if (s.length) deletes.push({ key: 'sessions', sql: `DELETE FROM sessions WHERE id IN (${marks(s.length)})`, params: s });
  return { deletes, blobKeys };
}
