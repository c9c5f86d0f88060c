import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { Customer, testServer, until } from './customer';

let server: RunningServer;
beforeEach(async () => {
  server = await testServer({ replayWindow: 50 });
});
afterEach(async () => {
  await server.close();
});

describe('send', () => {
  it('greets a new conversation, acks a message and streams it as a durable event', async () => {
    const { c, welcome } = await Customer.connect(server);
    expect(welcome.resumed).toBe(false);
    expect(welcome.sessionToken.length).toBeGreaterThanOrEqual(43);
    expect(welcome.capabilities.idempotentSend).toBe(true);
    expect(welcome.capabilities.richText).toBe(true);
    expect(welcome.conversation).toMatchObject({ id: welcome.conversationId, state: 'open', handoff: 'none' });
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot');
    const ack = await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'c-1', text: 'hello' });
    expect(ack).toMatchObject({ t: 'ack', clientId: 'c-1', seq: 2 });
    const ev = await c.waitFor((f) => f.t === 'event' && f.seq === 2);
    expect(ev).toMatchObject({ event: { type: 'message', message: { clientId: 'c-1', parts: [{ kind: 'text', text: 'hello' }] } } });
    await c.close();
  });

  it('is idempotent by clientId: the same ack, no second row and no second event', async () => {
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    const first = await c.request({ t: 'send', conversationId, clientId: 'dup', text: 'once' });
    await until(() => c.events().some((e) => e.event.type === 'message' && e.event.message.from.role === 'bot' && e.seq > 2));
    const countBefore = c.events().length;
    const second = await c.request({ t: 'send', conversationId, clientId: 'dup', text: 'once' });
    expect(second.t).toBe('ack');
    expect(second).toMatchObject({ id: (first as { id: string }).id, seq: (first as { seq: number }).seq, clientId: 'dup' });
    await new Promise((r) => setTimeout(r, 50));
    expect(c.events().length).toBe(countBefore);
    const page = await c.request({ t: 'history', conversationId, limit: 100 });
    expect(page.t).toBe('history.page');
    const mine = (page as { messages: Array<{ clientId?: string }> }).messages.filter((m) => m.clientId === 'dup');
    expect(mine).toHaveLength(1);
    await c.close();
  });

  it('refuses empty and over-long messages with a typed nack', async () => {
    const { c, welcome } = await Customer.connect(server);
    const empty = await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'e', text: '   ' });
    expect(empty).toMatchObject({ t: 'nack', error: { code: 'invalid', retryable: false } });
    const long = await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'l', text: 'x'.repeat(4001) });
    expect(long).toMatchObject({ t: 'nack', error: { code: 'too_large' } });
    await c.close();
  });
});

describe('resume', () => {
  it('replays the events missed while disconnected, in order, after welcome{resumed:true}', async () => {
    const first = await Customer.connect(server);
    const conversationId = first.welcome.conversationId;
    await first.c.waitFor((f) => f.t === 'event' && f.seq === 1);
    const token = first.welcome.sessionToken;
    await first.c.close();

    // Another device of the same session sends while the first is away.
    const other = await Customer.connect(server, { token });
    await other.c.request({ t: 'send', conversationId, clientId: 'while-away', text: 'sent while away' });
    await until(() => other.c.events().some((e) => e.seq >= 3));
    await other.c.close();

    const back = await Customer.connect(server, { token, resume: { conversationId, cursor: '1' } });
    expect(back.welcome.resumed).toBe(true);
    expect(back.welcome.conversationId).toBe(conversationId);
    await until(() => back.c.events().some((e) => e.seq === 3));
    const seqs = back.c.events().map((e) => e.seq);
    expect(seqs).toEqual([2, 3]);
    const welcomeAt = back.c.frames.findIndex((f) => f.t === 'welcome');
    const firstEventAt = back.c.frames.findIndex((f) => f.t === 'event');
    expect(welcomeAt).toBeLessThan(firstEventAt);
    await back.c.close();
  });

  it('answers resumed:false for a cursor it cannot serve (ahead, malformed, older than the replay window)', async () => {
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    await c.waitFor((f) => f.t === 'event' && f.seq === 1);
    for (let i = 0; i < 60; i++) await c.request({ t: 'send', conversationId, clientId: `m${i}`, text: `m${i}` });
    await c.close();
    const token = welcome.sessionToken;
    for (const cursor of ['9999', 'abc', '0']) {
      const r = await Customer.connect(server, { token, resume: { conversationId, cursor } });
      expect(r.welcome.resumed, cursor).toBe(false);
      expect(Number(r.welcome.cursor)).toBeGreaterThan(60);
      await new Promise((res) => setTimeout(res, 30));
      expect(r.c.events()).toHaveLength(0);
      await r.c.close();
    }
  });

  it('starts a fresh session for an unknown token (resumed:false, new token)', async () => {
    const r = await Customer.connect(server, { token: 'no-such-token', resume: { conversationId: 'c_nope', cursor: '3' } });
    expect(r.welcome.resumed).toBe(false);
    expect(r.welcome.sessionToken).not.toBe('no-such-token');
    await r.c.close();
  });
});

describe('history', () => {
  it('pages backwards by the before cursor until hasMore is false', async () => {
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    await c.waitFor((f) => f.t === 'event' && f.seq === 1);
    for (let i = 0; i < 12; i++) await c.request({ t: 'send', conversationId, clientId: `h${i}`, text: `h${i}` });
    await until(() => c.events().length >= 25);
    const seen: number[] = [];
    let before: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await c.request({ t: 'history', conversationId, limit: 10, ...(before !== undefined ? { before } : {}) })) as {
        t: string;
        messages: Array<{ seq: number }>;
        before?: number;
        hasMore: boolean;
      };
      expect(page.t).toBe('history.page');
      const seqs = page.messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      seen.unshift(...seqs);
      if (!page.hasMore) break;
      before = page.before;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    await c.close();
  });
});

describe('read and typing', () => {
  it('acks read marks and never echoes the customer their own typing', async () => {
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    const ack = await c.request({ t: 'read', conversationId, upTo: 1 });
    expect(ack.t).toBe('ack');
    c.raw(JSON.stringify({ t: 'typing', conversationId, on: true }));
    await new Promise((r) => setTimeout(r, 50));
    expect(c.frames.some((f) => f.t === 'typing' && f.from.role === 'user')).toBe(false);
    await c.close();
  });

  it('answers a client ping with a pong carrying the same n', async () => {
    const { c } = await Customer.connect(server);
    c.raw(JSON.stringify({ t: 'ping', n: 42 }));
    const pong = await c.waitFor((f) => f.t === 'pong');
    expect(pong).toEqual({ t: 'pong', n: 42 });
    await c.close();
  });
});

describe('bot', () => {
  it('the server drives createBot() from server/bot: it greets in a new conversation', async () => {
    const { startServer } = await import('../../server/app');
    const real = await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', botDelayMs: 0 });
    try {
      const { c } = await Customer.connect(real);
      const greeting = await c.waitFor((f) => f.t === 'event' && f.event.type === 'message');
      expect(greeting).toMatchObject({ seq: 1, event: { message: { from: { role: 'bot' } } } });
      const typingOn = c.frames.findIndex((f) => f.t === 'typing' && f.on);
      expect(typingOn).toBeGreaterThanOrEqual(0);
      expect(typingOn).toBeLessThan(c.frames.indexOf(greeting));
      await c.close();
    } finally {
      await real.close();
    }
  });
});
