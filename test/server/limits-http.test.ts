/**
 * Limits over the HTTP fallback: the request budget of a session lives in the store (a restart or a
 * crowd of other sessions does not reset it), is shared with the session's sockets, and held
 * long-polls per session are capped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { Customer, testServer } from './customer';
import { steadyClock } from './limit-helpers';

const servers: RunningServer[] = [];
const dirs: string[] = [];
const start = async (o: ServerOptions): Promise<RunningServer> => {
  const s = await testServer({ now: steadyClock(), verification: false, ...o });
  servers.push(s);
  return s;
};
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function session(server: RunningServer): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${server.url}/swp/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
  });
  const w = (await res.json()) as { sessionToken: string; conversationId: string };
  return { token: w.sessionToken, conversationId: w.conversationId };
}

const list = (server: RunningServer, token: string): Promise<Response> =>
  fetch(`${server.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } });

describe('the HTTP request budget', () => {
  it('lives in the store: others are unaffected, and a restart does not reset it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sc-limits-http-'));
    dirs.push(dir);
    const options = { dataDir: dir, identitySecret: 'y'.repeat(32), extraLimits: { framesPerSession: { max: 5, windowMs: 600_000 } } };
    let server = await start(options);
    const a = await session(server);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await list(server, a.token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await list(server, a.token);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', retryable: true });
    // Many other sessions neither suffer from a's budget nor clear it.
    for (let i = 0; i < 30; i++) expect((await list(server, (await session(server)).token)).status).toBe(200);
    expect((await list(server, a.token)).status).toBe(429);
    await server.close();
    servers.length = 0;
    server = await start(options);
    expect((await list(server, a.token)).status).toBe(429);
  });

  it("is shared with the session's sockets", async () => {
    const server = await start({ extraLimits: { framesPerSession: { max: 6, windowMs: 600_000 } } });
    const { c, welcome } = await Customer.connect(server);
    // The hello and five pings use the budget up; the sixth ping is refused.
    for (let i = 0; i < 6; i++) c.raw(JSON.stringify({ t: 'ping', n: i }));
    await c.waitFor((f) => f.t === 'error' && f.error.code === 'rate_limited', 5000);
    expect((await list(server, welcome.sessionToken)).status).toBe(429);
    await c.close();
  });
});

describe('long-polls', () => {
  it('at most longPollsPerSession are held at once; another gets 429 with Retry-After until one ends', async () => {
    const server = await start({ extraLimits: { longPollsPerSession: 2 } });
    const s = await session(server);
    const url = (wait: number, after: string) =>
      `${server.url}/swp/v1/conversations/${encodeURIComponent(s.conversationId)}/events?after=${after}&wait=${wait}`;
    const auth = { Authorization: `Bearer ${s.token}` };
    // The bot's greeting lands just after the session (a timer, then its commit): the cursor once it is in,
    // so that it does not end the held polls below.
    let cursor = '0';
    await expect
      .poll(async () => (cursor = ((await (await fetch(url(0, '0'), { headers: auth })).json()) as { cursor: string }).cursor))
      .not.toBe('0');
    const aborts = [new AbortController(), new AbortController()];
    const held = aborts.map((a) => fetch(url(25, cursor), { headers: auth, signal: a.signal }).catch(() => undefined));
    await expect.poll(async () => (await fetch(url(25, cursor), { headers: auth })).status, { timeout: 10_000, interval: 100 }).toBe(429);
    const third = await fetch(url(25, cursor), { headers: auth });
    expect(third.headers.get('retry-after')).toBe('1');
    aborts[0]!.abort();
    await held[0];
    await expect.poll(async () => (await fetch(url(1, cursor), { headers: auth })).status, { timeout: 10_000, interval: 100 }).toBe(200);
    aborts[1]!.abort();
    await held[1];
  });
});
