import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { CloseCode } from '../../src/transports/swp/frames';
import { Customer, testServer } from './customer';

let server: RunningServer;
const NOW = Date.UTC(2026, 0, 5, 10, 0);
const future = NOW / 1000 + 3600;
beforeEach(async () => {
  server = await testServer({ identitySecret: 'test-secret', now: () => NOW });
});
afterEach(async () => {
  await server.close();
});

function user(id: string, expires = future, hash = server.signIdentity(id, expires)) {
  return { user: { id, hash, hashExpires: expires, name: 'Ivan' } };
}

describe('identity', () => {
  it('accepts a valid hash: the user is verified and finds their conversation from another device', async () => {
    const a = await Customer.connect(server, user('u-1'));
    expect(a.welcome.user).toEqual({ id: 'u-1', role: 'user', verified: true });
    await a.c.request({ t: 'send', conversationId: a.welcome.conversationId, clientId: 'x', text: 'from the phone' });
    const b = await Customer.connect(server, user('u-1'));
    expect(b.welcome.conversationId).toBe(a.welcome.conversationId);
    expect(b.welcome.sessionToken).not.toBe(a.welcome.sessionToken);
    const page = (await b.c.request({ t: 'history', conversationId: b.welcome.conversationId })) as {
      messages: Array<{ clientId?: string }>;
    };
    expect(page.messages.some((m) => m.clientId === 'x')).toBe(true);
    await a.c.close();
    await b.c.close();
  });

  it.each([
    ['a wrong hash', () => user('u-1', future, 'f'.repeat(64))],
    ['a hash of another user', () => user('u-1', future, server.signIdentity('u-2', future))],
    ['an expired hash', () => user('u-1', NOW / 1000 - 1)],
    ['a missing hash', () => ({ user: { id: 'u-1' } })],
  ])('refuses %s with error auth and close 4401', async (_name, hello) => {
    const c = await Customer.open(server);
    const reply = await c.request({ t: 'hello', client: { sdk: 't', locale: 'en' }, ...hello() });
    expect(reply).toMatchObject({ t: 'error', error: { code: 'auth' } });
    expect(await c.closed).toBe(CloseCode.AUTH);
    expect(c.frames.some((f) => f.t === 'welcome')).toBe(false);
  });

  it('never opens user B’s conversation with user A’s session token (4403)', async () => {
    const a = await Customer.connect(server, user('alice'));
    const b = await Customer.connect(server, user('bob'));
    await a.c.close();
    // A's token resuming B's conversation.
    const resume = await Customer.open(server);
    const r2 = await resume.request({
      t: 'hello',
      token: a.welcome.sessionToken,
      resume: { conversationId: b.welcome.conversationId, cursor: '0' },
    });
    expect(r2).toMatchObject({ t: 'error', error: { code: 'forbidden' } });
    expect(await resume.closed).toBe(CloseCode.FORBIDDEN);
    // A's session sending into B's conversation.
    const a2 = await Customer.connect(server, { token: a.welcome.sessionToken });
    const nack = await a2.c.request({ t: 'send', conversationId: b.welcome.conversationId, clientId: 'evil', text: 'hi' });
    expect(nack).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
    const hist = await a2.c.request({ t: 'history', conversationId: b.welcome.conversationId });
    expect(hist).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
    await a2.c.close();
    // A's token with B's signed identity: a user switch on this device. B gets a new session (A's is
    // revoked, see session-lifetimes.test.ts), never A's conversation.
    const switched = await Customer.connect(server, { token: a.welcome.sessionToken, ...user('bob') });
    expect(switched.welcome.conversationId).toBe(b.welcome.conversationId);
    expect(switched.welcome.sessionToken).not.toBe(a.welcome.sessionToken);
    await switched.c.close();
    await b.c.close();
  });

  it('an anonymous session token resumes the same session and conversation', async () => {
    const a = await Customer.connect(server);
    await a.c.close();
    const again = await Customer.connect(server, { token: a.welcome.sessionToken });
    expect(again.welcome.sessionId).toBe(a.welcome.sessionId);
    expect(again.welcome.conversationId).toBe(a.welcome.conversationId);
    expect(again.welcome.user.verified).toBe(false);
    await again.c.close();
  });
});
