import { describe, expect, it, vi } from 'vitest';
import { isOptionError, isTransportError } from '../../src/core/errors';
import type { TransportEvent } from '../../src/core/transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { connected, ctx, last, messages, settle } from './memory-helpers';

describe('memory transport: server-like semantics', () => {
  it('echoes the user message with its clientId, a server id and the next seq', async () => {
    const { t, events } = await connected({ bot: false });
    const receipt = await t.send({ clientId: 'c_1', text: '  hello  ' });
    const echo = last(events)!;
    expect(echo).toMatchObject({ id: receipt.id, clientId: 'c_1', seq: receipt.seq, from: { role: 'user' } });
    expect(echo.parts).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(echo.id).not.toBe('c_1');
    const second = await t.send({ clientId: 'c_2', text: 'again' });
    expect(second.seq).toBe(receipt.seq! + 1);
    expect(t.sentMessages.map((m) => m.clientId)).toEqual(['c_1', 'c_2']);
  });

  it('is idempotent per clientId: same receipt, no second message', async () => {
    const { t, events } = await connected({ bot: false });
    const a = await t.send({ clientId: 'c_same', text: 'once' });
    const b = await t.send({ clientId: 'c_same', text: 'once' });
    expect(b).toEqual(a);
    expect(messages(events).filter((m) => m.clientId === 'c_same')).toHaveLength(1);
    expect(t.sentMessages).toHaveLength(1);
  });

  it('gives every durable event an increasing seq', async () => {
    const { t, events } = await connected({ verification: false });
    await t.send({ clientId: 'c1', text: 'cards' });
    await t.requestHandoff();
    await settle();
    const seqs = events.flatMap((e) => {
      if (e.type === 'message') return [e.message.seq];
      return 'seq' in e && e.seq !== undefined ? [e.seq] : [];
    });
    expect(seqs.length).toBeGreaterThan(6);
    expect(seqs).toEqual([...seqs].sort((x, y) => x! - y!));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.find((e) => e.type === 'queue')).toHaveProperty('seq');
  });

  it('rejects empty messages as invalid and not retryable', async () => {
    const { t } = await connected({ bot: false });
    const error = await t.send({ clientId: 'c1', text: '   ' }).catch((e: unknown) => e);
    expect(isTransportError(error) && error.code).toBe('invalid');
    expect(isTransportError(error) && error.retryable).toBe(false);
  });

  it('pages history backwards by seq', async () => {
    const { t } = await connected({ bot: false });
    for (let i = 1; i <= 7; i++) await t.send({ clientId: `c${i}`, text: `m${i}` });
    const p1 = await t.fetchHistory({ limit: 3 });
    expect(p1.messages.map((m) => m.clientId)).toEqual(['c5', 'c6', 'c7']);
    expect(p1.hasMore).toBe(true);
    const p2 = await t.fetchHistory({ limit: 3, ...(p1.before ? { before: p1.before } : {}) });
    expect(p2.messages.map((m) => m.clientId)).toEqual(['c2', 'c3', 'c4']);
    const p3 = await t.fetchHistory({ limit: 3, ...(p2.before ? { before: p2.before } : {}) });
    expect(p3.messages.map((m) => m.clientId)).toEqual(['c1']);
    expect(p3.hasMore).toBe(false);
    await expect(t.fetchHistory({ before: 'nope' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('resumes the same conversation from a snapshot, replaying only what the client missed', async () => {
    const { t, events } = await connected({ bot: false });
    await t.send({ clientId: 'c1', text: 'before' });
    const saved = t.snapshot();
    expect(saved).toMatchObject({ conversationId: expect.any(String), sessionToken: expect.any(String), cursor: '1' });
    t.emitIncoming('while you were away');
    await t.disconnect();
    expect(t.status).toBe('idle');
    events.length = 0;
    const resumed = await t.connect(ctx({ resume: saved }));
    await settle();
    expect(resumed.conversationId).toBe(saved.conversationId);
    expect(messages(events).map((m) => m.parts)).toEqual([[{ kind: 'text', text: 'while you were away' }]]);
    expect((await t.fetchHistory({})).messages).toHaveLength(2);

    await t.disconnect();
    const fresh = await t.connect(ctx());
    expect(fresh.conversationId).not.toBe(saved.conversationId);
    expect((await t.fetchHistory({})).messages).toHaveLength(0);
  });

  it('a new instance carries on with a snapshot it does not know (page reload): same id, later seqs, no greeting', async () => {
    const first = await connected();
    await first.t.send({ clientId: 'c1', text: 'cards' });
    await settle();
    const saved = first.t.snapshot();
    await first.t.disconnect();
    const second = await connected({}, { resume: saved });
    expect(second.t.snapshot().conversationId).toBe(saved.conversationId);
    expect(messages(second.events)).toEqual([]);
    const receipt = await second.t.send({ clientId: 'c2', text: 'thanks' });
    expect(receipt.seq).toBe(Number(saved.cursor) + 1);
  });

  it('does not greet again on resume', async () => {
    const { t } = await connected();
    const saved = t.snapshot();
    await t.disconnect();
    const events: TransportEvent[] = [];
    t.on((e) => events.push(e));
    await t.connect(ctx({ resume: saved }));
    await settle();
    expect(messages(events)).toEqual([]);
    expect((await t.fetchHistory({})).messages.filter((m) => m.from.role === 'bot')).toHaveLength(1);
  });

  it('advertises what it supports', () => {
    const t = createMemoryTransport();
    expect(t.capabilities).toMatchObject({
      realtime: true,
      history: 'backward',
      quickReplies: true,
      cards: true,
      humanHandoff: 'native',
      verification: true,
      queuePosition: true,
      closeConversation: true,
      rating: true,
      idempotentSend: true,
      attachments: { maxBytes: 10 * 1024 * 1024, maxFiles: 5 },
    });
    expect(createMemoryTransport({ verification: false, capabilities: { cards: false } }).capabilities).toMatchObject({
      verification: false,
      cards: false,
    });
  });

  it('refuses bad options with an OptionError', () => {
    for (const bad of [{ replyDelayMs: -1 }, { latencyMs: Number.NaN }, { queueStepMs: Infinity }]) {
      let error: unknown;
      try {
        createMemoryTransport(bad);
      } catch (e) {
        error = e;
      }
      expect(isOptionError(error)).toBe(true);
    }
  });

  it('records setTyping and markRead', async () => {
    const { t } = await connected({ bot: false });
    t.setTyping(true);
    expect(t.userTyping).toBe(true);
    await t.markRead(4);
    await t.markRead(2);
    expect(t.readUpTo).toBe(4);
  });
});

describe('memory transport: uploads', () => {
  it('reports progress and returns a blob: URL', async () => {
    const { t } = await connected({ bot: false });
    const progress: number[] = [];
    const file = Object.assign(new Blob(['hello world!'], { type: 'text/plain' }), { name: 'note.txt' });
    const ref = await t.upload(file, { onProgress: (p) => progress.push(p.loaded / p.total) });
    expect(progress).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ref).toMatchObject({ name: 'note.txt', mimeType: 'text/plain', size: 12 });
    expect(ref.url).toMatch(/^blob:/);
  });

  it('refuses files that are too large or of a wrong type, and stops when aborted', async () => {
    const { t } = await connected({ bot: false });
    const big = { size: 11 * 1024 * 1024, type: 'image/png', name: 'big.png' } as Blob & { name: string };
    await expect(t.upload(big)).rejects.toMatchObject({ code: 'too_large', retryable: false });
    await expect(t.upload(new Blob(['x'], { type: 'application/x-msdownload' }))).rejects.toMatchObject({ code: 'unsupported_type' });
    const controller = new AbortController();
    const pending = t.upload(new Blob(['x'], { type: 'image/png' }), {
      signal: controller.signal,
      onProgress: (p) => p.loaded === 0 && controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ name: 'TransportError', code: 'closed' });
  });
});

describe('memory transport: timers', () => {
  it('clears every timer on disconnect, rejects calls in flight and emits nothing afterwards', async () => {
    vi.useFakeTimers();
    try {
      const t = createMemoryTransport({ replyDelayMs: 600, queueStepMs: 1000, verification: false });
      const events: TransportEvent[] = [];
      t.on((e) => events.push(e));
      await t.connect(ctx());
      await t.requestHandoff();
      t.setLatency(500);
      const pending = t.send({ clientId: 'c1', text: 'hi' }).catch((e: unknown) => e);
      expect(vi.getTimerCount()).toBeGreaterThan(0);
      await t.disconnect();
      expect(vi.getTimerCount()).toBe(0);
      expect(await pending).toMatchObject({ code: 'closed' });
      const count = events.length;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(events.length).toBe(count);
      expect(events.at(-1)).toEqual({ type: 'status', status: 'idle' });
    } finally {
      vi.useRealTimers();
    }
  });
});
