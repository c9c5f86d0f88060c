// The chat engine's logout and identity refresh over both SWP/1 transports and the real reference
// server: the token is revoked at the server (the server then refuses it), over the socket when
// online and over HTTP when not; a refreshed signature keeps a signed-in session past its expiry.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createChat, type Chat } from '../../src/core/chat';
import { createMemoryStore, createPersistence } from '../../src/core/persistence';
import type { Transport } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import { startServer } from '../../server/app';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let now = Date.now();

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    verification: false,
    identitySecret: 'logout-test',
    sessionRecheckMs: 50,
    now: () => now,
  });
});
afterAll(async () => {
  await server?.close();
});

const transports: Array<[string, () => Transport]> = [
  [
    'websocket',
    () =>
      createWebSocketTransport({
        url: server.url,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { minDelayMs: 50, maxDelayMs: 200 },
      }),
  ],
  ['http', () => createHttpTransport({ baseUrl: server.url, pollWaitSeconds: 1, reconnect: { minDelayMs: 50, maxDelayMs: 200 } })],
];

const texts = (chat: Chat) => chat.state.messages.value.flatMap((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')));
const status = async (token: string) =>
  (await fetch(`${server.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe.each(transports)('logout over %s', (_name, make) => {
  it('revokes the token at the server before the local data is wiped', async () => {
    const store = createMemoryStore();
    const transport = make();
    const chat = createChat({ transport, locale: 'en', persistence: createPersistence({ store, namespace: 'n' }) });
    await chat.start();
    const token = transport.snapshot().sessionToken!;
    expect(await status(token)).toBe(200);
    await chat.logout();
    expect(await status(token)).toBe(401);
    expect((await createPersistence({ store, namespace: 'n' }).load()).session).toBeNull();
    expect(transport.snapshot().sessionToken).toBeUndefined();
  });

  it('a session restored from storage and never connected is revoked too (over HTTP)', async () => {
    const first = make();
    const store = createMemoryStore();
    const chat1 = createChat({ transport: first, locale: 'en', persistence: createPersistence({ store, namespace: 'n' }) });
    await chat1.start();
    const token = first.snapshot().sessionToken!;
    await chat1.flush();
    await chat1.destroy();
    const chat2 = createChat({ transport: make(), locale: 'en', persistence: createPersistence({ store, namespace: 'n' }) });
    expect(await chat2.endSession()).toBe(true);
    expect(await status(token)).toBe(401);
    await chat2.destroy();
  });

  it('a refreshed identity keeps the signed-in session past the first signature', async () => {
    now = Date.now();
    const exp = Math.floor(now / 1000) + 600;
    const user = { id: `u-${_name}`, hash: server.signIdentity(`u-${_name}`, exp), hashExpires: exp };
    const transport = make();
    const chat = createChat({ transport, locale: 'en', user });
    await chat.start();
    const token = transport.snapshot().sessionToken!;
    const next = exp + 1200;
    await chat.refreshIdentity(server.signIdentity(user.id, next), next);
    now += 900_000;
    expect(await status(token)).toBe(200);
    now += 1_000_000;
    expect(await status(token)).toBe(401);
    now = Date.now();
    await chat.destroy();
  });

  it('an expired anonymous session: the next start opens a fresh one, and its history is gone on screen and on disk', async () => {
    now = Date.now();
    const store = createMemoryStore();
    const first = make();
    const chat1 = createChat({ transport: first, locale: 'en', persistence: createPersistence({ store, namespace: 'x' }) });
    await chat1.start();
    chat1.send('my old secret question');
    await vi.waitFor(() => expect(chat1.state.messages.value.find((m) => m.clientId !== undefined)?.status).toMatch(/sent|delivered|read/));
    const oldToken = first.snapshot().sessionToken;
    await chat1.flush();
    await chat1.destroy();

    now += 31 * 86_400_000; // past the idle lifetime (30 days)
    const second = make();
    const chat2 = createChat({ transport: second, locale: 'en', persistence: createPersistence({ store, namespace: 'x' }) });
    await chat2.restore();
    expect(texts(chat2)).toContain('my old secret question'); // what was saved, until the server answers
    await chat2.start();
    expect(second.snapshot().sessionToken).not.toBe(oldToken);
    expect(texts(chat2)).not.toContain('my old secret question');
    await chat2.flush();
    const saved = await createPersistence({ store, namespace: 'x' }).load();
    expect(saved.messages.flatMap((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : '')))).not.toContain('my old secret question');
    now = Date.now();
    await chat2.destroy();
  });

  it('updateProfile: a new language reaches the bot, which answers in it from its next reply', async () => {
    now = Date.now();
    const transport = make();
    const chat = createChat({ transport, locale: 'en' });
    await chat.start();
    await chat.updateProfile({ locale: 'ru', user: { name: 'Ivan' } });
    chat.send('hello');
    await vi.waitFor(() => expect(texts(chat).some((t) => /[а-яё]/i.test(t))).toBe(true), { timeout: 10_000 });
    await chat.destroy();
  });

  it('updateProfile before the connection: the first hello carries the new language', async () => {
    now = Date.now();
    const transport = make();
    const chat = createChat({ transport, locale: 'en' });
    await chat.updateProfile({ locale: 'ru' });
    await chat.start();
    chat.send('hello');
    await vi.waitFor(() => expect(texts(chat).some((t) => /[а-яё]/i.test(t))).toBe(true), { timeout: 10_000 });
    await chat.destroy();
  });

  it('a signed-in session ended by its expired signature (status failed) comes back with refreshIdentity', async () => {
    now = Date.now();
    const id = `late-${_name}`;
    const exp = Math.floor(now / 1000) + 60;
    const transport = make();
    const chat = createChat({ transport, locale: 'en', user: { id, hash: server.signIdentity(id, exp), hashExpires: exp } });
    await chat.start();
    now += 61_000; // the signature expired: the server ends the session (socket 4401 / next poll 401)
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('failed'), { timeout: 10_000 });
    const next = Math.floor(now / 1000) + 3600;
    await chat.refreshIdentity(server.signIdentity(id, next), next);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'), { timeout: 10_000 });
    expect(await status(transport.snapshot().sessionToken!)).toBe(200);
    now = Date.now();
    await chat.destroy();
  });
});
