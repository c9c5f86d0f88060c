import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ChatError,
  DestroyedError,
  OptionError,
  ProtocolError,
  TransportError,
  isChatError,
  isOptionError,
  isTransportError,
  toTransportError,
} from '../../src/core/errors';

describe('errors', () => {
  it('OptionError carries the option and the reason', () => {
    const e = new OptionError('position', 'expected "left" or "right"');
    expect(e).toBeInstanceOf(ChatError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('OptionError');
    expect(e.option).toBe('position');
    expect(e.reason).toBe('expected "left" or "right"');
    expect(e.message).toBe('support-chat: invalid option "position": expected "left" or "right"');
  });

  it('TransportError derives retryable from the code unless told', () => {
    for (const code of ['network', 'timeout', 'server', 'rate_limited'] as const) {
      expect(new TransportError('ws', code, 'x').retryable).toBe(true);
    }
    for (const code of ['auth', 'forbidden', 'invalid', 'too_large', 'unsupported'] as const) {
      expect(new TransportError('ws', code, 'x').retryable).toBe(false);
    }
    const cause = new Error('socket');
    const e = new TransportError('http', 'network', 'POST /messages failed', { retryable: false, retryAfterMs: 3000, cause });
    expect(e).toMatchObject({ name: 'TransportError', transport: 'http', code: 'network', retryable: false, retryAfterMs: 3000, cause });
    expect(e.message).toBe('http: POST /messages failed');
    expect('retryAfterMs' in new TransportError('ws', 'network', 'x')).toBe(false);
  });

  it('DestroyedError and ProtocolError are ChatErrors with their own names', () => {
    const d = new DestroyedError('send()');
    expect(d.message).toBe('support-chat: send() called after destroy()');
    expect(d.name).toBe('DestroyedError');
    expect(isChatError(d)).toBe(true);
    expect(new ProtocolError('bad frame').name).toBe('ProtocolError');
    expect(isChatError(new ProtocolError('bad frame'))).toBe(true);
  });

  it('guards work across realms: plain objects and errors from another realm with the right name', () => {
    const plain = { name: 'TransportError', message: 'ws: down', code: 'network' };
    expect(isChatError(plain)).toBe(true);
    expect(isTransportError(plain)).toBe(true);
    expect(isOptionError(plain)).toBe(false);
    expect(isOptionError({ name: 'OptionError', message: 'x' })).toBe(true);

    const foreignPlain: unknown = runInNewContext('({ name: "TransportError", message: "from an iframe" })');
    expect(foreignPlain instanceof Object).toBe(false);
    expect(isChatError(foreignPlain)).toBe(true);
    expect(isTransportError(foreignPlain)).toBe(true);
    const foreignError: unknown = runInNewContext('(() => { const e = new Error("x"); e.name = "OptionError"; return e; })()');
    expect(isOptionError(foreignError)).toBe(true);
  });

  it('guards reject everything else', () => {
    for (const value of [null, undefined, 'TransportError', 42, new Error('x'), { name: 'TypeError' }, {}]) {
      expect(isChatError(value)).toBe(false);
      expect(isTransportError(value)).toBe(false);
    }
    expect(isTransportError(new OptionError('a', 'b'))).toBe(false);
  });

  it('toTransportError keeps TransportErrors and wraps anything else as a retryable network error', () => {
    const original = new TransportError('ws', 'auth', 'expired token');
    expect(toTransportError('ws', original)).toBe(original);
    const cause = new TypeError('Failed to fetch');
    const wrapped = toTransportError('http', cause);
    expect(wrapped).toMatchObject({ name: 'TransportError', code: 'network', retryable: true, transport: 'http', cause });
    expect(wrapped.message).toBe('http: Failed to fetch');
    expect(toTransportError('http', 'boom').message).toBe('http: boom');
  });
});
