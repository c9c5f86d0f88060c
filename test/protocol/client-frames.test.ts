import { describe, expect, it } from 'vitest';
import { checkClientFrame, clientFrameCheckers } from '../../src/protocol/client-frames';
import { checkServerFrame } from '../../src/protocol/server-frames';

const checkers = clientFrameCheckers({ maxTextLength: 10, maxFiles: 2 });
const check = (v: unknown) => checkClientFrame(v, checkers);

describe('client → server frames', () => {
  it('cleans a good send frame', () => {
    const r = check({
      t: 'send',
      id: 'r1',
      conversationId: 'c',
      clientId: 'k',
      text: 'hi',
      attachments: [{ id: 'a', x: 1 }],
      action: { id: 'q', label: 'Yes', kind: 'reply' },
      evil: 1,
    });
    expect(r).toEqual({
      ok: true,
      value: {
        t: 'send',
        id: 'r1',
        conversationId: 'c',
        clientId: 'k',
        text: 'hi',
        attachments: [{ id: 'a' }],
        action: { id: 'q', label: 'Yes', kind: 'reply', value: '' },
      },
    });
  });

  it('is strict: wrong types fail, naming the field', () => {
    expect(check({ t: 'send', id: 'r', conversationId: 'c', clientId: 5 })).toMatchObject({ ok: false, field: 'clientId' });
    expect(check({ t: 'send', id: 'r', conversationId: 'c', clientId: 'k', text: 'x'.repeat(11) })).toMatchObject({
      ok: false,
      field: 'text',
      reason: 'is longer than 10 characters',
    });
    expect(
      check({ t: 'send', id: 'r', conversationId: 'c', clientId: 'k', attachments: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }),
    ).toMatchObject({ field: 'attachments' });
    expect(
      check({ t: 'send', id: 'r', conversationId: 'c', clientId: 'k', action: { id: 'x', label: 'y', kind: 'javascript' } }),
    ).toMatchObject({ field: 'action.kind' });
    expect(check({ t: 'read', id: 'r', conversationId: 'c', upTo: '12' })).toMatchObject({ field: 'upTo' });
    expect(check({ t: 'hello', id: 'h', client: 'x' })).toMatchObject({ field: 'client' });
    expect(check({ t: 'hello', id: 'h', user: { id: 7 } })).toMatchObject({ field: 'user.id' });
    expect(check({ t: 'rate', id: 'r', conversationId: 'c', score: 6 })).toMatchObject({ field: 'score' });
    expect(check({ t: 'close', id: '', conversationId: 'c' })).toMatchObject({ field: 'id', reason: 'must not be empty' });
    expect(check({ t: 'teleport' })).toMatchObject({ field: 't' });
    expect(check({ t: 'constructor' })).toMatchObject({ field: 't' });
    expect(check('hello')).toMatchObject({ ok: false });
  });

  it('hello: defaults for the client, metadata cut and cleaned of forbidden keys', () => {
    const metadata = JSON.parse('{"page":"' + 'p'.repeat(1200) + '","__proto__":"x","n":"1"}');
    const r = check({
      t: 'hello',
      id: 'h',
      metadata,
      user: { id: 'u1', segment: 'business', attributes: { plan: 'pro', seats: 3, trial: false } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.t !== 'hello') return;
    expect(r.value.client).toEqual({ sdk: 'unknown', locale: 'en' });
    expect(r.value.metadata?.page).toHaveLength(1000);
    expect(Object.keys(r.value.metadata ?? {})).toEqual(['page', 'n']);
    expect(r.value.user).toEqual({ id: 'u1', segment: 'business', attributes: { plan: 'pro', seats: 3, trial: false } });
  });
});

describe('server → client frames', () => {
  it('ignores unknown frame types, including Object.prototype names', () => {
    expect(checkServerFrame({ t: 'hologram' })).toEqual({ ok: 'ignored', type: 'hologram' });
    expect(checkServerFrame({ t: 'toString' })).toEqual({ ok: 'ignored', type: 'toString' });
  });

  it('names the bad field of a frame', () => {
    expect(
      checkServerFrame({ t: 'event', seq: 1, conversationId: 'c', event: { type: 'read', by: { id: 'o', role: 'agent' }, upTo: 'x' } }),
    ).toMatchObject({
      ok: false,
      field: 'event.upTo',
    });
    expect(checkServerFrame({ t: 'typing', conversationId: 'c', from: { id: 'o', role: 'agent' } })).toMatchObject({
      ok: false,
      field: 'on',
    });
  });

  it('keeps only the seq of an event of an unknown type', () => {
    expect(checkServerFrame({ t: 'event', seq: 2, conversationId: 'c', event: { type: 'reaction' } })).toEqual({
      ok: true,
      value: { t: 'event', seq: 2, conversationId: 'c', event: null },
    });
  });

  it('goaway and ping are tolerant', () => {
    expect(checkServerFrame({ t: 'goaway', reconnectInMs: -5 })).toEqual({
      ok: true,
      value: { t: 'goaway', reconnectInMs: 0, reason: 'goaway' },
    });
    expect(checkServerFrame({ t: 'ping', n: 'x', seq: 3 })).toEqual({ ok: true, value: { t: 'ping', n: 0, seq: 3 } });
  });
});
