import { describe, expect, it } from 'vitest';
import { isTransportError, TransportError } from '../../src/core/errors';
import type { TransportEvent } from '../../src/core/transport';
import { createMemoryTransport } from '../../src/transports/memory';
import { connected, ctx, last, messages, settle, textOf } from './memory-helpers';

const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('memory transport: emulator controls', () => {
  it('manual ack: held sends wait, are listed oldest first, and are acked one by one', async () => {
    const { t, events } = await connected({ bot: false });
    t.holdSends();
    const one = outcome(t.send({ clientId: 'c1', text: 'one' }));
    const two = outcome(t.send({ clientId: 'c2', text: 'two' }));
    await settle();
    expect(t.pendingSends().map((m) => m.clientId)).toEqual(['c1', 'c2']);
    expect(messages(events)).toEqual([]);
    const receipt = t.ack('c2');
    expect(await two).toEqual({ ok: true, value: receipt });
    expect(messages(events).map((m) => m.clientId)).toEqual(['c2']);
    expect(t.pendingSends().map((m) => m.clientId)).toEqual(['c1']);
    t.ack('c1', { seq: 40, id: 'srv-1' });
    expect(await one).toMatchObject({ ok: true, value: { clientId: 'c1', id: 'srv-1', seq: 40 } });
    expect(t.sentMessages.map((m) => m.clientId)).toEqual(['c2', 'c1']);
  });

  it('reject fails a held send with a TransportError (plain data or an error), and the retry can be acked', async () => {
    const { t } = await connected({ bot: false });
    t.holdSends();
    const first = outcome(t.send({ clientId: 'c1', text: 'hi' }));
    await settle();
    t.reject('c1', { code: 'rate_limited', retryable: true });
    const failed = await first;
    expect(failed.ok).toBe(false);
    expect(!failed.ok && isTransportError(failed.error) && [failed.error.code, failed.error.retryable]).toEqual(['rate_limited', true]);
    const permanent = new TransportError('memory', 'forbidden', 'no', { retryable: false });
    const second = outcome(t.send({ clientId: 'c1', text: 'hi' }));
    await settle();
    t.reject('c1', permanent);
    expect(await second).toEqual({ ok: false, error: permanent });
    const third = outcome(t.send({ clientId: 'c1', text: 'hi' }));
    await settle();
    t.ack('c1');
    expect((await third).ok).toBe(true);
    expect(() => t.ack('nope')).toThrow(/no held send/);
    expect(() => t.reject('nope')).toThrow(/no held send/);
  });

  it('two attempts of one clientId waiting together get the same receipt; once acked, repeats answer at once', async () => {
    const { t } = await connected({ bot: false });
    t.holdSends();
    const a = t.send({ clientId: 'c1', text: 'hi' });
    const b = t.send({ clientId: 'c1', text: 'hi' });
    await settle();
    const receipt = t.ack('c1');
    expect(await a).toBe(receipt);
    expect(await b).toBe(receipt);
    expect(await t.send({ clientId: 'c1', text: 'hi' })).toBe(receipt);
    t.releaseSends();
    expect(await t.send({ clientId: 'c2', text: 'free' })).toMatchObject({ clientId: 'c2' });
  });

  it('disconnect rejects held sends as closed', async () => {
    const { t } = await connected({ bot: false });
    t.holdSends();
    const held = outcome(t.send({ clientId: 'c1', text: 'hi' }));
    await settle();
    await t.disconnect();
    const result = await held;
    expect(!result.ok && isTransportError(result.error) && result.error.code).toBe('closed');
    expect(t.pendingSends()).toEqual([]);
  });

  it('failNextConnect fails one connect (status failed), the next works', async () => {
    const t = createMemoryTransport({ bot: false });
    const statuses: string[] = [];
    t.on((e) => e.type === 'status' && statuses.push(e.status));
    const auth = new TransportError('memory', 'auth', 'bad token', { retryable: false });
    t.failNextConnect(auth);
    await expect(t.connect(ctx())).rejects.toBe(auth);
    expect(t.status).toBe('failed');
    await t.connect(ctx());
    expect(statuses).toEqual(['connecting', 'failed', 'connecting', 'online']);
    t.failNextConnect();
    await t.disconnect();
    await expect(t.connect(ctx())).rejects.toMatchObject({ code: 'network' });
  });

  it('lists every call the SDK made, retries included, for tests to assert on', async () => {
    const { t } = await connected({ bot: false }, { user: { id: 'u1' } });
    t.failNextSend();
    await expect(t.send({ clientId: 'c1', text: 'hi' })).rejects.toThrow();
    await t.send({ clientId: 'c1', text: 'hi' });
    t.setTyping(true);
    await t.markRead(1);
    expect(t.calls.map((c) => c.method)).toEqual(['connect', 'send', 'send', 'setTyping', 'markRead']);
    expect(t.calls[0]!.args[0]).toMatchObject({ user: { id: 'u1' }, locale: 'en' });
    expect(t.listenerCount).toBe(1);
  });

  it('emitIncoming takes text, a message from the operator or system, or any event, and gives seqs', async () => {
    const { t, events } = await connected({ bot: false });
    const bot = t.emitIncoming('hello');
    const op = t.emitIncoming({ from: 'operator', text: 'Anna here' });
    const sys = t.emitIncoming({ from: 'system', text: 'note' });
    expect([bot.from.role, op.from.role, sys.from.role]).toEqual(['bot', 'agent', 'system']);
    expect([bot.seq, op.seq, sys.seq]).toEqual([1, 2, 3]);
    expect(t.emitIncoming({ type: 'queue', queue: { position: 2 } })).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'queue', queue: { position: 2 }, seq: 4 });
    t.emitIncoming({ type: 'typing', from: op.from, on: true });
    expect(events.at(-1)).toEqual({ type: 'typing', from: op.from, on: true });
    const page = await t.fetchHistory({});
    expect(page.messages.map(textOf)).toEqual(['hello', 'Anna here', 'note']);
  });

  it('the emulator follows injected events: a closed conversation can be rated, then reopens on a new message', async () => {
    const { t, events } = await connected({ bot: false });
    await expect(t.rate(5)).rejects.toThrow(/closed/);
    t.emit({ type: 'conversation', state: 'closed', seq: 99 });
    expect(events.at(-1)).toEqual({ type: 'conversation', state: 'closed', seq: 99 });
    await t.rate(5);
    await t.send({ clientId: 'c1', text: 'again' });
    expect(events.some((e: TransportEvent) => e.type === 'conversation' && e.state === 'open')).toBe(true);
  });

  it('echo: false keeps the user message in history without delivering it; handoff: false sends no handoff events', async () => {
    const { t, events } = await connected({ bot: false, echo: false, handoff: false });
    const receipt = await t.send({ clientId: 'c1', text: 'hi' });
    expect(messages(events)).toEqual([]);
    expect((await t.fetchHistory({})).messages.map((m) => m.clientId)).toEqual(['c1']);
    expect(receipt.seq).toBe(1);
    await t.requestHandoff();
    expect(events.some((e) => e.type === 'handoff')).toBe(false);
    expect(await t.submitVerification('any', '000000')).toBe('invalid');
    expect(await t.submitVerification('any', '123456')).toBe('ok');
  });

  it('uploads follow the advertised attachment limits; a backend without files says unsupported', async () => {
    const small = await connected({ bot: false, capabilities: { attachments: { maxBytes: 4, maxFiles: 1, accept: ['.pdf'] } } });
    const pdf = Object.assign(new Blob(['abc'], { type: 'application/pdf' }), { name: 'a.pdf' });
    expect(await small.t.upload(pdf)).toMatchObject({ name: 'a.pdf', size: 3 });
    await expect(small.t.upload(new Blob(['abcdef'], { type: 'application/pdf' }))).rejects.toMatchObject({ code: 'too_large' });
    const none = await connected({ bot: false, capabilities: { attachments: false } });
    await expect(none.t.upload(pdf)).rejects.toMatchObject({ code: 'unsupported' });
    expect(last(none.events)).toBeUndefined();
  });
});
