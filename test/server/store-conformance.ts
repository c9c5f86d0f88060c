/**
 * Conformance suite of the ChatStore interface: every engine must pass it. Call it from a test file
 * with a factory of fresh, empty stores (each call a new database).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/protocol/frames';
import type { ChatStore, ConversationRow } from '../../server/db/chat-store';
import { sessions } from './store-sessions-conformance';

/** Makes a fresh, empty store. */
export type StoreFactory = () => Promise<ChatStore> | ChatStore;

const T0 = 1_700_000_000_000;

async function conversation(store: ChatStore, id = 'c1', userKey = 's:s1'): Promise<ConversationRow> {
  return store.createConversation({ id, userKey, sessionId: 's1', segment: 'private', locale: 'en', createdAt: T0 });
}

function draft(conversationId: string, id: string, clientId?: string): Omit<WireMessage, 'seq'> {
  return {
    id,
    conversationId,
    ...(clientId !== undefined ? { clientId } : {}),
    from: { id: 'u1', role: 'user' },
    parts: [{ kind: 'text', text: `text of ${id}` }],
    createdAt: new Date(T0).toISOString(),
  };
}

/** Registers the suite under `describe(name)`. */
export function storeConformance(name: string, factory: StoreFactory): void {
  describe(`ChatStore conformance: ${name}`, () => {
    const open: ChatStore[] = [];
    const fresh = async (): Promise<ChatStore> => {
      const s = await factory();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    sessions(fresh);
    conversations(fresh);
    eventsAndMessages(fresh);
    paging(fresh);
    assignment(fresh);
    extras(fresh);
    contacts(fresh);
  });
}

function conversations(fresh: () => Promise<ChatStore>): void {
  it('conversations round-trip with their defaults; patches change only the given columns', async () => {
    const store = await fresh();
    const c = await conversation(store);
    expect(c).toEqual({
      id: 'c1',
      userKey: 's:s1',
      sessionId: 's1',
      state: 'open',
      handoff: 'none',
      topic: null,
      segment: 'private',
      locale: 'en',
      operatorId: null,
      operatorName: null,
      queuedAt: null,
      lastSeq: 0,
      readUpTo: 0,
      userReadUpTo: 0,
      channel: 'support',
      botState: {},
      priority: 'normal',
      priorityReason: null,
      handoffNote: null,
      operatorAvatar: null,
      createdAt: T0,
      updatedAt: T0,
    });
    await store.patchConversation('c1', { topic: 'payments', botState: { step: 'x' }, queuedAt: T0 + 1 }, T0 + 2);
    await store.patchConversation('c1', {}, T0 + 9);
    expect(await store.conversation('c1')).toEqual({
      ...c,
      topic: 'payments',
      botState: { step: 'x' },
      queuedAt: T0 + 1,
      updatedAt: T0 + 2,
    });
    await store.patchConversation('c1', { topic: null }, T0 + 3);
    expect((await store.conversation('c1'))!.topic).toBeNull();
    expect(await store.conversation('nope')).toBeUndefined();
  });

  it("conversationsOf lists a user key's conversations newest first, with their channels", async () => {
    const store = await fresh();
    await conversation(store, 'c1');
    await store.createConversation({
      id: 'c2',
      userKey: 's:s1',
      sessionId: 's1',
      segment: 'private',
      locale: 'en',
      channel: 'notifications',
      createdAt: T0 + 1,
    });
    await store.createConversation({ id: 'c3', userKey: 's:other', sessionId: 's2', segment: 'private', locale: 'en', createdAt: T0 + 2 });
    const rows = await store.conversationsOf('s:s1', 10);
    expect(rows.map((r) => [r.id, r.channel])).toEqual([
      ['c2', 'notifications'],
      ['c1', 'support'],
    ]);
    expect((await store.conversationsOf('s:s1', 1)).map((r) => r.id)).toEqual(['c2']);
  });

  it('latestConversation is the newest of a user key', async () => {
    const store = await fresh();
    expect(await store.latestConversation('s:s1')).toBeUndefined();
    await conversation(store, 'c1');
    await store.createConversation({ id: 'c2', userKey: 's:s1', sessionId: 's1', segment: 'business', locale: 'ru', createdAt: T0 + 1 });
    await conversation(store, 'c3', 's:other');
    expect((await store.latestConversation('s:s1'))!.id).toBe('c2');
  });
}

function eventsAndMessages(fresh: () => Promise<ChatStore>): void {
  it('a clientId seen before stores nothing and returns the original message', async () => {
    const store = await fresh();
    await conversation(store);
    const first = await store.appendMessage(draft('c1', 'm1', 'k1'), T0);
    const again = await store.appendMessage(draft('c1', 'm2', 'k1'), T0 + 1);
    expect(first).toMatchObject({ created: true, message: { id: 'm1', seq: 1, clientId: 'k1' } });
    expect(again).toEqual({ created: false, message: first.message });
    expect(await store.messageByClientId('c1', 'k1')).toEqual(first.message);
    expect(await store.messageByClientId('c1', 'k2')).toBeUndefined();
    expect((await store.conversation('c1'))!.lastSeq).toBe(1);
    expect(await store.eventsAfter('c1', 0, 10)).toEqual([{ seq: 1, event: { type: 'message', message: first.message } }]);
  });

  it('the same clientId racing with itself creates one message', async () => {
    const store = await fresh();
    await conversation(store);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendMessage(draft('c1', `m${i}`, 'k'), T0)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect((await store.conversation('c1'))!.lastSeq).toBe(1);
  });

  it('200 concurrent appends of events and messages get seqs exactly 1..200', async () => {
    const store = await fresh();
    await conversation(store);
    await conversation(store, 'other', 's:x');
    const seqs = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        if (i % 3 === 0) return (await store.appendMessage(draft('c1', `m${i}`, i % 6 === 0 ? `k${i}` : undefined), T0)).message.seq;
        if (i % 7 === 0) await store.appendEvent('other', { type: 'queue', position: 1, etaSeconds: 9 }, T0);
        return store.appendEvent('c1', { type: 'read', by: { id: 'op', role: 'agent' }, upTo: i }, T0);
      }),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await store.conversation('c1'))!.lastSeq).toBe(200);
    expect((await store.eventsAfter('c1', 0, 1000)).map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await store.conversation('other'))!.lastSeq).toBe(
      Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 3 !== 0 && i % 7 === 0).length,
    );
  });
}

