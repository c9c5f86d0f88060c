/**
 * Limits over WebSockets hold across sockets, reconnects and processes: the frame budget of a
 * session, sockets per session and per address, new sessions per address, messages and handoff
 * requests per session, console frames per operator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { CloseCode } from '../../src/protocol/frames';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';
import { hello, openFrom, steadyClock } from './limit-helpers';

const servers: RunningServer[] = [];
const sockets: Customer[] = [];
const start = async (o: ServerOptions): Promise<RunningServer> => {
  const s = await testServer({ now: steadyClock(), verification: false, ...o });
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((c) => c.close()));
  for (const s of servers.splice(0).reverse()) await s.close();
});
const track = (c: Customer): Customer => (sockets.push(c), c);

/** Sends pings on a socket until refused or `n` are answered; returns the pongs. */
async function pings(c: Customer, n: number): Promise<number> {
  let pongs = 0;
  for (let i = 0; i < n; i++) {
    if (c.ws.readyState !== c.ws.OPEN) break;
    const seen = c.frames.length;
    c.raw(JSON.stringify({ t: 'ping', n: i }));
    const f = await c.waitFor((x, j = c.frames.indexOf(x)) => j >= seen && (x.t === 'pong' || x.t === 'error'), 5000);
    if (f.t !== 'pong') break;
    pongs++;
  }
  return pongs;
}

describe('the frame budget of a session', () => {
  it('reconnecting sockets together get no more than the session budget, then rate_limited + 4429', async () => {
    const server = await start({ extraLimits: { framesPerSession: { max: 20, windowMs: 600_000 } } });
    const first = await Customer.connect(server);
    const token = first.welcome.sessionToken;
    await first.c.close();
    // Every hello and ping counts: the first hello took one of the 20.
    let accepted = 1;
    let refused: Customer | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const c = track(await Customer.open(server));
      const w = await hello(c, { token });
      if (w.t === 'welcome') accepted += 1 + (await pings(c, 5));
      if (c.frames.some((f) => f.t === 'error' && f.error.code === 'rate_limited')) refused = c;
      else await c.close();
    }
    expect(accepted).toBe(20);
    const err = refused!.frames.find((f) => f.t === 'error')!;
    expect(err).toMatchObject({ t: 'error', error: { code: 'rate_limited', retryable: true } });
    expect(err.t === 'error' && err.error.retryAfterMs).toBeGreaterThan(0);
    expect(await refused!.closed).toBe(CloseCode.RATE_LIMITED);
  });

  it('two server processes on one database share the budget', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sc-limits-'));
    try {
      const options = { dataDir: dir, identitySecret: 'x'.repeat(32), extraLimits: { framesPerSession: { max: 10, windowMs: 600_000 } } };
      const a = await start(options);
      const b = await start(options);
      const { c, welcome } = await Customer.connect(a);
      track(c);
      expect(await pings(c, 5)).toBe(5);
      const other = track(await Customer.open(b));
      expect((await hello(other, { token: welcome.sessionToken })).t).toBe('welcome');
      // a took its allowance in chunks: b gets what is left (its hello took one), never a fresh 10.
      expect(await pings(other, 10)).toBeLessThanOrEqual(3);
      expect(await other.closed).toBe(CloseCode.RATE_LIMITED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sockets at once', () => {
  it('50 sockets on one token: only socketsPerSession get a welcome', async () => {
    const server = await start({ extraLimits: { socketsPerSession: 5, socketsPerIp: 100 } });
    const first = await Customer.connect(server);
    const token = first.welcome.sessionToken;
    await first.c.close();
    const all = await Promise.all(Array.from({ length: 50 }, async () => track(await Customer.open(server))));
    const answers = await Promise.all(all.map((c) => hello(c, { token })));
    expect(answers.filter((f) => f.t === 'welcome')).toHaveLength(5);
    const refused = answers.filter((f) => f.t === 'error');
    expect(refused).toHaveLength(45);
    expect(refused.every((f) => f.t === 'error' && f.error.code === 'rate_limited' && (f.error.retryAfterMs ?? 0) > 0)).toBe(true);
    // A closed socket gives its slot back.
    const open = all.filter((c) => c.frames.some((f) => f.t === 'welcome'));
    await open[0]!.close();
    await expect
      .poll(async () => (await hello(track(await Customer.open(server)), { token })).t, { timeout: 10_000, interval: 100 })
      .toBe('welcome');
  });

  it('sockets of a session are counted over two processes on one database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sc-limits-'));
    try {
      const options = { dataDir: dir, identitySecret: 'z'.repeat(32), extraLimits: { socketsPerSession: 3 } };
      const a = await start(options);
      const b = await start(options);
      const first = await Customer.connect(a);
      track(first.c);
      const token = first.welcome.sessionToken;
      expect((await hello(track(await Customer.open(b)), { token })).t).toBe('welcome');
      expect((await hello(track(await Customer.open(a)), { token })).t).toBe('welcome');
      const fourth = track(await Customer.open(b));
      expect(await hello(fourth, { token })).toMatchObject({ t: 'error', error: { code: 'rate_limited' } });
      expect(await fourth.closed).toBe(CloseCode.RATE_LIMITED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sockets per address are capped before any hello', async () => {
    const server = await start({ extraLimits: { socketsPerIp: 3 } });
    const three = await Promise.all([1, 2, 3].map(async () => track(await openFrom(server))));
    const fourth = track(await openFrom(server));
    expect(await fourth.closed).toBe(CloseCode.RATE_LIMITED);
    expect(fourth.frames[0]).toMatchObject({ t: 'error', error: { code: 'rate_limited' } });
    expect((await hello(three[0]!)).t).toBe('welcome');
  });
});

describe('new sessions per address', () => {
  it('a fourth new session from one address is refused; resuming is not; other addresses are counted apart', async () => {
    const server = await start({ trustedProxies: ['127.0.0.1'], extraLimits: { sessionsPerIp: { max: 3, windowMs: 600_000 } } });
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await hello(track(await openFrom(server, '203.0.113.7')));
      expect(w.t).toBe('welcome');
      if (w.t === 'welcome') tokens.push(w.sessionToken);
    }
    const fourth = track(await openFrom(server, '203.0.113.7'));
    expect(await hello(fourth)).toMatchObject({ t: 'error', error: { code: 'rate_limited' } });
    expect(await fourth.closed).toBe(CloseCode.RATE_LIMITED);
    expect((await hello(track(await openFrom(server, '203.0.113.7')), { token: tokens[0] })).t).toBe('welcome');
    expect((await hello(track(await openFrom(server, '198.51.100.2')))).t).toBe('welcome');
    // Over HTTP too, with Retry-After.
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.7' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('X-Forwarded-For from an address that is not a trusted proxy is ignored', async () => {
    const server = await start({ extraLimits: { sessionsPerIp: { max: 2, windowMs: 600_000 } } });
    const answers = [];
    for (const a of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) answers.push((await hello(track(await openFrom(server, a)))).t);
    expect(answers).toEqual(['welcome', 'welcome', 'error']);
  });
});

