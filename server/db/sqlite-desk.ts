/**
 * The embedded SQLite engine of {@link DeskStore}: search through the FTS5 table `desk_search`
 * (kept by triggers on `messages`, see migrations/v10-desk.ts).
 * @module
 */
import type Database from 'better-sqlite3';
import type { CannedRow, DeskStore, NoteRow } from './desk-store';
import { toCanned, toHit, toNote } from './desk-rows';

type Raw = Record<string, unknown>;

/** The FTS5 query of checked terms: each a quoted prefix, all required. */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
}

/** Desk storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteDesk(db: Database.Database): DeskStore {
  const s = {
    search: db.prepare(
      `SELECT s.conversation_id, s.seq, s.role, s.body, s.created_at FROM desk_search s
       JOIN conversations c ON c.id = s.conversation_id
       WHERE desk_search MATCH @q AND (@op IS NULL OR c.operator_id = @op
         OR (c.operator_id IS NULL AND c.state <> 'closed' AND c.handoff IN ('queued', 'offline')))
       ORDER BY s.rank, s.created_at DESC LIMIT @limit`,
    ),
    canned: db.prepare('SELECT * FROM desk_canned ORDER BY shortcut'),
    cannedByShortcut: db.prepare('SELECT id FROM desk_canned WHERE shortcut = ?'),
    saveCanned: db.prepare(
      `INSERT INTO desk_canned (id, shortcut, title, body, updated_by, updated_at) VALUES (@id, @shortcut, @title, @body, @updatedBy, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET shortcut = excluded.shortcut, title = excluded.title, body = excluded.body,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ),
    deleteCanned: db.prepare('DELETE FROM desk_canned WHERE id = ?'),
    addNote: db.prepare(
      'INSERT INTO desk_notes (id, conversation_id, author_id, author_name, body, created_at) VALUES (@id, @conversationId, @authorId, @authorName, @body, @createdAt)',
    ),
    notes: db.prepare('SELECT * FROM desk_notes WHERE conversation_id = ? ORDER BY created_at, rowid'),
    toOperator: db.prepare(
      `UPDATE conversations SET operator_id = ?, operator_name = ?, operator_avatar = ?, updated_at = ?
       WHERE id = ? AND operator_id = ? AND state <> 'closed'`,
    ),
    toQueue: db.prepare(
      `UPDATE conversations SET operator_id = NULL, operator_name = NULL, operator_avatar = NULL, handoff = 'queued', state = 'queued',
         queued_at = ?, updated_at = ? WHERE id = ? AND operator_id = ? AND state <> 'closed'`,
    ),
  };
  const saveCanned = db.transaction((row: CannedRow): boolean => {
    const other = s.cannedByShortcut.get(row.shortcut) as Raw | undefined;
    if (other && other.id !== row.id) return false;
    s.saveCanned.run(row);
    return true;
  });
  return {
    async search(terms, scope, limit) {
      if (terms.length === 0) return [];
      return (s.search.all({ q: ftsQuery(terms), op: scope.operatorId, limit }) as Raw[]).map(toHit);
    },
    async cannedReplies() {
      return (s.canned.all() as Raw[]).map(toCanned);
    },
    async saveCanned(row) {
      return saveCanned(row);
    },
    async deleteCanned(id) {
      return s.deleteCanned.run(id).changes > 0;
    },
    async addNote(row: NoteRow) {
      s.addNote.run(row);
    },
    async notes(conversationId) {
      return (s.notes.all(conversationId) as Raw[]).map(toNote);
    },
    async transfer(conversationId, from, to, now) {
      const r = to
        ? s.toOperator.run(to.id, to.name, to.avatarUrl, now, conversationId, from)
        : s.toQueue.run(now, now, conversationId, from);
      return r.changes === 1;
    },
  };
}
