/**
 * The PostgreSQL engine of {@link DeskStore}: search through `desk_search` (kept by a trigger on
 * `messages`, GIN index over `to_tsvector('simple', body)`, see migrations/v10-desk.ts).
 * @module
 */
import type { CannedRow, DeskStore, NoteRow } from './desk-store';
import { toCanned, toHit, toNote } from './desk-rows';
import type { PgAccess } from './pg-access';

/** The tsquery of checked terms (letters and digits only): each a prefix, all required. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`).join(' & ');
}

const SEARCH = `SELECT s.conversation_id, s.seq, s.role, s.body, s.created_at
  FROM desk_search s JOIN conversations c ON c.id = s.conversation_id, to_tsquery('simple', $1) q
  WHERE to_tsvector('simple', s.body) @@ q AND ($2::text IS NULL OR c.operator_id = $2
    OR (c.operator_id IS NULL AND c.state <> 'closed' AND c.handoff IN ('queued', 'offline')))
  ORDER BY ts_rank(to_tsvector('simple', s.body), q) DESC, s.created_at DESC LIMIT $3`;

/** Desk storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgDesk(pg: PgAccess): DeskStore {
  return {
    async search(terms, scope, limit) {
      if (terms.length === 0) return [];
      return (await pg.query(SEARCH, [tsQuery(terms), scope.operatorId, limit])).rows.map(toHit);
    },
    async cannedReplies() {
      return (await pg.query('SELECT * FROM desk_canned ORDER BY shortcut')).rows.map(toCanned);
    },
    async saveCanned(row: CannedRow) {
      const save = pg.tx(async (q) => {
        const other = await q('SELECT id FROM desk_canned WHERE shortcut = $1 FOR UPDATE', [row.shortcut]);
        if (other.rows[0] && other.rows[0].id !== row.id) return false;
        const r = await q(
          `INSERT INTO desk_canned (id, shortcut, title, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET shortcut = EXCLUDED.shortcut, title = EXCLUDED.title, body = EXCLUDED.body,
             updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
           RETURNING id`,
          [row.id, row.shortcut, row.title, row.body, row.updatedBy, row.updatedAt],
        );
        return r.rows.length === 1;
      });
      return save.catch((e: { code?: string }) => {
        if (e.code === '23505') return false; // a concurrent insert took the shortcut
        throw e;
      });
    },
    async deleteCanned(id) {
      return ((await pg.query('DELETE FROM desk_canned WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async addNote(row: NoteRow) {
      await pg.query(
        'INSERT INTO desk_notes (id, conversation_id, author_id, author_name, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.id, row.conversationId, row.authorId, row.authorName, row.body, row.createdAt],
      );
    },
    async notes(conversationId) {
      return (await pg.query('SELECT * FROM desk_notes WHERE conversation_id = $1 ORDER BY created_at, id', [conversationId])).rows.map(
        toNote,
      );
    },
    async transfer(conversationId, from, to, now) {
      const r = to
        ? await pg.query(
            `UPDATE conversations SET operator_id = $1, operator_name = $2, operator_avatar = $3, updated_at = $4
             WHERE id = $5 AND operator_id = $6 AND state <> 'closed'`,
            [to.id, to.name, to.avatarUrl, now, conversationId, from],
          )
        : await pg.query(
            `UPDATE conversations SET operator_id = NULL, operator_name = NULL, operator_avatar = NULL, handoff = 'queued',
               state = 'queued', queued_at = $1, updated_at = $1 WHERE id = $2 AND operator_id = $3 AND state <> 'closed'`,
            [now, conversationId, from],
          );
      return r.rowCount === 1;
    },
  };
}