describe('messages, handoff requests and console frames', () => {
  it('messages per session: nack rate_limited with retryAfterMs, replays free, the socket stays open', async () => {
    const server = await start({ extraLimits: { messagesPerSession: { max: 3, windowMs: 600_000 } } });
    const { c, welcome } = await Customer.connect(server);
    track(c);
    const send = (i: number) => c.request({ t: 'send', conversationId: welcome.conversationId, clientId: `m${i}`, text: `hi ${i}` }, 5000);
    for (let i = 0; i < 3; i++) expect((await send(i)).t).toBe('ack');
    // Replays of a stored message (a lost ack) cost nothing.
    for (let i = 0; i < 5; i++) expect((await send(0)).t).toBe('ack');
    const nack = await send(3);
    expect(nack).toMatchObject({ t: 'nack', error: { code: 'rate_limited', retryable: true } });
    expect(nack.t === 'nack' && nack.error.retryAfterMs).toBeGreaterThan(0);
    expect((await c.request({ t: 'conversations.list' })).t).toBe('ack');
  });

  it('handoff requests per session', async () => {
    const server = await start({ extraLimits: { handoffsPerSession: { max: 2, windowMs: 600_000 } } });
    const { c, welcome } = await Customer.connect(server);
    track(c);
    const ask = () => c.request({ t: 'handoff.request', conversationId: welcome.conversationId }, 5000);
    const answers = [
      await ask(),
      await c.request({ t: 'handoff.cancel', conversationId: welcome.conversationId }),
      await ask(),
      await ask(),
    ];
    expect(answers.map((a) => a.t)).toEqual(['ack', 'ack', 'ack', 'nack']);
    expect(answers[3]).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it("an operator's consoles share one frame budget", async () => {
    const server = await start({ extraLimits: { operatorFrames: { max: 20, windowMs: 600_000 } } });
    const one = await connectOperator(server.url, 'Anna');
    const two = await connectOperator(server.url, 'Anna');
    for (let i = 0; i < 15; i++) one.typing('nope', true);
    for (let i = 0; i < 15; i++) two.typing('nope', true);
    const limited = await Promise.race([
      one.waitFor((f) => f.t === 'error' && f.error.code === 'rate_limited', 8000),
      two.waitFor((f) => f.t === 'error' && f.error.code === 'rate_limited', 8000),
    ]);
    expect(limited).toMatchObject({ t: 'error', error: { code: 'rate_limited' } });
    await one.disconnect();
    await two.disconnect();
  });
});
