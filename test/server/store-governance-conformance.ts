/**
 * Conformance suite of the governance part of the store (`store.governance`: audit log, retention,
 * erasure): every engine must pass it. Called from store-governance-sqlite.test.ts and
 * store-governance-pg.test.ts with a factory of fresh, empty stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/protocol/frames';
import type { ChatStore, SessionRow } from '../../server/db/chat-store';
import type { AuditRecord } from '../../server/db/governance-store';

export type StoreFactory = () => Promise<ChatStore> | ChatStore;

const T0 = 1_700_000_000_000;

function session(id: string, userId: string | null = null): SessionRow {
  return {
    id,
    userKey: userId ? `u:${userId}` : `s:${id}`,
    userId,
    verified: false,
    profile: { name: 'Ann' },
    locale: 'en',
    metadata: {},
    createdAt: T0,
    lastSeenAt: T0,
    identityExpiresAt: null,
    revokedAt: null,
    revokedReason: null,
  };
}

function message(conversationId: string, id: string, attachment?: string): Omit<WireMessage, 'seq'> {
  return {
    id,
    conversationId,
    from: { id: 'u', role: 'user' },
    parts: [
      { kind: 'text', text: `text of ${id}` },
      ...(attachment
        ? [
            {
              kind: 'attachment' as const,
              attachment: { id: attachment, name: 'a.png', mimeType: 'image/png', size: 1, url: 'http://x/f' },
            },
          ]
        : []),
    ],
    createdAt: new Date(T0).toISOString(),
  };
}

/** A conversation of `sessionId` with two messages (one with a file), an event, a rating, a contact and a challenge. */
async function fullConversation(store: ChatStore, id: string, s: SessionRow, at = T0): Promise<void> {
  await store.createConversation({ id, userKey: s.userKey, sessionId: s.id, segment: 'private', locale: 'en', createdAt: at });
  await store.insertUpload({ id: `f_${id}`, owner: s.id, name: 'a.png', mimeType: 'image/png', size: 1, createdAt: at });
  await store.appendMessage(message(id, `m1_${id}`), at);
  await store.appendMessage(message(id, `m2_${id}`, `f_${id}`), at);
  await store.appendEvent(id, { type: 'conversation', state: 'closed' }, at);
  await store.insertRating(id, 5, null, at);
  await store.saveContact({
    conversationId: id,
    email: 'a@b.c',
    phone: null,
    callbackWindow: null,
    note: null,
    queuedAt: null,
    createdAt: at,
  });
  await store.insertChallenge({
    id: `vc_${id}`,
    conversationId: id,
    sessionId: s.id,
    userKey: s.userKey,
    remote: '',
    destination: '',
    codeHash: 'ab',
    attemptsLeft: 3,
    expiresAt: at + 1000,
    resendAt: at,
    createdAt: at,
  });
}

async function gone(store: ChatStore, id: string): Promise<boolean> {
  return (
    (await store.conversation(id)) === undefined &&
    (await store.messagesBefore(id, Number.MAX_SAFE_INTEGER, 10)).length === 0 &&
    (await store.eventsAfter(id, 0, 10)).length === 0 &&
    (await store.lastRating(id)) === undefined &&
    (await store.contact(id)) === undefined &&
    (await store.challenge(`vc_${id}`)) === undefined &&
    (await store.upload(`f_${id}`)) === undefined
  );
}

const entry = (at: number, over: Partial<AuditRecord> = {}): Omit<AuditRecord, 'id'> => ({
  at,
  actorId: 'op_1',
  actorName: 'Anna',
  actorRole: 'operator',
  action: 'view',
  conversationId: 'c1',
  userKey: 's:s1',
  detail: null,
  ...over,
});

