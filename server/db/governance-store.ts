/**
 * The storage of the audit log, retention and erasure of a customer's data (issue 10 items 2 and 6): a part of {@link ChatStore} (`store.governance`), implemented by every engine
 * (`sqlite-governance.ts`, `pg-governance.ts`) and checked by the store conformance suite
 * (`test/server/store-governance-conformance.ts`).
 *
 * Every delete is idempotent (deleting what is already gone deletes nothing), so several processes
 * may sweep one database at once.
 * @module
 */

/** One stored audit entry. */
export interface AuditRecord {
  /** Increasing: newer entries have larger ids (the paging cursor). */
  id: number;
  /** When, ms since the epoch. */
  at: number;
  /** Operator account id, or `system` / `cli`. */
  actorId: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  conversationId: string | null;
  userKey: string | null;
  detail: string | null;
}

/** A filter of the audit log, read newest first. */
export interface AuditQuery {
  /** Only entries with an id below this (the last id of the previous page). */
  before?: number;
  actorId?: string;
  conversationId?: string;
  action?: string;
  /** Only entries at or after this time (ms). */
  since?: number;
  limit: number;
}

/** Who a customer is, as far as erasure goes: their sessions, user keys and conversations. */
export interface CustomerScope {
  sessionIds: string[];
  userKeys: string[];
  conversationIds: string[];
}

/** What to erase by: a signed-in customer's user id, a session, or a conversation (its customer). */
export type CustomerKey = { userId: string } | { sessionId: string } | { conversationId: string };

/** Rows deleted, by table. */
export interface PurgeCounts {
  sessions: number;
  conversations: number;
  messages: number;
  events: number;
  ratings: number;
  contacts: number;
  challenges: number;
  uploads: number;
  /** Rows of other areas' tables (see `CONVERSATION_TABLES` in governance-sql.ts). */
  other: number;
}

/** The outcome of a purge: counts, and the blob keys of the deleted uploads (for the blob store). */
export interface PurgeResult {
  counts: PurgeCounts;
  blobKeys: string[];
}

/** Governance storage. */
export interface GovernanceStore {
  /** Appends an entry; returns its id. */
  appendAudit(entry: Omit<AuditRecord, 'id'>): Promise<number>;
  /** Entries matching the query, newest first, at most `limit`. */
  auditEntries(query: AuditQuery): Promise<AuditRecord[]>;
  /** Deletes up to `limit` entries older than `before` (ms); returns how many. */
  deleteAuditBefore(before: number, limit: number): Promise<number>;
  /** Up to `limit` ids of conversations closed and untouched since before `before` (ms), oldest first. */
  closedBefore(before: number, limit: number): Promise<string[]>;
  /** Deletes conversations with their messages, events, ratings, contacts, challenges and attached uploads. */
  purgeConversations(conversationIds: string[]): Promise<PurgeResult>;
  /** Deletes up to `limit` verification challenges created before `before` (ms); returns how many. */
  deleteChallengesBefore(before: number, limit: number): Promise<number>;
  /** The sessions, user keys and conversations of one customer (empty lists when unknown). */
  customerScope(key: CustomerKey): Promise<CustomerScope>;
  /** Deletes everything of a customer: their conversations (as {@link purgeConversations}), sessions, uploads and challenges. */
  eraseCustomer(scope: CustomerScope): Promise<PurgeResult>;
}
