// State machine of the WebSocket transport against a scriptable fake peer (helpers/fake-swp-server).
// The protocol round trips against the real reference server live in websocket.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isOptionError, isTransportError, type TransportError } from '../../src/core/errors';
import type { TransportEvent } from '../../src/core/transport';
import { createWebSocketTransport, type WebSocketConstructor, type WebSocketTransportOptions } from '../../src/transports/websocket';
import { defaultWelcome, startFakeServer, until } from './helpers/fake-swp-server';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(fake: Partial<Parameters<typeof startFakeServer>[0]> = {}, opts: Partial<WebSocketTransportOptions> = {}) {
  const server = await startFakeServer(fake);
  const transport = createWebSocketTransport({
    url: server.url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 20, maxDelayMs: 80 },
    ackTimeoutMs: 1000,
    connectTimeoutMs: 1000,
    ...opts,
  });
  const events: TransportEvent[] = [];
  transport.on((e) => events.push(e));
  cleanups.push(async () => {
    await transport.disconnect();
    await server.close();
  });
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  return { server, transport, events, statuses };
}

const ctx = { user: { name: 'Ann' }, locale: 'en' };
const event = (seq: number, text: string, conversationId = 'c1') => ({
  t: 'event',
  seq,
  conversationId,
  event: {
    type: 'message',
    message: {
      id: `m${seq}`,
      conversationId,
      seq,
      from: { id: 'bot', role: 'bot' },
      parts: [{ kind: 'text', text }],
      createdAt: new Date(0).toISOString(),
    },
  },
});
const messageSeqs = (events: TransportEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.message.seq] : []));

describe('websocket transport: options', () => {
  it('rejects bad options with OptionError', () => {
    expect(() => createWebSocketTransport({ url: 'nope', WebSocket: WebSocket as unknown as WebSocketConstructor })).toThrow(/url/);
    try {
      createWebSocketTransport({
        url: 'ws://127.0.0.1:1/swp/v1/ws',
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        ackTimeoutMs: -1,
      });
      throw new Error('accepted');
    } catch (error) {
      expect(isOptionError(error) && error.option).toBe('ackTimeoutMs');
    }
  });
});

