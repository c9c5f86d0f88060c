import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { EventsResponse, WelcomeFrame } from '../../src/transports/swp/frames';
import { connectOperator } from '../helpers/operator-client';
import { testServer } from './customer';

let server: RunningServer;
beforeEach(async () => {
  server = await testServer({ verification: false, replayWindow: 20 });
});
afterEach(async () => {
  await server.close();
});

type Welcome = Omit<WelcomeFrame, 't' | 'ref'>;

async function session(body: Record<string, unknown> = {}): Promise<Welcome> {
  const res = await fetch(`${server.url}/swp/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client: { sdk: 'test', locale: 'en' }, ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Welcome;
}

function api(w: Welcome, path: string, init: RequestInit = {}) {
  return fetch(`${server.url}/swp/v1${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${w.sessionToken}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

async function poll(w: Welcome, after: number, wait = 0): Promise<EventsResponse> {
  const res = await api(w, `/conversations/${w.conversationId}/events?after=${after}&wait=${wait}`);
  expect(res.status).toBe(200);
  return (await res.json()) as EventsResponse;
}

describe('HTTP fallback', () => {
  it('POST /sessions → welcome; resumes with the bearer token', async () => {
    const w = await session();
    expect(w).toMatchObject({ resumed: false, capabilities: { realtime: true } });
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.sessionToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 't', locale: 'en' }, resume: { conversationId: w.conversationId, cursor: '0' } }),
    });
    const again = (await res.json()) as Welcome;
    expect(again.sessionId).toBe(w.sessionId);
    expect(again.resumed).toBe(true);
  });

  it('POST messages: 201 first, 200 on replay with the same ack (Idempotency-Key)', async () => {
    const w = await session();
    const send = () =>
      api(w, `/conversations/${w.conversationId}/messages`, {
        method: 'POST',
        headers: { 'Idempotency-Key': 'k-1' },
        body: JSON.stringify({ text: 'hi' }),
      });
    const r1 = await send();
    expect(r1.status).toBe(201);
    const a1 = await r1.json();
    const r2 = await send();
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual(a1);
    expect(a1).toMatchObject({ clientId: 'k-1', seq: expect.any(Number), id: expect.any(String) });
  });

  it('long-poll returns stored events at once, waits for new ones, and times out empty', async () => {
    const w = await session();
    const first = await poll(w, 0, 5);
    expect(first.events.length).toBeGreaterThan(0);
    const cursor = Number(first.cursor);
    const started = Date.now();
    const pending = poll(w, cursor, 5);
    await new Promise((r) => setTimeout(r, 100));
    await api(w, `/conversations/${w.conversationId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 'lp', text: 'wake up' }),
    });
    const woke = await pending;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(woke.events[0]).toMatchObject({ seq: cursor + 1, event: { type: 'message', message: { clientId: 'lp' } } });
    const last = await poll(w, Number((await poll(w, Number(woke.cursor), 1)).cursor), 1);
    expect(last.events).toEqual([]);
  });

  it('long-poll carries operator typing as ephemeral', async () => {
    const w = await session();
    const op = await connectOperator(server.url, 'Anna');
    await api(w, `/conversations/${w.conversationId}/handoff`, { method: 'POST', body: '{}' });
    await op.waitForQueue((q) => q.waiting.length === 1);
    await op.accept(w.conversationId);
    const cursor = Number((await poll(w, 0)).cursor);
    const pending = poll(w, cursor, 5);
    await new Promise((r) => setTimeout(r, 50));
    op.typing(w.conversationId, true);
    const got = await pending;
    expect(got.ephemeral).toEqual([
      { t: 'typing', conversationId: w.conversationId, from: expect.objectContaining({ role: 'agent' }), on: true },
    ]);
    await op.disconnect();
  });

  it('410 {resync:true} when the gap is gone or the cursor is ahead', async () => {
    const w = await session();
    for (let i = 0; i < 15; i++) {
      await api(w, `/conversations/${w.conversationId}/messages`, {
        method: 'POST',
        body: JSON.stringify({ clientId: `g${i}`, text: `g${i}` }),
      });
    }
    for (const after of [0, 9999]) {
      const res = await api(w, `/conversations/${w.conversationId}/events?after=${after}`);
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ resync: true, code: 'expired' });
    }
  });

  it('GET messages pages history; typing/read/handoff/close/rate and /verify answer', async () => {
    const w = await session();
    for (let i = 0; i < 3; i++)
      await api(w, `/conversations/${w.conversationId}/messages`, {
        method: 'POST',
        body: JSON.stringify({ clientId: `p${i}`, text: `p${i}` }),
      });
    const page = await (await api(w, `/conversations/${w.conversationId}/messages?limit=2`)).json();
    expect(page.messages).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    const older = await (await api(w, `/conversations/${w.conversationId}/messages?before=${page.before}&limit=2`)).json();
    expect(older.messages.every((m: { seq: number }) => m.seq < page.before)).toBe(true);
    expect((await api(w, `/conversations/${w.conversationId}/typing`, { method: 'POST', body: '{"on":true}' })).status).toBe(204);
    expect((await api(w, `/conversations/${w.conversationId}/read`, { method: 'POST', body: '{"upTo":2}' })).status).toBe(204);
    expect((await api(w, `/conversations/${w.conversationId}/rate`, { method: 'POST', body: '{"score":4}' })).status).toBe(400);
    expect((await api(w, `/conversations/${w.conversationId}/close`, { method: 'POST' })).status).toBe(204);
    expect((await api(w, `/conversations/${w.conversationId}/rate`, { method: 'POST', body: '{"score":4}' })).status).toBe(204);
    const verify = await api(w, `/verify`, { method: 'POST', body: '{"challengeId":"vc_nope","code":"123456"}' });
    expect(verify.status).toBe(404);
  });

  it('errors are problem+json with a code; 401 without a token, 403 on another user’s conversation', async () => {
    const a = await session();
    const b = await session();
    const noAuth = await fetch(`${server.url}/swp/v1/conversations/${a.conversationId}/messages`);
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await noAuth.json()).toMatchObject({ code: 'auth', status: 401 });
    const cross = await api(a, `/conversations/${b.conversationId}/messages`);
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ code: 'forbidden' });
    const bad = await api(a, `/conversations/${a.conversationId}/messages`, { method: 'POST', body: '{"clientId":' });
    expect(bad.status).toBe(400);
    const proto = await api(a, `/conversations/${a.conversationId}/messages`, {
      method: 'POST',
      body: '{"clientId":"z","text":"x","__proto__":{"polluted":1}}',
    });
    expect(proto.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('429 with Retry-After when flooding', async () => {
    await server.close();
    server = await testServer({ limits: { maxFramesPer10s: 5 } });
    const w = await session();
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) last = await api(w, `/conversations/${w.conversationId}/typing`, { method: 'POST', body: '{"on":true}' });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await last!.json()).toMatchObject({ code: 'rate_limited', retryable: true });
  });

  it('CORS: any origin on /swp/v1 with Authorization and Idempotency-Key allowed', async () => {
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
  });
});
