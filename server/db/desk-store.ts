/**
 * The storage of the console's shift tools: search, canned replies, notes, transfers (issue 10 item 7): a part of {@link ChatStore} (`store.desk`), implemented by every engine
 * (`sqlite-desk.ts`, `pg-desk.ts`) and checked by the desk conformance suite
 * (test/server/store-desk-conformance.ts).
 * @module
 */

/** One message that matched a search. */
export interface SearchHitRow {
  conversationId: string;
  seq: number;
  /** The author's role (`user`, `agent`, `bot`, `system`). */
  role: string;
  /** The message's text (all its text parts). */
  body: string;
  createdAt: number;
}

/** Whose conversations a search covers: `operatorId` null = every conversation (a supervisor). */
export interface SearchScope {
  /** Else: the conversations waiting for an operator and those this operator holds. */
  operatorId: string | null;
}

/** A team canned reply. */
export interface CannedRow {
  id: string;
  /** Typed after `/` in the composer (letters, digits, `-`, `_`; unique). */
  shortcut: string;
  title: string;
  body: string;
  updatedBy: string;
  updatedAt: number;
}

/** An internal note on a conversation (never sent to the customer). */
export interface NoteRow {
  id: string;
  conversationId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: number;
}

/** Where a transfer hands the conversation: another operator, or `null` for back to the queue. */
export type TransferTarget = { id: string; name: string; avatarUrl: string | null } | null;

/** Desk storage. */
export interface DeskStore {
  /**
   * Messages whose text has every term (each a prefix; terms are letters and digits only, lower
   * case), best match first, at most `limit`, within `scope`.
   */
  search(terms: readonly string[], scope: SearchScope, limit: number): Promise<SearchHitRow[]>;
  /** Every canned reply, by shortcut. */
  cannedReplies(): Promise<CannedRow[]>;
  /** Creates or replaces (by id) a canned reply; false when another one has the shortcut. */
  saveCanned(row: CannedRow): Promise<boolean>;
  /** Deletes a canned reply; false when there was none. */
  deleteCanned(id: string): Promise<boolean>;
  /** Stores an internal note. */
  addNote(row: NoteRow): Promise<void>;
  /** The notes of a conversation, oldest first. */
  notes(conversationId: string): Promise<NoteRow[]>;
  /**
   * **Atomic** compare-and-set: only while `fromOperatorId` holds the open conversation, gives it to
   * `to` (handoff stays `accepted`), or with `to` null puts it back in the queue (no operator,
   * handoff and state `queued`, `queuedAt` = now). Of concurrent callers at most one gets true.
   */
  transfer(conversationId: string, fromOperatorId: string, to: TransferTarget, now: number): Promise<boolean>;
}