describe('websocket transport: state machine', () => {
  it('says hello over swp.v1 and resolves with the session on welcome', async () => {
    const { server, transport, statuses, events } = await setup();
    const session = await transport.connect({ ...ctx, metadata: { page: '/x' } });
    expect(session).toEqual({ sessionToken: 'token-1', conversationId: 'c1', cursor: '0' });
    const hello = await server.hello(1);
    expect(server.connections[0]!.protocol).toBe('swp.v1');
    expect(hello).toMatchObject({ t: 'hello', user: { name: 'Ann' }, client: { locale: 'en' }, metadata: { page: '/x' } });
    expect(hello.token).toBeUndefined();
    expect(hello.resume).toBeUndefined();
    expect(statuses()).toEqual(['connecting', 'online']);
    expect(events).toContainEqual({ type: 'capabilities', capabilities: { rating: true } });
    expect(events).toContainEqual({ type: 'availability', availability: { operatorsOnline: true } });
    expect(transport.capabilities.rating).toBe(true);
  });

  it('sends the persisted token and cursor, drops duplicate and old events, keeps working after bad frames', async () => {
    const { server, transport, events } = await setup({ welcome: (h) => defaultWelcome(h, { cursor: '5', resumed: true }) });
    await transport.connect({ ...ctx, resume: { sessionToken: 'saved', conversationId: 'c1', cursor: '3' } });
    const hello = await server.hello(1);
    expect(hello).toMatchObject({ token: 'saved', resume: { conversationId: 'c1', cursor: '3' } });
    const peer = server.connections[0]!;
    peer.send(event(2, 'old'));
    peer.send(event(4, 'four'));
    peer.send(event(4, 'four again'));
    peer.sendRaw('{"t":"event","seq":"x"}');
    peer.sendRaw('not json');
    peer.send({ t: 'hologram' });
    peer.send({ t: 'event', seq: 5, conversationId: 'c1', event: { type: 'reaction' } });
    peer.send(event(5, 'five (seq already used by an unknown event)'));
    peer.send(event(6, 'six'));
    peer.send(event(7, 'other conversation', 'c2'));
    await until(() => messageSeqs(events).includes(6), 2000, 'seq 6');
    expect(messageSeqs(events)).toEqual([4, 6]);
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
    expect(transport.snapshot().cursor).toBe('6');
    expect(events.some((e) => e.type === 'resync')).toBe(false);
  });

  it('emits resync when the server cannot resume, and starts from its cursor', async () => {
    const { transport, events } = await setup({ welcome: (h) => defaultWelcome(h, { resumed: false, cursor: '40' }) });
    await transport.connect({ ...ctx, resume: { sessionToken: 't', conversationId: 'c1', cursor: '99' } });
    expect(events.find((e) => e.type === 'resync')).toBeTruthy();
    expect(transport.snapshot().cursor).toBe('40');
  });

  it('send resolves with the ack, rejects with the nack error, and rejects at once when offline', async () => {
    const { server, transport } = await setup({
      onFrame: (f, c) => {
        if (f.t !== 'send') return;
        if (f.text === 'bad') c.send({ t: 'nack', ref: f.id, error: { code: 'too_large', message: 'too long', retryable: false } });
        else if (f.text !== 'silence')
          c.send({ t: 'ack', ref: f.id, clientId: f.clientId, id: 'm9', seq: 9, createdAt: '2026-01-01T00:00:00.000Z' });
      },
    });
    await expect(transport.send({ clientId: 'c_0', text: 'early' })).rejects.toMatchObject({ code: 'network', retryable: true });
    await transport.connect(ctx);
    await expect(transport.send({ clientId: 'c_1', text: 'hi' })).resolves.toEqual({
      clientId: 'c_1',
      id: 'm9',
      seq: 9,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const frame = await server.frame(server.connections[0]!, (f) => f.t === 'send');
    expect(frame).toMatchObject({ conversationId: 'c1', clientId: 'c_1', text: 'hi' });
    const nack = await transport.send({ clientId: 'c_2', text: 'bad' }).catch((e: unknown) => e);
    expect(isTransportError(nack) && nack).toMatchObject({ code: 'too_large', retryable: false });
    const huge = await transport.send({ clientId: 'c_big', text: 'x'.repeat(70_000) }).catch((e: unknown) => e);
    expect(huge).toMatchObject({ code: 'too_large', retryable: false });
    expect(server.connections[0]!.frames.some((f) => f.clientId === 'c_big')).toBe(false);
    const started = Date.now();
    const timeout = await transport.send({ clientId: 'c_3', text: 'silence' }).catch((e: TransportError) => e);
    expect(timeout).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('answers ping with pong, and reconnects on silence with the latest token and cursor', async () => {
    let n = 0;
    const { server, transport, statuses } = await setup(
      { welcome: (h) => defaultWelcome(h, { sessionToken: `token-${++n}`, heartbeatMs: 100, resumed: true }) },
      { heartbeat: { deadAfterMs: 250 } },
    );
    await transport.connect(ctx);
    const first = server.connections[0]!;
    first.send({ t: 'ping', n: 7 });
    await server.frame(first, (f) => f.t === 'pong' && f.n === 7);
    first.send(event(1, 'one'));
    // Now the peer goes silent without closing: the transport must notice and come back.
    const hello = await server.hello(2);
    expect(hello).toMatchObject({ token: 'token-1', resume: { conversationId: 'c1', cursor: '1' } });
    await until(() => statuses().filter((s) => s === 'online').length === 2, 2000, 'online again');
    expect(statuses()).toContain('reconnecting');
    expect(transport.snapshot().sessionToken).toBe('token-2');
  });

  it('checkAlive pings and reconnects when nothing answers', async () => {
    const { server, transport } = await setup({ onFrame: () => undefined }, { heartbeat: { checkTimeoutMs: 150 } });
    await transport.connect(ctx);
    transport.checkAlive();
    await server.frame(server.connections[0]!, (f) => f.t === 'ping');
    await server.hello(2);
  });

  it('reconnects on 1012 with a backoff it announces, and rejects in-flight requests as retryable', async () => {
    const { server, transport, events } = await setup({ onFrame: () => undefined });
    await transport.connect(ctx);
    const inflight = transport.send({ clientId: 'c_1', text: 'hi' });
    await server.frame(server.connections[0]!, (f) => f.t === 'send');
    server.connections[0]!.close(1012, 'restart');
    await expect(inflight).rejects.toMatchObject({ code: 'network', retryable: true });
    const reconnecting = await until(() => events.find((e) => e.type === 'status' && e.status === 'reconnecting'));
    expect(reconnecting).toMatchObject({ retryInMs: expect.any(Number) });
    await server.hello(2);
    // The transport never replays the user's frame by itself.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections[1]!.frames.filter((f) => f.t === 'send')).toHaveLength(0);
  });

  it('honours retryAfterMs on 4429 and reconnectInMs on goaway', async () => {
    const { server, transport, events } = await setup();
    await transport.connect(ctx);
    server.connections[0]!.send({ t: 'error', error: { code: 'rate_limited', message: 'slow down', retryable: true, retryAfterMs: 300 } });
    server.connections[0]!.close(4429, 'rate limited');
    const status = await until(() => events.find((e) => e.type === 'status' && e.status === 'reconnecting'));
    expect(status).toMatchObject({ retryInMs: 300, error: { code: 'rate_limited' } });
    const closedAt = Date.now();
    await server.hello(2);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(250);
    server.connections[1]!.send({ t: 'goaway', reconnectInMs: 200, reason: 'deploy' });
    const goawayAt = Date.now();
    await server.hello(3);
    expect(Date.now() - goawayAt).toBeGreaterThanOrEqual(150);
  });

  it('fails without reconnecting on 4401 and 4403', async () => {
    for (const [code, expected] of [
      [4401, 'auth'],
      [4403, 'forbidden'],
    ] as const) {
      const { server, transport, events } = await setup({
        welcome: (_h, c) => {
          c.send({ t: 'error', error: { code: expected, message: 'no', retryable: false } });
          c.close(code, 'bye');
          return null;
        },
      });
      const error = await transport.connect(ctx).catch((e: unknown) => e);
      expect(isTransportError(error) && error.code).toBe(expected);
      expect(events.at(-1)).toMatchObject({ type: 'status', status: 'failed', error: { code: expected } });
      await new Promise((r) => setTimeout(r, 150));
      expect(server.connections).toHaveLength(1);
    }
  });

  it('typing is throttled; markRead, handoff, verify, close and rate send their frames', async () => {
    const { server, transport } = await setup({
      onFrame: (f, c) => {
        if (typeof f.id !== 'string') return;
        c.send({ t: 'ack', ref: f.id, ...(f.t === 'verify.submit' ? { result: f.code === '123456' ? 'ok' : 'invalid' } : {}) });
      },
    });
    await transport.connect(ctx);
    transport.setTyping!(true);
    transport.setTyping!(true);
    transport.setTyping!(false);
    transport.setTyping!(false);
    await transport.markRead!(4);
    await transport.requestHandoff!({ reason: 'card' });
    expect(await transport.submitVerification!('ch1', '000000')).toEqual({ result: 'invalid' });
    expect(await transport.submitVerification!('ch1', '123456')).toEqual({ result: 'ok' });
    await transport.closeConversation!();
    await transport.rate!(5, 'great');
    const frames: Array<Record<string, unknown>> = server.connections[0]!.frames.map((f) => ({ ...f, id: undefined }));
    expect(frames.filter((f) => f.t === 'typing').map((f) => f.on)).toEqual([true, false]);
    expect(frames).toContainEqual(expect.objectContaining({ t: 'read', conversationId: 'c1', upTo: 4 }));
    expect(frames).toContainEqual(expect.objectContaining({ t: 'handoff.request', reason: 'card' }));
    expect(frames).toContainEqual(expect.objectContaining({ t: 'verify.submit', challengeId: 'ch1', code: '123456' }));
    expect(frames).toContainEqual(expect.objectContaining({ t: 'close', conversationId: 'c1' }));
    expect(frames).toContainEqual(expect.objectContaining({ t: 'rate', score: 5, comment: 'great' }));
  });

  it('disconnect closes with 1000, reports idle, and never reconnects; also while a retry is pending', async () => {
    const { server, transport, statuses } = await setup();
    await transport.connect(ctx);
    const closed = new Promise<number>((resolve) => server.connections[0]!.socket.once('close', (code) => resolve(code)));
    await transport.disconnect();
    expect(await closed).toBe(1000);
    expect(statuses().at(-1)).toBe('idle');

    const second = await setup({}, { reconnect: { minDelayMs: 200, maxDelayMs: 200 } });
    await second.transport.connect(ctx);
    second.server.connections[0]!.close(1011, 'boom');
    await until(() => second.statuses().includes('reconnecting'));
    await second.transport.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    expect(second.server.connections).toHaveLength(1);
    expect(second.statuses().at(-1)).toBe('idle');
  });

  it('disconnect leaves no timers and no sockets behind (online, and with a retry pending)', async () => {
    const resources = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const { server, transport, statuses } = await setup(
      { welcome: (h) => defaultWelcome(h, { heartbeatMs: 200 }) },
      { reconnect: { minDelayMs: 5000, maxDelayMs: 5000 } },
    );
    await new Promise((r) => setTimeout(r, 20));
    const timers = resources('Timeout');
    const sockets = resources('TCPSocketWrap');
    await transport.connect(ctx);
    transport.checkAlive('visible');
    expect(resources('Timeout')).toBeGreaterThan(timers);
    await transport.disconnect();
    await until(() => resources('TCPSocketWrap') <= sockets || undefined, 10_000, 'sockets closed');
    // Checked at once, not waited for: a leaked retry or silence timer would go away by itself.
    expect(resources('Timeout')).toBeLessThanOrEqual(timers);

    await transport.connect(ctx);
    server.connections[1]!.close(1013, 'later');
    await until(() => statuses().filter((s) => s === 'reconnecting').length === 1 || undefined);
    await transport.disconnect();
    await until(() => resources('TCPSocketWrap') <= sockets || undefined, 10_000, 'sockets closed');
    // Checked at once, not waited for: a leaked retry or silence timer would go away by itself.
    expect(resources('Timeout')).toBeLessThanOrEqual(timers);
    expect(server.connections).toHaveLength(2);
  });

  it('reports a protocol close (4400) as an error and reconnects', async () => {
    const { server, transport, events } = await setup();
    await transport.connect(ctx);
    server.connections[0]!.close(4400, 'hello expected');
    await server.hello(2);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { code: 'invalid', message: 'hello expected' } });
  });

  it('disconnect before the welcome rejects connect and leaves no socket behind', async () => {
    const { server, transport } = await setup({ welcome: () => null });
    const pending = transport.connect(ctx).catch((e: unknown) => e);
    await server.hello(1);
    const closed = new Promise<void>((resolve) => server.connections[0]!.socket.once('close', () => resolve()));
    await transport.disconnect();
    expect(await pending).toMatchObject({ code: 'closed' });
    await closed;
  });
});
