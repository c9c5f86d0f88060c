/**
 * Session lifetimes on a real server (WebSocket + HTTP) with a clock the test moves: idle and
 * absolute expiry, the identity signature's maximum lifetime (the year-318,000 case), a signed-in
 * session ending with its signature unless refreshed, and token rotation on identity change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { CloseCode } from '../../src/transports/swp/frames';
import { Customer, testServer } from './customer';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0);
let now = T0;
let server: RunningServer;
async function start(o: ServerOptions = {}): Promise<void> {
  now = T0;
  server = await testServer({ identitySecret: 'test-secret', verification: false, now: () => now, ...o });
}
afterEach(async () => {
  await server.close();
});

const unix = (ms: number) => Math.floor(ms / 1000);
function user(id: string, expiresUnix = unix(now) + 3600) {
  return { user: { id, hash: server.signIdentity(id, expiresUnix), hashExpires: expiresUnix, name: 'Ivan' } };
}
const get = (token: string, path: string) => fetch(`${server.url}/swp/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });

describe('anonymous sessions expire', () => {
  it('an idle token is refused like an unknown one: a hello with it starts a fresh, empty session', async () => {
    await start({ sessionIdleMs: 30 * DAY, sessionMaxAgeMs: 90 * DAY });
    const a = await Customer.connect(server);
    await a.c.close();
    now += 29 * DAY;
    const used = await Customer.connect(server, { token: a.welcome.sessionToken });
    expect(used.welcome.sessionId).toBe(a.welcome.sessionId);
    await used.c.close();
    now += 30 * DAY + 1;
    expect((await get(a.welcome.sessionToken, '/conversations')).status).toBe(401);
    const fresh = await Customer.connect(server, {
      token: a.welcome.sessionToken,
      resume: { conversationId: a.welcome.conversationId, cursor: '1' },
    });
    expect(fresh.welcome.sessionId).not.toBe(a.welcome.sessionId);
    expect(fresh.welcome.conversationId).not.toBe(a.welcome.conversationId);
    expect(fresh.welcome.resumed).toBe(false);
    await fresh.c.close();
  });

  it('a busy token still ends at the absolute lifetime; HTTP use counts as use', async () => {
    await start({ sessionIdleMs: 2 * DAY, sessionMaxAgeMs: 5 * DAY });
    const a = await Customer.connect(server);
    await a.c.close();
    for (let d = 1; d <= 4; d++) {
      now = T0 + d * DAY;
      expect((await get(a.welcome.sessionToken, '/conversations')).status).toBe(200);
    }
    now = T0 + 5 * DAY;
    expect((await get(a.welcome.sessionToken, '/conversations')).status).toBe(401);
  });

  it('a live socket whose session expires is closed (not 4401), so the widget reconnects into a fresh session', async () => {
    await start({ sessionIdleMs: DAY, sessionMaxAgeMs: 2 * DAY, sessionRecheckMs: 50 });
    const a = await Customer.connect(server);
    now += 2 * DAY;
    expect(await a.c.closed).toBe(CloseCode.GOING_AWAY);
  });
});

describe('identity signatures', () => {
  it.each([
    ['the year 318,000', 1e13 - 1],
    ['25 hours ahead', unix(T0) + 25 * 3600],
  ])('refuses an expiry too far ahead (%s) with auth / 4401', async (_name, expires) => {
    await start();
    const c = await Customer.open(server);
    const reply = await c.request({ t: 'hello', client: { sdk: 't', locale: 'en' }, ...user('u-1', expires) });
    expect(reply).toMatchObject({ t: 'error', error: { code: 'auth', message: expect.stringContaining('too far ahead') } });
    expect(await c.closed).toBe(CloseCode.AUTH);
  });

  it('the maximum lifetime is a setting', async () => {
    await start({ identityMaxLifetimeMs: 7 * DAY });
    const a = await Customer.connect(server, user('u-1', unix(T0) + 6 * 24 * 3600));
    expect(a.welcome.user.verified).toBe(true);
    await a.c.close();
  });

  it('a signed-in session ends when its signature expires: the socket closes 4401 and the token is refused', async () => {
    await start({ sessionRecheckMs: 50 });
    const a = await Customer.connect(server, user('u-1', unix(T0) + 600));
    expect((await get(a.welcome.sessionToken, '/conversations')).status).toBe(200);
    now = T0 + 601_000;
    expect(await a.c.closed).toBe(CloseCode.AUTH);
    expect(a.c.frames.some((f) => f.t === 'error' && /identity expired/.test(f.error.message))).toBe(true);
    expect((await get(a.welcome.sessionToken, '/conversations')).status).toBe(401);
  });

  it('a refreshed signature (identity frame or HTTP) keeps the session past the first expiry', async () => {
    await start({ sessionRecheckMs: 50 });
    const a = await Customer.connect(server, user('u-1', unix(T0) + 600));
    const token = a.welcome.sessionToken;
    const next = unix(T0) + 1200;
    expect(await a.c.request({ t: 'identity', hash: 'f'.repeat(64), hashExpires: next })).toMatchObject({
      t: 'nack',
      error: { code: 'auth' },
    });
    expect(await a.c.request({ t: 'identity', hash: server.signIdentity('u-1', next), hashExpires: next })).toMatchObject({ t: 'ack' });
    now = T0 + 900_000;
    expect((await get(token, '/conversations')).status).toBe(200);
    const later = unix(now) + 1200;
    const res = await fetch(`${server.url}/swp/v1/sessions/identity`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ hash: server.signIdentity('u-1', later), hashExpires: later }),
    });
    expect(res.status).toBe(204);
    now = T0 + 1_500_000;
    expect((await get(token, '/conversations')).status).toBe(200);
    expect(a.c.closeCode).toBeUndefined();
    await a.c.close();
  });

  it('an anonymous session has no identity to refresh', async () => {
    await start();
    const a = await Customer.connect(server);
    const exp = unix(now) + 600;
    expect(await a.c.request({ t: 'identity', hash: server.signIdentity('x', exp), hashExpires: exp })).toMatchObject({
      t: 'nack',
      error: { code: 'invalid' },
    });
    await a.c.close();
  });
});

describe('tokens rotate on identity change', () => {
  it('signing in yields a new token and revokes the anonymous one; switching user does the same', async () => {
    await start();
    const anon = await Customer.connect(server);
    const signedIn = await Customer.connect(server, { token: anon.welcome.sessionToken, ...user('alice') });
    expect(signedIn.welcome.sessionToken).not.toBe(anon.welcome.sessionToken);
    expect(signedIn.welcome.user).toEqual({ id: 'alice', role: 'user', verified: true });
    expect(await anon.c.closed).toBe(CloseCode.AUTH);
    expect((await get(anon.welcome.sessionToken, '/conversations')).status).toBe(401);

    const bob = await Customer.connect(server, { token: signedIn.welcome.sessionToken, ...user('bob') });
    expect(bob.welcome.user.id).toBe('bob');
    expect(bob.welcome.conversationId).not.toBe(signedIn.welcome.conversationId);
    expect(await signedIn.c.closed).toBe(CloseCode.AUTH);
    expect((await get(signedIn.welcome.sessionToken, '/conversations')).status).toBe(401);
    await bob.c.close();
  });

  it('the same user signing in again with a fresh signature keeps the token', async () => {
    await start();
    const a = await Customer.connect(server, user('alice'));
    await a.c.close();
    now += 1000;
    const again = await Customer.connect(server, { token: a.welcome.sessionToken, ...user('alice') });
    expect(again.welcome.sessionToken).toBe(a.welcome.sessionToken);
    await again.c.close();
  });
});
