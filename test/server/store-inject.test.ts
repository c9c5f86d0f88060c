import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/protocol/frames';
import type { ChatStore } from '../../server/db/chat-store';
import { SqliteStore } from '../../server/db/sqlite-store';
import { Customer, testServer } from './customer';

const stores: ChatStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function injected(): ChatStore {
  const s = new SqliteStore(':memory:');
  stores.push(s);
  return s;
}

/** The SQLite store with a little latency on every call, like a networked engine: awaits really interleave. */
function slow(store: ChatStore): ChatStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'close') return value;
      return async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const handoffs = (frames: ServerFrame[]) => frames.filter((f) => f.t === 'event' && f.event.type === 'handoff');

describe('startServer({ store })', () => {
  it('serves from the injected store and leaves it open on close', async () => {
    const store = injected();
    const server = await testServer({ store, verification: false });
    const { c, welcome } = await Customer.connect(server);
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'k1', text: 'hello' });
    await c.close();
    await server.close();
    expect((await store.messageByClientId(welcome.conversationId, 'k1'))!.parts).toEqual([{ kind: 'text', text: 'hello' }]);
  });

  it('two hellos of one identified user at once share one conversation', async () => {
    const server = await testServer({ store: slow(injected()) });
    const exp = Math.floor(Date.now() / 1000) + 600;
    const user = { id: 'u-race', hash: server.signIdentity('u-race', exp), hashExpires: exp };
    const [a, b] = await Promise.all([Customer.connect(server, { user }), Customer.connect(server, { user })]);
    expect(a.welcome.conversationId).toBe(b.welcome.conversationId);
    await Promise.all([a.c.close(), b.c.close()]);
    await server.close();
  });

  it('handoff requests racing from two tabs start one handoff; same clientId from both tabs stores one message', async () => {
    const server = await testServer({ store: slow(injected()), verification: false });
    const a = await Customer.connect(server);
    const b = await Customer.connect(server, { token: a.welcome.sessionToken });
    const conversationId = a.welcome.conversationId;
    const sends = await Promise.all([a.c, b.c].map((c) => c.request({ t: 'send', conversationId, clientId: 'same', text: 'hi' })));
    expect(sends[0]).toMatchObject({ t: 'ack' });
    expect((sends[0] as { seq: number }).seq).toBe((sends[1] as { seq: number }).seq);
    await Promise.all([a.c, b.c].map((c) => c.request({ t: 'handoff.request', conversationId })));
    await a.c.waitFor((f) => f.t === 'event' && f.event.type === 'handoff');
    await new Promise((r) => setTimeout(r, 50));
    expect(handoffs(a.c.frames)).toHaveLength(1);
    await Promise.all([a.c.close(), b.c.close()]);
    await server.close();
  });
});
