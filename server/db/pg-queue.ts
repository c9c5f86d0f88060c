/**
 * The PostgreSQL engine of {@link QueueStore} (table `queue_announced`, migrations/v11-queue.ts):
 * one upsert that changes a row only when the value differs, so of two processes claiming the
 * same announcement at once exactly one gets a row back.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { QueueStore } from './queue-store';

/** The queue part of the store on PostgreSQL. */
export function createPgQueue(pg: PgAccess): QueueStore {
  return {
    async claimAnnouncement(conversationId, key) {
      const r = await pg.query(
        `INSERT INTO queue_announced (conversation_id, announced) VALUES ($1, $2)
         ON CONFLICT (conversation_id) DO UPDATE SET announced = excluded.announced
         WHERE queue_announced.announced IS DISTINCT FROM excluded.announced`,
        [conversationId, key],
      );
      return r.rowCount === 1;
    },
    async forgetAnnouncement(conversationId) {
      await pg.query('DELETE FROM queue_announced WHERE conversation_id = $1', [conversationId]);
    },
  };
}
