/**
 * The operator queue's state shared by the processes of a deployment: what was last announced to
 * each waiting customer (position and ETA). A part of {@link ChatStore} (`store.announcements`),
 * implemented by every engine (`sqlite-queue.ts`, `pg-queue.ts`) and checked by the queue
 * conformance suite (test/server/store-queue-conformance.ts).
 * @module
 */

/** Queue announcements, deduplicated across processes. */
export interface QueueStore {
  /**
   * Records `key` as the last announcement to the conversation, in one atomic step; true when the
   * stored one differed (the caller announces it), false when it was already `key` (someone did).
   */
  claimAnnouncement(conversationId: string, key: string): Promise<boolean>;
  /** Forgets the conversation's last announcement (it left the queue: the next time it waits is news). */
  forgetAnnouncement(conversationId: string): Promise<void>;
}
