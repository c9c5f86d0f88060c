// @vitest-environment happy-dom
/**
 * The stored history's budget (`historyLimit`): saves keep the newest messages within it, a store
 * longer than it (10,000 messages saved by an older version) is cut when loaded, and unsent
 * messages are never dropped, wherever they are in the list.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createPersistence, HISTORY_LIMIT, trimForStorage } from '../../src/core/persistence';
import type { ChatMessage } from '../../src/core/model';
import { checkKnownKeys } from '../../src/embed/option-checks';
import { resolveOptions } from '../../src/embed/options';
import { createMemoryTransport } from '../../src/transports/memory';

const NS = 'support-chat:v1:test:anon:default';

function msg(i: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m_${i}`,
    from: { id: 'bot', role: 'bot', name: 'Bot' },
    parts: [{ kind: 'text', text: `hello ${i}` }],
    createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    seq: i,
    status: 'sent',
    ...extra,
  };
}
const unsent = (id: string, status: ChatMessage['status'] = 'queued'): ChatMessage => ({
  ...msg(0, { id, clientId: id, status, from: { id: 'me', role: 'user' } }),
  seq: undefined,
});

describe('history budget', () => {
  it('is 1,000 messages by default', () => {
    expect(HISTORY_LIMIT).toBe(1000);
  });

  it('a 10,000-message store is trimmed on load to the budget, unsent messages kept', async () => {
    const store = createMemoryStore();
    const history = Array.from({ length: 10_000 }, (_, i) => msg(i + 1));
    // An unsent message stored in the middle (written so by another version) and one at the end.
    history.splice(5_000, 0, unsent('c_mid', 'failed'));
    const doc = { v: 1, messages: [...history, unsent('c_end')] };
    await store.set(`${NS}:messages`, JSON.stringify(doc));
    const loaded = await createPersistence({ store, namespace: NS, historyLimit: 300 }).load();
    expect(loaded.messages).toHaveLength(302);
    expect(loaded.messages.filter((m) => m.clientId === undefined).map((m) => m.seq)).toEqual(
      Array.from({ length: 300 }, (_, i) => 9_701 + i),
    );
    expect(loaded.messages.map((m) => m.clientId).filter(Boolean)).toEqual(['c_mid', 'c_end']);
    // The default budget applies without the option.
    expect((await createPersistence({ store, namespace: NS }).load()).messages).toHaveLength(1_002);
  });

  it('a save keeps the budget; the next load reads it back as it was', async () => {
    const store = createMemoryStore();
    const p = createPersistence({ store, namespace: NS, historyLimit: 50 });
    const list = [...Array.from({ length: 200 }, (_, i) => msg(i + 1)), unsent('c_1')];
    await p.saveMessages(list);
    const stored = JSON.parse((await store.get(`${NS}:messages`))!) as { messages: ChatMessage[] };
    expect(stored.messages).toHaveLength(51);
    expect(stored.messages[0]!.seq).toBe(151);
    expect((await p.load()).messages).toEqual(stored.messages);
  });

  it('trimming keeps every unsent message, even with a budget of 0', () => {
    const list = [unsent('c_a', 'failed'), msg(1), msg(2), unsent('c_b', 'sending')];
    expect(trimForStorage(list, 0).map((m) => m.id)).toEqual(['c_a', 'c_b']);
    expect(trimForStorage(list, 1).map((m) => m.id)).toEqual(['c_a', 'm_2', 'c_b']);
    expect(trimForStorage(list, 5)).toEqual(list);
  });

  it('is an option of the widget, checked', () => {
    expect(() => checkKnownKeys({ historyLimit: 10 })).not.toThrow();
    const transport = createMemoryTransport({ bot: false });
    expect(resolveOptions({ transport, historyLimit: 20 }, document).historyLimit).toBe(20);
    expect(resolveOptions({ transport }, document).historyLimit).toBe(1000);
    expect(() => resolveOptions({ transport, historyLimit: -1 }, document)).toThrow(/historyLimit/);
    expect(() => resolveOptions({ transport, historyLimit: 1.5 }, document)).toThrow(/historyLimit/);
  });
});
