/**
 * The embedded SQLite engine of {@link QueueStore} (table `queue_announced`, migrations/v11-queue.ts).
 * @module
 */
import type Database from 'better-sqlite3';
import type { QueueStore } from './queue-store';

/** The queue part of the store on SQLite. */
export function createSqliteQueue(db: Database.Database): QueueStore {
  const claim = db.prepare(
    `INSERT INTO queue_announced (conversation_id, announced) VALUES (?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET announced = excluded.announced
     WHERE queue_announced.announced <> excluded.announced`,
  );
  const forget = db.prepare('DELETE FROM queue_announced WHERE conversation_id = ?');
  return {
    claimAnnouncement: async (conversationId, key) => claim.run(conversationId, key).changes === 1,
    forgetAnnouncement: async (conversationId) => {
      forget.run(conversationId);
    },
  };
}
