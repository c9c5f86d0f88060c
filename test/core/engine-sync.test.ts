import { afterEach, describe, expect, it, vi } from 'vitest';
import { botMessage, flush } from './chat-helpers';
import { engineOver, own } from './engine-helpers';
import { createSync } from '../../src/core/engine/sync';
import { upsertMessage } from '../../src/core/message-list';
import type { ChatMessage } from '../../src/core/model';

afterEach(() => {
  vi.useRealTimers();
});

const setup = () => {
  const { engine, t, errors } = engineOver();
  const added: ChatMessage[] = [];
  const addMessage = (m: ChatMessage) => {
    added.push(m);
    engine.s.messages.value = upsertMessage(engine.s.messages.peek(), m).list;
  };
  const sync = createSync(engine, { addMessage });
  const ids = () => engine.s.messages.value.map((m) => m.seq ?? m.clientId);
  return { engine, t, errors, sync, added, ids };
};

describe('engine: sync', () => {
  it('a silent resync (first visit) merges without news; a loud one announces each message', async () => {
    const { t, sync, added, ids } = setup();
    t.history.push({ messages: [botMessage(1)], hasMore: false }, { messages: [botMessage(1), botMessage(2)], hasMore: false });
    await sync.resync(true);
    expect(added).toEqual([]);
    await sync.resync(false);
    expect(added.map((m) => m.seq)).toEqual([1, 2]);
    expect(ids()).toEqual([1, 2]);
  });

  it('a page that does not reach the cache replaces older cached messages; unsent ones stay', async () => {
    const { engine, t, sync, ids } = setup();
    engine.s.messages.value = [{ ...botMessage(1), status: 'sent' }, own('c-1')];
    t.history.push({ messages: [botMessage(50), botMessage(51)], before: '50', hasMore: true });
    await sync.resync(false);
    expect(ids()).toEqual([50, 51, 'c-1']);
    expect(engine.s.hasMoreHistory.value).toBe(true);
    expect(engine.historyCursor).toBe('50');
  });

  it('a lost answer is reported once, owed, and retried with backoff', async () => {
    vi.useFakeTimers();
    const { engine, t, sync, errors, ids } = setup();
    let calls = 0;
    const real = t.fetchHistory!;
    t.fetchHistory = (q) => (++calls <= 2 ? Promise.reject(new Error('lost')) : real(q));
    t.history.push({ messages: [botMessage(7)], hasMore: false });
    await sync.resync(false);
    expect(engine.resyncWanted).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000); // attempt 0: at most 1 s
    await vi.advanceTimersByTimeAsync(2_000); // attempt 1: at most 2 s
    expect(calls).toBe(3);
    expect(errors).toHaveLength(1);
    expect(engine.resyncWanted).toBe(false);
    expect(ids()).toEqual([7]);
    sync.stop();
  });

  it('loadOlder pages back from the cursor, only while there is more', async () => {
    const { engine, t, sync, ids } = setup();
    const queries: unknown[] = [];
    const real = t.fetchHistory!;
    t.fetchHistory = (q) => {
      queries.push(q);
      return real(q);
    };
    await sync.loadOlder(); // nothing more: no request
    expect(queries).toEqual([]);
    engine.s.messages.value = [{ ...botMessage(50), status: 'sent' }];
    engine.s.hasMoreHistory.value = true;
    engine.historyCursor = '50';
    t.history.push({ messages: [botMessage(48), botMessage(49)], before: '48', hasMore: false });
    await sync.loadOlder();
    expect(queries).toEqual([{ before: '50', limit: 50 }]);
    expect(ids()).toEqual([48, 49, 50]);
    expect(engine.s.hasMoreHistory.value).toBe(false);
    expect(engine.historyCursor).toBe('48');
  });

  it('does nothing after destroy or without fetchHistory', async () => {
    const { engine, t, sync, ids } = setup();
    engine.destroyed = true;
    t.history.push({ messages: [botMessage(1)], hasMore: false });
    await sync.resync(false);
    await flush();
    expect(ids()).toEqual([]);
  });
});
