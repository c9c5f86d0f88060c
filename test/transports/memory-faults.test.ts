import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTransportError } from '../../src/core/errors';
import type { TransportEvent } from '../../src/core/transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { connected, ctx, messages, settle, types } from './memory-helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('memory transport: fault switches', () => {
  it('failNextSend rejects the next send only, retryable by default, and accepts the retry', async () => {
    const { t, events } = await connected({ bot: false });
    t.failNextSend();
    const error = await t.send({ clientId: 'c1', text: 'hi' }).catch((e: unknown) => e);
    expect(isTransportError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'network', retryable: true, transport: 'memory' });
    expect(t.sentMessages).toHaveLength(0);
    expect(messages(events)).toHaveLength(0);
    const receipt = await t.send({ clientId: 'c1', text: 'hi' });
    expect(receipt.clientId).toBe('c1');
    expect(t.sentMessages).toHaveLength(1);
  });

  it('failNextSend takes a code and retryable flag', async () => {
    const { t } = await connected({ bot: false });
    t.failNextSend({ code: 'forbidden', retryable: false });
    await expect(t.send({ clientId: 'c1', text: 'hi' })).rejects.toMatchObject({ code: 'forbidden', retryable: false });
  });

  it('setLatency delays the ack and the bot reply', async () => {
    vi.useFakeTimers();
    const t = createMemoryTransport({ replyDelayMs: 100, latencyMs: 50 });
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    const connecting = t.connect(ctx());
    await vi.advanceTimersByTimeAsync(50);
    await connecting;
    await vi.advanceTimersByTimeAsync(150);
    t.setLatency(1000);
    let acked = false;
    void t.send({ clientId: 'c1', text: 'cards' }).then(() => (acked = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(acked).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(acked).toBe(true);
    const bots = () => messages(events).filter((m) => m.from.role === 'bot').length;
    expect(bots()).toBe(1);
    await vi.advanceTimersByTimeAsync(1099);
    expect(bots()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(bots()).toBe(2);
    await t.disconnect();
  });

  it('dropConnection: reconnecting, sends fail, and what happened meanwhile arrives in seq order', async () => {
    vi.useFakeTimers();
    const t = createMemoryTransport({ bot: false });
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    await t.connect(ctx());
    events.length = 0;
    t.dropConnection({ reconnectAfterMs: 2000 });
    expect(events).toEqual([{ type: 'status', status: 'reconnecting', retryInMs: 2000 }]);
    await expect(t.send({ clientId: 'c1', text: 'x' })).rejects.toMatchObject({ code: 'network', retryable: true });
    const a = t.emitIncoming('first');
    t.emit({ type: 'typing', from: { id: 'bot', role: 'bot' }, on: true }); // raw emit is never held back
    const b = t.emitIncoming('second');
    expect(types(events)).toEqual(['status', 'typing']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(types(events)).toEqual(['status', 'typing', 'status', 'message', 'message']);
    expect(messages(events).map((m) => m.id)).toEqual([a.id, b.id]);
    expect(a.seq! < b.seq!).toBe(true);
    await t.disconnect();
  });

  it('checkAlive ends a reconnect delay at once', async () => {
    const { t, events } = await connected({ bot: false });
    t.dropConnection({ reconnectAfterMs: 60_000 });
    t.emitIncoming('queued up');
    t.checkAlive('visible');
    expect(t.status).toBe('online');
    expect(messages(events).map((m) => m.parts[0])).toEqual([{ kind: 'text', text: 'queued up' }]);
    t.goOffline();
    t.checkAlive('online');
    expect(t.status).toBe('offline');
    await t.disconnect();
  });

  it('goOffline holds events until goOnline', async () => {
    const { t, events } = await connected({ bot: false });
    events.length = 0;
    t.goOffline();
    expect(t.status).toBe('offline');
    t.emitIncoming('held');
    expect(messages(events)).toHaveLength(0);
    t.goOnline();
    expect(events.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual(['offline', 'online', 'message']);
  });

  it('connect fails while offline and works after goOnline', async () => {
    const t = createMemoryTransport({ bot: false });
    t.goOffline();
    await expect(t.connect(ctx())).rejects.toMatchObject({ code: 'network' });
    expect(t.status).toBe('failed');
    t.goOnline();
    await t.connect(ctx());
    expect(t.status).toBe('online');
  });

  it('emitIncoming fills in id, seq, sender and time, and keeps the message in history', async () => {
    const { t, events } = await connected({ bot: false });
    const m = t.emitIncoming({ text: 'from Anna', from: { id: 'op', role: 'agent', name: 'Anna' } });
    expect(m).toMatchObject({ from: { role: 'agent' }, parts: [{ kind: 'text', text: 'from Anna' }], seq: 1 });
    expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(messages(events)).toEqual([m]);
    expect((await t.fetchHistory({})).messages).toEqual([m]);
  });

  it('a listener that throws does not stop the others', async () => {
    const t = createMemoryTransport({ bot: false });
    const seen: string[] = [];
    t.on(() => {
      throw new Error('host bug');
    });
    t.on((e) => seen.push(e.type));
    await t.connect(ctx());
    await settle();
    expect(seen).toContain('status');
  });
});
