import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransportError, toTransportError } from '../../src/core/errors';
import type { ChatMessage, MessageError } from '../../src/core/model';
import { backoffDelay, createOutbox, type OutboxHost } from '../../src/core/outbox';
import type { OutgoingMessage, SendReceipt } from '../../src/core/transport';
import { flush } from './chat-helpers';

interface Harness {
  host: OutboxHost;
  messages: ChatMessage[];
  calls: { message: OutgoingMessage; resolve(r: SendReceipt): void; reject(e: unknown): void }[];
  log: string[];
  online: boolean;
}

function harness(clientIds: string[]): Harness {
  const h: Harness = {
    messages: clientIds.map((clientId) => ({
      id: clientId,
      clientId,
      from: { id: 'me', role: 'user' },
      parts: [{ kind: 'text', text: clientId }],
      createdAt: '',
      status: 'queued',
    })),
    calls: [],
    log: [],
    online: true,
    host: undefined as unknown as OutboxHost,
  };
  const set = (clientId: string, status: ChatMessage['status'], error?: MessageError) => {
    const m = h.messages.find((x) => x.clientId === clientId)!;
    m.status = status;
    if (error) m.error = error;
    h.log.push(`${clientId}:${status}`);
  };
  h.host = {
    isOnline: () => h.online,
    pending: () => h.messages.filter((m) => m.status === 'queued' || m.status === 'sending'),
    toOutgoing: (m) => ({ clientId: m.clientId!, text: m.clientId! }),
    send: (message) => new Promise((resolve, reject) => h.calls.push({ message, resolve, reject })),
    markSending: (id) => set(id, 'sending'),
    markSent: (id) => set(id, 'sent'),
    markQueued: (id) => set(id, 'queued'),
    markFailed: (id, error) => set(id, 'failed', error),
    toError: (raw) => {
      const e = toTransportError('t', raw);
      return {
        code: e.code,
        message: e.message,
        retryable: e.retryable,
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
      };
    },
  };
  return h;
}

const ack = (h: Harness, i: number) =>
  h.calls[i]!.resolve({ clientId: h.calls[i]!.message.clientId, id: `s${i}`, createdAt: '', seq: i + 1 });

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('backoff: full jitter under an exponential ceiling, never below 500 ms nor above 30 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 0.99)).toBe(990);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.999999)).toBeLessThanOrEqual(30_000);
    expect(backoffDelay(20, () => 0.999999)).toBeGreaterThan(29_000);
  });

  it('sends one at a time, in order', async () => {
    const h = harness(['a', 'b', 'c']);
    createOutbox(h.host).flush();
    await flush();
    expect(h.calls.map((c) => c.message.clientId)).toEqual(['a']);
    ack(h, 0);
    await flush();
    expect(h.calls.map((c) => c.message.clientId)).toEqual(['a', 'b']);
    ack(h, 1);
    await flush();
    ack(h, 2);
    await flush();
    expect(h.log).toEqual(['a:sending', 'a:sent', 'b:sending', 'b:sent', 'c:sending', 'c:sent']);
  });

  it('does nothing offline, and kick() sends when back', async () => {
    const h = harness(['a']);
    h.online = false;
    const outbox = createOutbox(h.host);
    outbox.flush();
    await flush();
    expect(h.calls).toHaveLength(0);
    h.online = true;
    outbox.kick();
    await flush();
    expect(h.calls).toHaveLength(1);
  });

  it('a retryable failure goes back to queued and is retried after the backoff with the same clientId', async () => {
    const h = harness(['a', 'b']);
    createOutbox(h.host).flush();
    await flush();
    h.calls[0]!.reject(new TransportError('t', 'network', 'down'));
    await flush();
    expect(h.log).toEqual(['a:sending', 'a:queued']);
    expect(h.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499); // backoff(0) with random 0.5 → max(500, 500)
    expect(h.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls.map((c) => c.message.clientId)).toEqual(['a', 'a']);
    ack(h, 1);
    await flush();
    expect(h.calls.map((c) => c.message.clientId)).toEqual(['a', 'a', 'b']);
  });

  it('honours retryAfterMs, and kick() skips the wait', async () => {
    const h = harness(['a']);
    const outbox = createOutbox(h.host);
    outbox.flush();
    await flush();
    h.calls[0]!.reject(new TransportError('t', 'rate_limited', 'slow down', { retryAfterMs: 10_000 }));
    await flush();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(h.calls).toHaveLength(1);
    outbox.kick();
    await flush();
    expect(h.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a permanent rejection fails that message and moves on', async () => {
    const h = harness(['a', 'b']);
    createOutbox(h.host).flush();
    await flush();
    h.calls[0]!.reject(new TransportError('t', 'forbidden', 'blocked words'));
    await flush();
    expect(h.messages[0]).toMatchObject({ status: 'failed', error: { code: 'forbidden', retryable: false } });
    expect(h.calls.map((c) => c.message.clientId)).toEqual(['a', 'b']);
  });

  it('stop() cancels the retry timer and ignores late results', async () => {
    const h = harness(['a', 'b']);
    const outbox = createOutbox(h.host);
    outbox.flush();
    await flush();
    h.calls[0]!.reject(new TransportError('t', 'network', 'down'));
    await flush();
    expect(vi.getTimerCount()).toBe(1);
    outbox.stop();
    expect(vi.getTimerCount()).toBe(0);
    outbox.kick();
    await flush();
    expect(h.calls).toHaveLength(1);

    const g = harness(['x']);
    const other = createOutbox(g.host);
    other.flush();
    await flush();
    other.stop();
    ack(g, 0);
    await flush();
    expect(g.log).toEqual(['x:sending']);
  });
});
