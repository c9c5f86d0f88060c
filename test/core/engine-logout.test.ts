/**
 * Logout and identity refresh in the engine, over the memory transport and a real persistence:
 * the session is revoked at the backend before the local data is wiped; offline the token is just
 * forgotten; `identityExpiring` warns before the signature expires and `refreshIdentity` hands the
 * new one to the transport and to every later connect.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { createMemoryStore, createPersistence, type KeyValueStore } from '../../src/core/persistence';
import { IDENTITY_WARNING_MS } from '../../src/core/engine/session-end';
import type { SessionSnapshot } from '../../src/core/transport';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';

const chats: Chat[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
});

/** A chat over a memory transport whose session and messages are saved to `store`. */
async function savedChat(store: KeyValueStore, order: string[], transport: MemoryTransport = createMemoryTransport({ replyDelayMs: 0 })) {
  const persistence = createPersistence({ store, namespace: 'ns' });
  const wipe = persistence.wipe.bind(persistence);
  persistence.wipe = async () => {
    order.push('wipe');
    await wipe();
  };
  const logout = transport.logout.bind(transport);
  transport.logout = async (session?: SessionSnapshot) => {
    // What the server is asked to revoke is still on disk here: the wipe comes after.
    const saved = await createPersistence({ store, namespace: 'ns' }).load();
    order.push(`logout:${session?.sessionToken === saved.session?.sessionToken ? 'saved-token' : 'other'}`);
    return logout(session);
  };
  const chat = createChat({ transport, locale: 'en', persistence });
  chats.push(chat);
  await chat.start();
  chat.send('my card number is lost');
  await vi.waitFor(() => expect(chat.state.messages.value.some((m) => m.status === 'sent')).toBe(true));
  await chat.flush();
  return { chat, transport, persistence };
}

describe('logout', () => {
  it('revokes the session at the backend first, then destroys, then wipes everything saved', async () => {
    const store = createMemoryStore();
    const order: string[] = [];
    const { chat, transport } = await savedChat(store, order);
    await chat.logout();
    expect(order).toEqual(['logout:saved-token', 'wipe']);
    expect(chat.destroyed).toBe(true);
    expect(transport.calls.map((c) => c.method).filter((m) => m === 'logout' || m === 'disconnect')).toEqual(['logout', 'disconnect']);
    const left = await createPersistence({ store, namespace: 'ns' }).load();
    expect(left.session).toBeNull();
    expect(left.messages).toEqual([]);
  });

  it('offline: the revocation fails, endSession says so, and logout still clears the local data', async () => {
    const store = createMemoryStore();
    const order: string[] = [];
    const { chat, transport } = await savedChat(store, order);
    transport.goOffline();
    expect(await chat.endSession()).toBe(false);
    await chat.logout();
    expect(order).toEqual(['logout:saved-token', 'logout:saved-token', 'wipe']);
    expect((await createPersistence({ store, namespace: 'ns' }).load()).messages).toEqual([]);
  });

  it('a restored session is revoked too, before the chat ever connected (the token from storage)', async () => {
    const store = createMemoryStore();
    const first = await savedChat(store, []);
    const token = first.transport.snapshot().sessionToken;
    expect(token).toBeDefined();
    await first.chat.destroy();
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const chat = createChat({ transport, locale: 'en', persistence: createPersistence({ store, namespace: 'ns' }) });
    chats.push(chat);
    expect(await chat.endSession()).toBe(true);
    const call = transport.calls.find((c) => c.method === 'logout');
    expect((call!.args[0] as SessionSnapshot).sessionToken).toBe(token);
  });

  it('a transport without logout: endSession is false and logout still wipes', async () => {
    const store = createMemoryStore();
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const bare = Object.assign(Object.create(transport) as MemoryTransport, { logout: undefined });
    const chat = createChat({ transport: bare, locale: 'en', persistence: createPersistence({ store, namespace: 'ns' }) });
    chats.push(chat);
    await chat.start();
    expect(await chat.endSession()).toBe(false);
    await chat.logout();
    expect((await createPersistence({ store, namespace: 'ns' }).load()).session).toBeNull();
  });
});

describe('identity lifetime', () => {
  it('identityExpiring fires 5 minutes before the signature expires; refreshIdentity reaches the transport and later connects', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 10, 0) });
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const chat = createChat({ transport, locale: 'en', user: { id: 'u-1', hash: 'h1', hashExpires: expires } });
    chats.push(chat);
    const warned: number[] = [];
    chat.on('identityExpiring', (e) => warned.push(e.expiresAt));
    await chat.start();
    await vi.advanceTimersByTimeAsync(3600_000 - IDENTITY_WARNING_MS - 1000);
    expect(warned).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(warned).toEqual([expires]);

    const next = expires + 3600;
    await chat.refreshIdentity('h2', next);
    expect(transport.calls.find((c) => c.method === 'refreshIdentity')?.args[0]).toEqual({ hash: 'h2', hashExpires: next });
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(warned).toEqual([expires, next]);
    await expect(chat.refreshIdentity('', next)).rejects.toThrow(/not signed in/);
  });

  it('after the session ended on an expired signature (status failed), refreshIdentity connects again with the new one', async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const expires = Math.floor(Date.now() / 1000) + 60;
    const chat = createChat({ transport, locale: 'en', user: { id: 'u-1', hash: 'old', hashExpires: expires } });
    chats.push(chat);
    transport.failNextConnect();
    await chat.start();
    expect(chat.state.connection.value).toBe('failed');
    await chat.refreshIdentity('new', expires + 600);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const connects = transport.calls.filter((c) => c.method === 'connect');
    expect((connects.at(-1)!.args[0] as { user: { hash: string } }).user.hash).toBe('new');
  });

  it('an anonymous chat has no identity to refresh', async () => {
    const chat = createChat({ transport: createMemoryTransport({ replyDelayMs: 0 }), locale: 'en' });
    chats.push(chat);
    await expect(chat.refreshIdentity('h', 1)).rejects.toThrow(/not signed in/);
  });
});
