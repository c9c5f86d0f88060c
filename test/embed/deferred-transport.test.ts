/**
 * The script-tag build's deferred transports: a transport that works at once and loads its code
 * on connect, behind a real chat engine.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDeferredTransport } from '../../src/embed/deferred-transport';
import { createChat } from '../../src/core/chat';
import { OptionError, isTransportError } from '../../src/core/errors';
import { BASIC_CAPABILITIES } from '../../src/core/transport';
import { botMessage, createFakeTransport, flush } from '../core/chat-helpers';

const CAPS = { ...BASIC_CAPABILITIES, realtime: true, attachments: false as const };

describe('createDeferredTransport', () => {
  it('answers capabilities before loading, loads once on connect, and hands over listeners added before', async () => {
    const real = createFakeTransport({ autoAck: true, capabilities: { rating: true } });
    const load = vi.fn(async () => real);
    const t = createDeferredTransport('fake', CAPS, load);
    expect(t.capabilities).toBe(CAPS);
    expect(load).not.toHaveBeenCalled();
    const events: string[] = [];
    t.on((e) => events.push(e.type));
    const chat = createChat({ transport: t, locale: 'en' });
    await chat.start();
    expect(load).toHaveBeenCalledTimes(1);
    expect(t.capabilities.rating).toBe(true);
    expect(chat.state.connection.value).toBe('online');
    real.emit({ type: 'message', message: botMessage(1, 'hello') });
    expect(events).toContain('message');
    expect(chat.state.messages.value.map((m) => m.parts[0])).toEqual([{ kind: 'text', text: 'hello' }]);
    chat.send('hi');
    await flush();
    expect(real.sends.map((s) => s.message.text)).toEqual(['hi']);
    expect(await t.load()).toBe(real);
    expect(load).toHaveBeenCalledTimes(1);
    await chat.destroy();
    expect(real.disconnects).toBe(1);
  });

  it('keeps the resume snapshot until loaded, and delegates every optional call', async () => {
    const real = createFakeTransport();
    const t = createDeferredTransport('fake', CAPS, async () => real);
    expect(t.snapshot()).toEqual({});
    t.setTyping(true); // before load: nothing to tell, and no throw
    t.checkAlive('online');
    await t.connect({ user: {}, locale: 'en', resume: { conversationId: 'c-9', cursor: '4' } });
    expect(real.connects[0]!.resume).toEqual({ conversationId: 'c-9', cursor: '4' });
    expect(t.snapshot()).toMatchObject({ conversationId: 'c-9', cursor: '4' });
    await t.markRead(3);
    await t.requestHandoff({ reason: 'human' });
    expect(await t.submitVerification('ch-1', '123456')).toBe('ok');
    expect(real.markReads).toEqual([3]);
    expect(real.handoffRequests).toEqual([{ reason: 'human' }]);
    expect(real.verifications).toEqual([['ch-1', '123456']]);
  });

  it('a call the real transport lacks rejects with unsupported', async () => {
    const real = createFakeTransport({ without: ['fetchHistory', 'upload'] });
    const t = createDeferredTransport('fake', CAPS, async () => real);
    const error = await t.fetchHistory({ limit: 5 }).catch((e: unknown) => e);
    expect(isTransportError(error) && error.code).toBe('unsupported');
    const upload = await t.upload(new Blob(['x'])).catch((e: unknown) => e);
    expect(isTransportError(upload) && upload.code).toBe('unsupported');
  });

  it('retries a failed load, then fails connect with a retryable network error; a later connect loads again', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const real = createFakeTransport();
      const t = createDeferredTransport('fake', CAPS, async () => {
        calls++;
        if (calls <= 3) throw new Error('could not load support-chat.fake.js');
        return real;
      });
      const first = t.connect({ user: {}, locale: 'en' }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(5000);
      const error = await first;
      expect(calls).toBe(3);
      expect(isTransportError(error) && [error.code, error.retryable]).toEqual(['network', true]);
      expect((error as Error).message).toContain('could not load support-chat.fake.js');
      await t.connect({ user: {}, locale: 'en' });
      expect(calls).toBe(4);
      expect(real.connects).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a bad option found while creating the real transport fails at once, not retried', async () => {
    let calls = 0;
    const t = createDeferredTransport('fake', CAPS, async () => {
      calls++;
      throw new OptionError('retryLimit', 'expected a whole number ≥ 0');
    });
    const error = await t.connect({ user: {}, locale: 'en' }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(isTransportError(error) && [error.code, error.retryable]).toEqual(['invalid', false]);
  });

  it('disconnect before the load finishes: the real transport is never connected', async () => {
    let release!: () => void;
    const real = createFakeTransport();
    const t = createDeferredTransport('fake', CAPS, () => new Promise<typeof real>((resolve) => (release = () => resolve(real))));
    const connecting = t.connect({ user: {}, locale: 'en' }).catch((e: unknown) => e);
    await t.disconnect();
    release();
    const error = await connecting;
    expect(isTransportError(error) && error.code).toBe('closed');
    expect(real.connects).toHaveLength(0);
    await expect(t.connect({ user: {}, locale: 'en' })).rejects.toMatchObject({ code: 'closed' });
  });
});
