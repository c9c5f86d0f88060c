import { describe, expect, it } from 'vitest';
import { isOptionError } from '../../src/core/errors';
import { backoffDelay } from '../../src/transports/swp/backoff';
import { httpError, parseRetryAfter } from '../../src/transports/swp/http-errors';
import { createTypingThrottle } from '../../src/transports/swp/typing-throttle';
import { resolveEndpoints, resolveHttpBase } from '../../src/transports/swp/url';

describe('resolveEndpoints', () => {
  it('derives the WebSocket URL from an http(s) base and the HTTP base from a ws(s) URL', () => {
    expect(resolveEndpoints('url', 'https://chat.example.com/support/')).toEqual({
      ws: 'wss://chat.example.com/support/swp/v1/ws',
      http: 'https://chat.example.com/support/swp/v1',
    });
    expect(resolveEndpoints('url', 'ws://127.0.0.1:8080/swp/v1/ws')).toEqual({
      ws: 'ws://127.0.0.1:8080/swp/v1/ws',
      http: 'http://127.0.0.1:8080/swp/v1',
    });
    expect(resolveHttpBase('baseUrl', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/swp/v1');
  });

  it('throws OptionError naming the option, with the reason', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['', /non-empty/],
      [42, /non-empty/],
      ['chat.example.com', /absolute/],
      ['ftp://x.test', /scheme/],
      ['https://user:pw@x.test', /credentials/],
      ['wss://x.test/swp/v1/ws?token=abc', /query/],
    ];
    for (const [value, reason] of cases) {
      try {
        resolveEndpoints('url', value);
        throw new Error(`accepted ${String(value)}`);
      } catch (error) {
        expect(isOptionError(error)).toBe(true);
        expect((error as { option: string }).option).toBe('url');
        expect((error as { reason: string }).reason).toMatch(reason);
      }
    }
    expect(() => resolveHttpBase('baseUrl', 'ws://x.test')).toThrow(/baseUrl/);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is jittered between half and all of the ceiling, and is capped', () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(500);
    expect(backoffDelay(0, {}, () => 1)).toBe(1000);
    expect(backoffDelay(3, {}, () => 1)).toBe(Math.round(1000 * 1.6 ** 3));
    expect(backoffDelay(50, {}, () => 1)).toBe(30_000);
    expect(backoffDelay(50, {}, () => 0)).toBe(15_000);
    expect(backoffDelay(2, { minDelayMs: 10, maxDelayMs: 100, factor: 2 }, () => 1)).toBe(40);
  });
});

describe('HTTP error mapping', () => {
  it('maps statuses and problem bodies to TransportError codes', () => {
    expect(httpError('http', 401, '').code).toBe('auth');
    expect(httpError('http', 401, '{"code":"expired","title":"token expired"}')).toMatchObject({ code: 'expired', retryable: false });
    expect(httpError('http', 403, '').code).toBe('forbidden');
    expect(httpError('http', 404, '').code).toBe('not_found');
    expect(httpError('http', 413, '').code).toBe('too_large');
    expect(httpError('http', 415, '').code).toBe('unsupported_type');
    expect(httpError('http', 422, '{"code":"nonsense","detail":"bad"}')).toMatchObject({ code: 'invalid', retryable: false });
    expect(httpError('http', 503, 'oops')).toMatchObject({ code: 'server', retryable: true });
    const limited = httpError('http', 429, '{"code":"rate_limited"}', '7');
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7000 });
    expect(limited.message).toContain('http:');
  });

  it('parses Retry-After seconds and dates, capped at 60 s', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('3600')).toBe(60_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('typing throttle', () => {
  it('sends at most one "on" per interval and a single "off"', () => {
    let now = 0;
    const sent: boolean[] = [];
    const setTyping = createTypingThrottle(
      (on) => sent.push(on),
      3000,
      () => now,
    );
    setTyping(true);
    now = 1000;
    setTyping(true);
    setTyping(false);
    setTyping(false);
    now = 2000;
    setTyping(true);
    now = 3500;
    setTyping(true);
    expect(sent).toEqual([true, false, true]);
  });
});
