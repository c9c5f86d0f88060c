/**
 * The settings of the limits (flags, environment, defaults) and the client address: the socket's,
 * or X-Forwarded-For only from a trusted proxy (over a real HTTP server on loopback).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../server/cli/settings';
import { resolveConfig } from '../../server/config';
import { addressKey, clientAddress } from '../../server/limits/client-address';
import { EXTRA_LIMIT_DEFAULTS } from '../../server/limits/settings';

describe('limit settings', () => {
  it('flags and environment variables set windows (MAX/SECONDS), counts, timeouts and trusted proxies', () => {
    const { options } = readSettings(
      ['--frames-per-session', '50/5', '--sockets-per-session', '3', '--body-idle-timeout', '4', '--trusted-proxies', '10.0.0.1, 10.0.0.2'],
      { RATE_SESSIONS_PER_IP: '5/60', UPLOAD_TTL_HOURS: '2' },
    );
    const l = resolveConfig(options).extraLimits;
    expect(l.framesPerSession).toEqual({ max: 50, windowMs: 5000 });
    expect(l.sessionsPerIp).toEqual({ max: 5, windowMs: 60_000 });
    expect(l.socketsPerSession).toBe(3);
    expect(l.bodyIdleTimeoutMs).toBe(4000);
    expect(l.uploadTtlMs).toBe(7_200_000);
    expect(l.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(l.messagesPerSession).toEqual(EXTRA_LIMIT_DEFAULTS.messagesPerSession);
  });

  it('a malformed window is an error naming the expected form', () => {
    expect(() => readSettings(['--messages-per-ip', 'lots'], {})).toThrow(/MAX\/SECONDS/);
  });

  it('limits.maxFramesPer10s still sets the frame budget of a session (and twice that for operators)', () => {
    const l = resolveConfig({ limits: { maxFramesPer10s: 7 } }).extraLimits;
    expect(l.framesPerSession).toEqual({ max: 7, windowMs: 10_000 });
    expect(l.operatorFrames).toEqual({ max: 14, windowMs: 10_000 });
  });
});

describe('the client address', () => {
  async function addressSeen(trustedProxies: string[], forwarded?: string): Promise<string> {
    const server = createServer((req, res) => res.end(clientAddress(req, { config: { extraLimits: { trustedProxies } } })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, forwarded ? { headers: { 'X-Forwarded-For': forwarded } } : {});
      return await res.text();
    } finally {
      server.close();
    }
  }

  it("is the socket's address; X-Forwarded-For only counts from a trusted proxy", async () => {
    expect(await addressSeen([])).toBe('127.0.0.1');
    expect(await addressSeen([], '203.0.113.9')).toBe('127.0.0.1');
    expect(await addressSeen(['127.0.0.1'], '203.0.113.9')).toBe('203.0.113.9');
    // The client cannot prepend its own choice: the nearest untrusted hop counts.
    expect(await addressSeen(['127.0.0.1', '10.0.0.5'], '1.1.1.1, 203.0.113.9, 10.0.0.5')).toBe('203.0.113.9');
    expect(await addressSeen(['127.0.0.1'], 'not an address')).toBe('127.0.0.1');
  });

  it('IPv6 addresses are counted by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
  });
});
