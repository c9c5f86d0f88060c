/**
 * Conformance suite of the queue part of the store (`store.announcements`): an announcement is
 * claimed once per change, concurrent claims of the same one have exactly one winner, a forgotten
 * conversation is announced again, and the row goes with its conversation. Run against SQLite
 * (store-queue-sqlite.test.ts) and a real PostgreSQL (store-queue-pg.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatStore } from '../../server/db/chat-store';
import type { StoreFactory } from './store-conformance';

const T0 = 1_700_000_000_000;

async function conv(store: ChatStore, id: string): Promise<void> {
  await store.createConversation({ id, userKey: `s:${id}`, sessionId: 's1', segment: 'private', locale: 'en', createdAt: T0 });
}

/** Registers the suite under `describe(name)`. */
export function queueStoreConformance(name: string, factory: StoreFactory, second?: () => Promise<ChatStore>): void {
  describe(`QueueStore conformance: ${name}`, () => {
    const open: ChatStore[] = [];
    const fresh = async (): Promise<ChatStore> => {
      const s = await factory();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('claims each change once: the same key again is not news, a new key is', async () => {
      const s = await fresh();
      await conv(s, 'c1');
      await conv(s, 'c2');
      expect(await s.announcements.claimAnnouncement('c1', '2:90')).toBe(true);
      expect(await s.announcements.claimAnnouncement('c1', '2:90')).toBe(false);
      expect(await s.announcements.claimAnnouncement('c2', '2:90')).toBe(true);
      expect(await s.announcements.claimAnnouncement('c1', '1:45')).toBe(true);
      expect(await s.announcements.claimAnnouncement('c1', '1:45')).toBe(false);
      // Back to an earlier value is a change too (someone ahead left, then another came first).
      expect(await s.announcements.claimAnnouncement('c1', '2:90')).toBe(true);
    });

    it('a forgotten conversation (it left the queue) is announced again, even at the same position', async () => {
      const s = await fresh();
      await conv(s, 'c1');
      expect(await s.announcements.claimAnnouncement('c1', '1:90')).toBe(true);
      await s.announcements.forgetAnnouncement('c1');
      await s.announcements.forgetAnnouncement('c1'); // idempotent
      expect(await s.announcements.claimAnnouncement('c1', '1:90')).toBe(true);
    });

    it('of many concurrent claims of one announcement exactly one wins', async () => {
      const s = await fresh();
      const other = second ? await second() : s;
      if (other !== s) open.push(other);
      await conv(s, 'c1');
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : s).announcements.claimAnnouncement('c1', '3:120')),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('the announcement goes with its conversation', async () => {
      const s = await fresh();
      await conv(s, 'c1');
      expect(await s.announcements.claimAnnouncement('c1', '1:90')).toBe(true);
      await s.governance.purgeConversations(['c1']);
      await conv(s, 'c1');
      expect(await s.announcements.claimAnnouncement('c1', '1:90')).toBe(true);
    });
  });
}