function paging(fresh: () => Promise<ChatStore>): void {
  it('eventsAfter and messagesBefore respect their bounds and limits', async () => {
    const store = await fresh();
    await conversation(store);
    for (let i = 1; i <= 10; i++) {
      if (i % 2 === 0) await store.appendEvent('c1', { type: 'handoff', state: 'queued' }, T0);
      else await store.appendMessage(draft('c1', `m${i}`), T0);
    }
    // messages at seqs 1, 3, 5, 7, 9; events at every seq
    expect((await store.eventsAfter('c1', 0, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await store.eventsAfter('c1', 7, 100)).map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(await store.eventsAfter('c1', 10, 100)).toEqual([]);
    expect((await store.eventsAfter('c1', 1, 1))[0]).toEqual({ seq: 2, event: { type: 'handoff', state: 'queued' } });
    expect((await store.messagesBefore('c1', Number.MAX_SAFE_INTEGER, 2)).map((m) => m.seq)).toEqual([9, 7]);
    expect((await store.messagesBefore('c1', 7, 10)).map((m) => m.seq)).toEqual([5, 3, 1]);
    expect((await store.messagesBefore('c1', 5, 1)).map((m) => m.id)).toEqual(['m3']);
    expect(await store.messagesBefore('c1', 1, 10)).toEqual([]);
    expect(await store.messagesBefore('nope', 100, 10)).toEqual([]);
  });
}

function assignment(fresh: () => Promise<ChatStore>): void {
  it('assign: of two operators at once exactly one wins; only waiting conversations can be taken', async () => {
    const store = await fresh();
    await conversation(store);
    expect(await store.assign('c1', 'op1', 'One', T0)).toBe(false); // not waiting
    await store.patchConversation('c1', { handoff: 'queued', state: 'queued', queuedAt: T0 }, T0);
    const [a, b] = await Promise.all([store.assign('c1', 'op1', 'One', T0 + 1), store.assign('c1', 'op2', 'Two', T0 + 1)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const c = (await store.conversation('c1'))!;
    expect(c).toMatchObject({ handoff: 'accepted', state: 'open', queuedAt: null, operatorId: a ? 'op1' : 'op2' });
    expect(await store.assign('c1', 'op3', 'Three', T0 + 2)).toBe(false);
  });

  it('queue, verifying and assigned lists', async () => {
    const store = await fresh();
    for (const id of ['q1', 'q2', 'off', 'v', 'acc', 'closed']) await conversation(store, id, `s:${id}`);
    await store.patchConversation('q2', { handoff: 'queued', state: 'queued', queuedAt: T0 + 1 }, T0);
    await store.patchConversation('q1', { handoff: 'queued', state: 'queued', queuedAt: T0 + 2 }, T0);
    await store.patchConversation('off', { handoff: 'offline', queuedAt: T0 + 3 }, T0);
    await store.patchConversation('v', { handoff: 'verification_required' }, T0);
    await store.patchConversation('acc', { handoff: 'accepted', operatorId: 'op' }, T0);
    await store.patchConversation('closed', { handoff: 'queued', state: 'closed', queuedAt: T0 }, T0);
    expect((await store.queue()).map((c) => c.id)).toEqual(['q2', 'q1', 'off']);
    expect((await store.verifying()).map((c) => c.id)).toEqual(['v']);
    expect((await store.assigned()).map((c) => c.id)).toEqual(['acc']);
  });

  it('queue: urgent conversations come first, each group oldest first; priority, note and avatar round-trip', async () => {
    const store = await fresh();
    for (const id of ['n1', 'n2', 'u1', 'u2']) await conversation(store, id, `s:${id}`);
    await store.patchConversation('n1', { handoff: 'queued', state: 'queued', queuedAt: T0 + 1 }, T0);
    await store.patchConversation('n2', { handoff: 'queued', state: 'queued', queuedAt: T0 + 2 }, T0);
    await store.patchConversation('u2', { handoff: 'queued', state: 'queued', queuedAt: T0 + 4, priority: 'urgent' }, T0);
    await store.patchConversation(
      'u1',
      { handoff: 'queued', state: 'queued', queuedAt: T0 + 3, priority: 'urgent', priorityReason: 'fraud' },
      T0,
    );
    expect((await store.queue()).map((c) => c.id)).toEqual(['u1', 'u2', 'n1', 'n2']);
    await store.patchConversation('n1', { handoffNote: 'I was charged twice', operatorAvatar: 'https://cdn.example/a.png' }, T0 + 5);
    expect(await store.conversation('n1')).toMatchObject({
      priority: 'normal',
      handoffNote: 'I was charged twice',
      operatorAvatar: 'https://cdn.example/a.png',
    });
    expect(await store.conversation('u1')).toMatchObject({ priority: 'urgent', priorityReason: 'fraud' });
    await store.patchConversation('u1', { priority: 'normal', priorityReason: null }, T0 + 6);
    expect((await store.queue()).map((c) => c.id)).toEqual(['u2', 'n1', 'n2', 'u1']);
  });
}

function extras(fresh: () => Promise<ChatStore>): void {
  it('uploads and ratings round-trip', async () => {
    const store = await fresh();
    const up = { id: 'f1', owner: 's1', name: 'a.png', mimeType: 'image/png', size: 42, createdAt: T0 };
    await store.insertUpload(up);
    expect(await store.upload('f1')).toEqual(up);
    expect(await store.upload('nope')).toBeUndefined();
    expect(await store.lastRating('c1')).toBeUndefined();
    await store.insertRating('c1', 4, null, T0);
    await store.insertRating('c1', 5, 'great', T0);
    expect(await store.lastRating('c1')).toEqual({ score: 5, comment: 'great' });
  });

  it('challenges: a new one replaces the pending one; attempts are compare-and-set', async () => {
    const store = await fresh();
    const base = {
      conversationId: 'c1',
      sessionId: 's1',
      userKey: 'u:1',
      remote: '10.0.0.1',
      destination: '447700900123',
      codeHash: 'ab'.repeat(32),
      attemptsLeft: 3,
      expiresAt: T0 + 1000,
      resendAt: T0 + 30,
      createdAt: T0,
    };
    await store.insertChallenge({ ...base, id: 'vc1' });
    await store.insertChallenge({ ...base, id: 'vc2', createdAt: T0 + 1 });
    expect((await store.challenge('vc1'))!.status).toBe('replaced');
    expect(await store.pendingChallenge('c1')).toEqual({ ...base, id: 'vc2', createdAt: T0 + 1, status: 'pending' });
    const racing = await Promise.all([store.updateChallenge('vc2', 3, 2, 'pending'), store.updateChallenge('vc2', 3, 2, 'pending')]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect((await store.challenge('vc2'))!.attemptsLeft).toBe(2);
    expect(await store.updateChallenge('vc2', 3, 1, 'pending')).toBe(false); // stale read
    expect(await store.updateChallenge('vc2', 2, 2, 'passed')).toBe(true);
    expect(await store.updateChallenge('vc2', 2, 1, 'pending')).toBe(false); // no longer pending
    expect(await store.pendingChallenge('c1')).toBeUndefined();
    expect((await store.lastChallenge('c1'))!).toMatchObject({ id: 'vc2', status: 'passed', attemptsLeft: 2 });
    expect(await store.challenge('nope')).toBeUndefined();
    // The hourly limits count by session and by user.
    await store.insertChallenge({ ...base, id: 'vc3', conversationId: 'c2', sessionId: 's2', createdAt: T0 + 5 });
    expect(await store.challengeTimes({ sessionId: 's1' }, T0)).toEqual([T0, T0 + 1]);
    expect(await store.challengeTimes({ userKey: 'u:1' }, T0 + 1)).toEqual([T0 + 1, T0 + 5]);
    expect(await store.challengeTimes({ sessionId: 'nobody' }, 0)).toEqual([]);
    expect(await store.challengeTimes({ remote: '10.0.0.1' }, T0)).toEqual([T0, T0 + 1, T0 + 5]);
    expect(await store.challengeTimes({ destination: '447700900123' }, T0 + 2)).toEqual([T0 + 5]);
  });
}

function contacts(fresh: () => Promise<ChatStore>): void {
  it('contacts round-trip; one left for the current wait puts its conversation first, also once queued (shift start)', async () => {
    const store = await fresh();
    for (const id of ['a', 'b', 'old']) await conversation(store, id, `s:${id}`);
    await store.patchConversation('a', { handoff: 'offline', queuedAt: T0 + 1 }, T0);
    await store.patchConversation('b', { handoff: 'offline', queuedAt: T0 + 2 }, T0);
    await store.patchConversation('old', { handoff: 'offline', queuedAt: T0 + 3 }, T0);
    expect(await store.contact('b')).toBeUndefined();
    const row = {
      conversationId: 'b',
      email: 'ann@example.com',
      phone: null,
      callbackWindow: null,
      note: 'card blocked',
      queuedAt: T0 + 2,
      createdAt: T0 + 5,
    };
    await store.saveContact(row);
    expect(await store.contact('b')).toEqual(row);
    // A contact of an earlier wait (another queuedAt) does not count.
    await store.saveContact({ ...row, conversationId: 'old', queuedAt: T0 - 100 });
    expect((await store.queue()).map((c) => c.id)).toEqual(['b', 'a', 'old']);
    // The shift starts: handoff and state change, queuedAt stays, so b stays first.
    await store.patchConversation('a', { handoff: 'queued', state: 'queued' }, T0 + 10);
    await store.patchConversation('b', { handoff: 'queued', state: 'queued' }, T0 + 10);
    expect((await store.queue()).map((c) => c.id)).toEqual(['b', 'a', 'old']);
    // Saving again replaces; after an accept the conversation leaves the queue.
    await store.saveContact({ ...row, phone: '+442079460018', email: null });
    expect(await store.contact('b')).toMatchObject({ phone: '+442079460018', email: null });
    expect(await store.assign('b', 'op', 'Op', T0 + 20)).toBe(true);
    expect((await store.queue()).map((c) => c.id)).toEqual(['a', 'old']);
  });
}