/** Registers the suite under `describe(name)`. */
export function governanceConformance(name: string, factory: StoreFactory): void {
  describe(`GovernanceStore conformance: ${name}`, () => {
    const open: ChatStore[] = [];
    const fresh = async (): Promise<ChatStore> => {
      const s = await factory();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('the audit log: appended in order, read newest first with filters and a cursor, trimmed by age', async () => {
      const g = (await fresh()).governance;
      const a = await g.appendAudit(entry(T0));
      const b = await g.appendAudit(entry(T0 + 1, { action: 'accept', actorId: 'op_2', actorName: null, actorRole: null }));
      const c = await g.appendAudit(entry(T0 + 2, { conversationId: 'c2', detail: 'format txt' }));
      expect(a < b && b < c).toBe(true);
      const all = await g.auditEntries({ limit: 10 });
      expect(all.map((e) => e.id)).toEqual([c, b, a]);
      expect(all[0]).toEqual({ id: c, ...entry(T0 + 2, { conversationId: 'c2', detail: 'format txt' }) });
      expect((await g.auditEntries({ limit: 2 })).map((e) => e.id)).toEqual([c, b]);
      expect((await g.auditEntries({ limit: 2, before: b })).map((e) => e.id)).toEqual([a]);
      expect((await g.auditEntries({ limit: 10, actorId: 'op_2' })).map((e) => e.id)).toEqual([b]);
      expect((await g.auditEntries({ limit: 10, action: 'view', conversationId: 'c1' })).map((e) => e.id)).toEqual([a]);
      expect((await g.auditEntries({ limit: 10, since: T0 + 1 })).map((e) => e.id)).toEqual([c, b]);
      expect(await g.deleteAuditBefore(T0 + 2, 1)).toBe(1);
      expect(await g.deleteAuditBefore(T0 + 2, 10)).toBe(1);
      expect(await g.deleteAuditBefore(T0 + 2, 10)).toBe(0);
      expect((await g.auditEntries({ limit: 10 })).map((e) => e.id)).toEqual([c]);
    });

    it('retention: closed conversations by age are purged with everything of theirs; the rest stays', async () => {
      const store = await fresh();
      const g = store.governance;
      const s = session('s1');
      await store.createSession(s, 'h1');
      await fullConversation(store, 'old', s);
      await fullConversation(store, 'open', s);
      await fullConversation(store, 'new', s, T0 + 5000);
      await store.patchConversation('old', { state: 'closed' }, T0 + 10);
      await store.patchConversation('new', { state: 'closed' }, T0 + 5000);
      expect(await g.closedBefore(T0 + 100, 10)).toEqual(['old']);
      const { counts, blobKeys } = await g.purgeConversations(['old']);
      expect(counts).toMatchObject({ conversations: 1, messages: 2, ratings: 1, contacts: 1, challenges: 1, uploads: 1, sessions: 0 });
      expect(counts.events).toBe(3); // two message events and the closed event
      expect(blobKeys).toEqual(['f_old']);
      expect(await gone(store, 'old')).toBe(true);
      expect(await store.conversation('open')).toBeDefined();
      expect(await store.upload('f_open')).toBeDefined();
      expect(await store.session('s1')).toBeDefined();
      // Idempotent: a second purge (another process) deletes nothing.
      expect((await g.purgeConversations(['old'])).counts.conversations).toBe(0);
      expect(await g.closedBefore(T0 + 100, 10)).toEqual([]);
    });

    it('retention: verification records by age, in batches', async () => {
      const store = await fresh();
      const s = session('s1');
      await fullConversation(store, 'a', s);
      await fullConversation(store, 'b', s, T0 + 10);
      await fullConversation(store, 'c', s, T0 + 5000);
      expect(await store.governance.deleteChallengesBefore(T0 + 100, 1)).toBe(1);
      expect(await store.governance.deleteChallengesBefore(T0 + 100, 10)).toBe(1);
      expect(await store.challenge('vc_c')).toBeDefined();
    });

    it('erasure by user id: every session, conversation, file and challenge of that user; others untouched', async () => {
      const store = await fresh();
      const g = store.governance;
      const s1 = session('s1', 'alice');
      const s2 = session('s2', 'alice');
      const other = session('s3', 'bob');
      for (const [i, s] of [s1, s2, other].entries()) await store.createSession(s, `h${i}`);
      await fullConversation(store, 'a1', s1);
      await fullConversation(store, 'a2', s2);
      await fullConversation(store, 'b1', other);
      await store.insertUpload({ id: 'f_loose', owner: 's2', name: 'x.pdf', mimeType: 'application/pdf', size: 1, createdAt: T0 });
      const scope = await g.customerScope({ userId: 'alice' });
      expect(scope.sessionIds.sort()).toEqual(['s1', 's2']);
      expect(scope.conversationIds.sort()).toEqual(['a1', 'a2']);
      expect(scope.userKeys).toEqual(['u:alice']);
      const { counts, blobKeys } = await g.eraseCustomer(scope);
      expect(counts).toMatchObject({ sessions: 2, conversations: 2, messages: 4, uploads: 3, challenges: 2, ratings: 2, contacts: 2 });
      expect(blobKeys.sort()).toEqual(['f_a1', 'f_a2', 'f_loose']);
      expect(await gone(store, 'a1')).toBe(true);
      expect(await gone(store, 'a2')).toBe(true);
      expect(await store.session('s1')).toBeUndefined();
      expect(await store.session('s2')).toBeUndefined();
      expect(await store.session('s3')).toBeDefined();
      expect(await gone(store, 'b1')).toBe(false);
      expect((await g.eraseCustomer(await g.customerScope({ userId: 'alice' }))).counts.sessions).toBe(0);
    });

    it('erasure by session or by conversation names the customer of it', async () => {
      const store = await fresh();
      const g = store.governance;
      const anon = session('s1');
      const user = session('s2', 'carol');
      await store.createSession(anon, 'h1');
      await store.createSession(user, 'h2');
      await fullConversation(store, 'x1', anon);
      await fullConversation(store, 'x2', anon);
      await fullConversation(store, 'y1', user);
      expect((await g.customerScope({ sessionId: 's1' })).conversationIds.sort()).toEqual(['x1', 'x2']);
      expect(await g.customerScope({ conversationId: 'x2' })).toMatchObject({ sessionIds: ['s1'], userKeys: ['s:s1'] });
      expect((await g.customerScope({ conversationId: 'y1' })).sessionIds).toEqual(['s2']);
      expect(await g.customerScope({ conversationId: 'nope' })).toEqual({ sessionIds: [], userKeys: [], conversationIds: [] });
      const { counts } = await g.eraseCustomer(await g.customerScope({ conversationId: 'x1' }));
      expect(counts).toMatchObject({ sessions: 1, conversations: 2 });
      expect(await store.session('s1')).toBeUndefined();
      expect(await store.conversation('y1')).toBeDefined();
    });
  });
}
