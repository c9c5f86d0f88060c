/**
 * Conformance suite of the desk part of the store (`store.desk`): full-text search kept by the
 * schema's triggers on `messages` (insert, update, delete) and its scope, canned replies with
 * unique shortcuts, internal notes, and the transfer compare-and-set. Run against SQLite
 * (store-desk-sqlite.test.ts) and a real PostgreSQL (store-desk-pg.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/protocol/frames';
import type { ChatStore } from '../../server/db/chat-store';
import type { StoreFactory } from './store-conformance';

const T0 = 1_700_000_000_000;
let n = 0;

function draft(conversationId: string, text: string, role: 'user' | 'agent' = 'user'): Omit<WireMessage, 'seq'> {
  return {
    id: `m${++n}`,
    conversationId,
    from: role === 'user' ? { id: 'u1', role } : { id: 'op1', role, name: 'Anna' },
    parts: [{ kind: 'text', text }],
    createdAt: new Date(T0).toISOString(),
  };
}

async function conv(store: ChatStore, id: string, handoff: 'queued' | 'none' = 'queued'): Promise<void> {
  await store.createConversation({ id, userKey: `s:${id}`, sessionId: 's1', segment: 'private', locale: 'en', createdAt: T0 });
  if (handoff === 'queued') await store.patchConversation(id, { handoff: 'queued', state: 'queued', queuedAt: T0 }, T0);
}

const ids = (hits: Array<{ conversationId: string; seq: number }>) => hits.map((h) => `${h.conversationId}:${h.seq}`).sort();

/** Registers the suite under `describe(name)`. */
export function deskStoreConformance(name: string, factory: StoreFactory): void {
  describe(`DeskStore conformance: ${name}`, () => {
    const open: ChatStore[] = [];
    const fresh = async (): Promise<ChatStore> => {
      const s = await factory();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('search: every term as a prefix, any case and script, text parts only', async () => {
      const store = await fresh();
      await conv(store, 'c1');
      const a = await store.appendMessage(draft('c1', 'My card was declined at the PHARMACY'), T0);
      await store.appendMessage(draft('c1', 'Карта заблокирована, помогите'), T0 + 1);
      await store.appendMessage({ ...draft('c1', ''), parts: [{ kind: 'custom', type: 'x', data: { text: 'pharmacy' } }] }, T0 + 2);
      const scope = { operatorId: null };
      const hits = await store.desk.search(['pharm'], scope, 10);
      expect(hits).toEqual([
        { conversationId: 'c1', seq: a.message.seq, role: 'user', body: 'My card was declined at the PHARMACY', createdAt: T0 },
      ]);
      expect(ids(await store.desk.search(['card', 'declin'], scope, 10))).toEqual([`c1:${a.message.seq}`]);
      expect(await store.desk.search(['card', 'nothing'], scope, 10)).toEqual([]);
      expect((await store.desk.search(['карта'], scope, 10)).map((h) => h.seq)).toEqual([2]);
      expect((await store.desk.search(['заблок'], scope, 10)).map((h) => h.seq)).toEqual([2]);
      expect(await store.desk.search([], scope, 10)).toEqual([]);
    });

    it('search scope: an operator finds waiting conversations and their own, a supervisor (null) every one', async () => {
      const store = await fresh();
      await conv(store, 'waiting');
      await conv(store, 'mine');
      await conv(store, 'theirs');
      await conv(store, 'bot', 'none');
      expect(await store.assign('mine', 'op1', 'Anna', T0)).toBe(true);
      expect(await store.assign('theirs', 'op2', 'Boris', T0)).toBe(true);
      for (const c of ['waiting', 'mine', 'theirs', 'bot']) await store.appendMessage(draft(c, `refund please ${c}`), T0);
      expect((await store.desk.search(['refund'], { operatorId: 'op1' }, 10)).map((h) => h.conversationId).sort()).toEqual([
        'mine',
        'waiting',
      ]);
      expect((await store.desk.search(['refund'], { operatorId: null }, 10)).map((h) => h.conversationId).sort()).toEqual([
        'bot',
        'mine',
        'theirs',
        'waiting',
      ]);
      expect(await store.desk.search(['refund'], { operatorId: null }, 2)).toHaveLength(2);
    });

    it('canned replies: created, replaced by id, shortcuts unique, deleted', async () => {
      const store = await fresh();
      const row = {
        id: 'cr1',
        shortcut: 'refund',
        title: 'Refund',
        body: 'Hello {name}, the refund takes 5 days.',
        updatedBy: 'Sue',
        updatedAt: T0,
      };
      expect(await store.desk.saveCanned(row)).toBe(true);
      expect(await store.desk.saveCanned({ ...row, id: 'cr2', body: 'other' })).toBe(false);
      expect(await store.desk.saveCanned({ ...row, id: 'cr2', shortcut: 'card', body: 'Card text' })).toBe(true);
      expect(await store.desk.saveCanned({ ...row, title: 'Refunds', updatedAt: T0 + 1 })).toBe(true);
      expect(await store.desk.cannedReplies()).toEqual([
        { ...row, id: 'cr2', shortcut: 'card', body: 'Card text' },
        { ...row, title: 'Refunds', updatedAt: T0 + 1 },
      ]);
      expect(await store.desk.deleteCanned('cr2')).toBe(true);
      expect(await store.desk.deleteCanned('cr2')).toBe(false);
      expect((await store.desk.cannedReplies()).map((c) => c.id)).toEqual(['cr1']);
    });

    it('notes: per conversation, oldest first', async () => {
      const store = await fresh();
      const note = (id: string, conversationId: string, at: number) => ({
        id,
        conversationId,
        authorId: 'op1',
        authorName: 'Anna',
        body: `note ${id}`,
        createdAt: at,
      });
      await store.desk.addNote(note('n2', 'c1', T0 + 2));
      await store.desk.addNote(note('n1', 'c1', T0 + 1));
      await store.desk.addNote(note('n3', 'c2', T0));
      expect(await store.desk.notes('c1')).toEqual([note('n1', 'c1', T0 + 1), note('n2', 'c1', T0 + 2)]);
      expect(await store.desk.notes('none')).toEqual([]);
    });

    it('transfer: a compare-and-set on the holder; to an operator or back to the queue; one of two racing wins', async () => {
      const store = await fresh();
      await conv(store, 'c1');
      expect(await store.desk.transfer('c1', 'op1', null, T0)).toBe(false); // nobody holds it
      expect(await store.assign('c1', 'op1', 'Anna', T0)).toBe(true);
      const [a, b] = await Promise.all([
        store.desk.transfer('c1', 'op1', { id: 'op2', name: 'Boris', avatarUrl: null }, T0 + 1),
        store.desk.transfer('c1', 'op1', { id: 'op3', name: 'Vera', avatarUrl: 'https://x.example/v.png' }, T0 + 1),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const held = (await store.conversation('c1'))!;
      expect(held).toMatchObject({ handoff: 'accepted', state: 'open', operatorId: a ? 'op2' : 'op3' });
      expect(await store.desk.transfer('c1', held.operatorId!, null, T0 + 5)).toBe(true);
      expect(await store.conversation('c1')).toMatchObject({
        operatorId: null,
        operatorName: null,
        handoff: 'queued',
        state: 'queued',
        queuedAt: T0 + 5,
      });
      expect((await store.queue()).map((c) => c.id)).toEqual(['c1']);
    });
  });
}
