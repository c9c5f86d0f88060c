/**
 * Decoders of the desk's rows (search hits, canned replies, notes), shared by both engines.
 * @module
 */
import type { CannedRow, NoteRow, SearchHitRow } from './desk-store';
import type { Raw } from './sqlite-rows';

/** A search hit. */
export const toHit = (r: Raw): SearchHitRow => ({
  conversationId: String(r.conversation_id),
  seq: Number(r.seq),
  role: String(r.role),
  body: String(r.body),
  createdAt: Number(r.created_at),
});

/** A canned reply. */
export const toCanned = (r: Raw): CannedRow => ({
  id: String(r.id),
  shortcut: String(r.shortcut),
  title: String(r.title),
  body: String(r.body),
  updatedBy: String(r.updated_by),
  updatedAt: Number(r.updated_at),
});

/** An internal note. */
export const toNote = (r: Raw): NoteRow => ({
  id: String(r.id),
  conversationId: String(r.conversation_id),
  authorId: String(r.author_id),
  authorName: String(r.author_name),
  body: String(r.body),
  createdAt: Number(r.created_at),
});
