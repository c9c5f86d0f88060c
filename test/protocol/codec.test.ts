import { describe, expect, expectTypeOf, it } from 'vitest';
import { TransportError as CoreTransportError, isTransportError } from '../../src/core/errors';
import type { ConnectionStatus, HandoffState, MessageStatus, ParticipantRole, TransportErrorCode } from '../../src/core/model';
import { errorToInfo, infoToError } from '../../src/tabs/protocol';
import {
  type CONNECTION_STATUSES,
  ERROR_CODES,
  type HANDOFF_STATES,
  type MESSAGE_STATUSES,
  RETRYABLE_ERROR_CODES,
  ROLES,
  isOneOf,
} from '../../src/protocol/enums';
import { TransportError, fromErrorInfo, isRetryableCode, toErrorInfo } from '../../src/protocol/errors';
import { cloneJsonValue, parseJson } from '../../src/protocol/json';

describe('enums', () => {
  it('the model unions are derived from the protocol arrays', () => {
    expectTypeOf<ParticipantRole>().toEqualTypeOf<(typeof ROLES)[number]>();
    expectTypeOf<ParticipantRole>().toEqualTypeOf<'user' | 'bot' | 'agent' | 'system'>();
    expectTypeOf<TransportErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expectTypeOf<HandoffState>().toEqualTypeOf<(typeof HANDOFF_STATES)[number]>();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<(typeof CONNECTION_STATUSES)[number]>();
    expectTypeOf<MessageStatus>().toEqualTypeOf<(typeof MESSAGE_STATUSES)[number]>();
  });

  it('isOneOf checks membership and nothing inherited', () => {
    expect(isOneOf(ROLES, 'agent')).toBe(true);
    expect(isOneOf(ROLES, 'admin')).toBe(false);
    expect(isOneOf(ROLES, 'toString')).toBe(false);
    expect(isOneOf(ROLES, 1)).toBe(false);
  });

  it('retryable codes are error codes', () => {
    for (const code of RETRYABLE_ERROR_CODES) expect(ERROR_CODES).toContain(code);
  });
});

describe('error codec', () => {
  it('isRetryableCode: network, timeout, server and rate_limited only', () => {
    expect(ERROR_CODES.filter(isRetryableCode).sort()).toEqual(['network', 'rate_limited', 'server', 'timeout']);
    expect(isRetryableCode('made_up')).toBe(false);
  });

  it('TransportError takes its retryable default from the codec, and core re-exports the same class', () => {
    expect(CoreTransportError).toBe(TransportError);
    expect(new TransportError('t', 'timeout', 'slow').retryable).toBe(true);
    expect(new TransportError('t', 'forbidden', 'no').retryable).toBe(false);
    expect(new TransportError('t', 'server', 'x', { retryable: false }).retryable).toBe(false);
  });

  it('round-trips TransportError → info → TransportError without doubling the transport prefix', () => {
    const error = new TransportError('websocket', 'rate_limited', 'slow down', { retryAfterMs: 1500 });
    const info = toErrorInfo(error);
    expect(info).toEqual({ code: 'rate_limited', message: 'slow down', retryable: true, retryAfterMs: 1500 });
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    const back = fromErrorInfo('websocket', info);
    expect(isTransportError(back)).toBe(true);
    expect(back.message).toBe(error.message);
    expect(back).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 1500, transport: 'websocket' });
  });

  it('the tabs channel uses the same codec, for anything thrown', () => {
    expect(errorToInfo('tabs', new TransportError('tabs', 'auth', 'who?'))).toEqual({ code: 'auth', message: 'who?', retryable: false });
    expect(errorToInfo('tabs', new Error('boom'))).toEqual({ code: 'network', message: 'boom', retryable: true });
    expect(infoToError('tabs', { code: 'closed', message: 'ended', retryable: false }).message).toBe('tabs: ended');
  });
});

describe('prototype-safe JSON', () => {
  it('drops __proto__, constructor and prototype keys at any depth', () => {
    const v = parseJson('{"a":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"b":2},"prototype":3}') as Record<
      string,
      unknown
    >;
    expect(v).toEqual({ a: { b: 2 } });
    expect(Object.getPrototypeOf(v.a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps such words as values', () => {
    expect(parseJson('{"id":"__proto__","list":["constructor"]}')).toEqual({ id: '__proto__', list: ['constructor'] });
  });

  it('throws SyntaxError on bad JSON', () => {
    expect(() => parseJson('{')).toThrow(SyntaxError);
  });

  it('cloneJsonValue copies plain JSON within bounds', () => {
    expect(cloneJsonValue({ a: [1, { b: null }] }, { maxDepth: 3, maxLength: 100 })).toEqual({ ok: true, value: { a: [1, { b: null }] } });
    expect(cloneJsonValue({ a: [1, { b: null }] }, { maxDepth: 2, maxLength: 100 }).ok).toBe(false);
    expect(cloneJsonValue('x'.repeat(10), { maxDepth: 1, maxLength: 5 }).ok).toBe(false);
    expect(cloneJsonValue(undefined, { maxDepth: 1, maxLength: 5 }).ok).toBe(false);
  });
});
