/**
 * Logout revokes a customer session on the server (WebSocket frame and HTTP route): the token is
 * refused everywhere afterwards (hello starts afresh without the old conversation, HTTP routes,
 * long-poll, uploads) and every socket of the session is closed. Real WebSocket and HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { CloseCode } from '../../src/transports/swp/frames';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer;
beforeEach(async () => {
  server = await testServer({ verification: false });
});
afterEach(async () => {
  await server.close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function api(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/swp/v1${path}`, {
    method: 'POST',
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

function upload(token: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
  return fetch(`${server.url}/swp/v1/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
}

/** Every way the token could still be used is refused; a hello with it opens a new, empty session. */
async function expectRefusedEverywhere(token: string, conversationId: string, sessionId: string): Promise<void> {
  expect(
    (await api(token, `/conversations/${conversationId}/messages`, { body: JSON.stringify({ clientId: 'late', text: 'x' }) })).status,
  ).toBe(401);
  expect((await api(token, `/conversations/${conversationId}/messages`, { method: 'GET' })).status).toBe(401);
  expect((await api(token, `/conversations/${conversationId}/events?after=0&wait=0`, { method: 'GET' })).status).toBe(401);
  expect((await api(token, '/conversations', { method: 'GET' })).status).toBe(401);
  expect((await upload(token)).status).toBe(401);
  expect((await api(token, '/sessions/logout')).status).toBe(401);
  const again = await Customer.connect(server, { token, resume: { conversationId, cursor: '1' } });
  expect(again.welcome.sessionId).not.toBe(sessionId);
  expect(again.welcome.sessionToken).not.toBe(token);
  expect(again.welcome.conversationId).not.toBe(conversationId);
  expect(again.welcome.conversations?.map((c) => c.id)).not.toContain(conversationId);
  const history = await again.c.request({ t: 'history', conversationId });
  expect(history).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
  await again.c.close();
}

describe('logout', () => {
  it('over WebSocket: ack, then every socket of the session closes with 4401; the token is refused everywhere', async () => {
    const a = await Customer.connect(server);
    const { sessionToken: token, conversationId, sessionId } = a.welcome;
    await a.c.request({ t: 'send', conversationId, clientId: 'm1', text: 'my card is blocked' });
    expect((await upload(token)).status).toBe(201);
    const second = await Customer.connect(server, { token });
    expect(second.welcome.sessionId).toBe(sessionId);
    const other = await Customer.connect(server); // another visitor: untouched

    expect(await a.c.request({ t: 'logout' })).toMatchObject({ t: 'ack' });
    expect(await a.c.closed).toBe(CloseCode.AUTH);
    expect(await second.c.closed).toBe(CloseCode.AUTH);
    expect(second.c.frames.some((f) => f.t === 'error' && f.error.code === 'auth')).toBe(true);
    expect(other.c.closeCode).toBeUndefined();
    expect(await other.c.request({ t: 'conversations.list' })).toMatchObject({ t: 'ack' });

    await expectRefusedEverywhere(token, conversationId, sessionId);
    await other.c.close();
  });

  it('over HTTP: POST /sessions/logout → 204, the open socket of the session closes, the token is refused', async () => {
    const a = await Customer.connect(server);
    const { sessionToken: token, conversationId, sessionId } = a.welcome;
    const res = await api(token, '/sessions/logout');
    expect(res.status).toBe(204);
    expect(await a.c.closed).toBe(CloseCode.AUTH);
    await expectRefusedEverywhere(token, conversationId, sessionId);
  });

  it('a long-poll of the session is refused after logout; logout without a token is 401', async () => {
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
    });
    const w = (await res.json()) as { sessionToken: string; conversationId: string };
    const poll = (): Promise<Response> =>
      api(w.sessionToken, `/conversations/${w.conversationId}/events?after=0&wait=0`, { method: 'GET' });
    expect((await poll()).status).toBe(200);
    expect((await fetch(`${server.url}/swp/v1/sessions/logout`, { method: 'POST' })).status).toBe(401);
    expect((await api(w.sessionToken, '/sessions/logout')).status).toBe(204);
    expect((await poll()).status).toBe(401);
  });
});

describe('profile provenance in the console', () => {
  it('the signature proves the user id only: the detail lists verifiedFields, the rest is provided by the customer', async () => {
    await server.close();
    server = await testServer({ verification: false, identitySecret: 's' });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const signed = await Customer.connect(server, {
      user: { id: 'u-7', hash: server.signIdentity('u-7', exp), hashExpires: exp, name: 'Maria', email: 'm@bank.example' },
    });
    const anon = await Customer.connect(server, { user: { name: 'Typed Name', phone: '+15551234567' } });
    const op = await connectOperator(server.url, 'Anna', { role: 'supervisor' });
    const a = await op.view(signed.welcome.conversationId);
    expect(a.customer).toMatchObject({ id: 'u-7', name: 'Maria', email: 'm@bank.example', identified: true, verifiedFields: ['id'] });
    const b = await op.view(anon.welcome.conversationId);
    expect(b.customer).toMatchObject({ name: 'Typed Name', phone: '+15551234567', identified: false, verifiedFields: [] });
    await op.disconnect();
    await signed.c.close();
    await anon.c.close();
  });
});
