// HTTP transport under injected faults, against the real reference server: the injected `fetch`
// passes requests through to it but can fail one on the way in or lose its response on the way out.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { startServer } from '../../server/app';
import { until } from './helpers/fake-swp-server';

type Server = Awaited<ReturnType<typeof startServer>>;
type Fault = (request: Request, forward: () => Promise<Response>) => Promise<Response | undefined> | undefined;

let server: Server;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', operatorHours: 'always', botDelayMs: 0 });
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
afterAll(async () => {
  await server?.close();
});

/** A transport whose fetch consults `fault` for every request (undefined → pass through). */
async function setup(fault: Fault) {
  const seen: Request[] = [];
  const faultyFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request.clone());
    const forward = () => fetch(request.clone());
    return (await fault(request, forward)) ?? forward();
  }) as typeof fetch;
  const transport = createHttpTransport({
    baseUrl: server.url,
    fetch: faultyFetch,
    pollWaitSeconds: 1,
    reconnect: { minDelayMs: 30, maxDelayMs: 100 },
  });
  const events: TransportEvent[] = [];
  transport.on((e) => events.push(e));
  cleanups.push(() => transport.disconnect());
  const session = await transport.connect({ user: {}, locale: 'en' });
  return { transport, events, seen, session };
}

const isSend = (r: Request) => r.method === 'POST' && /\/messages$/.test(new URL(r.url).pathname);
const isPoll = (r: Request) => r.method === 'GET' && /\/events$/.test(new URL(r.url).pathname);

describe('http transport: retries and faults', () => {
  it('retries a send after 503 + Retry-After, with the same Idempotency-Key', async () => {
    let failed = false;
    const { transport, seen } = await setup((request) => {
      if (!isSend(request) || failed) return undefined;
      failed = true;
      return Promise.resolve(
        new Response('{"code":"server","message":"busy"}', {
          status: 503,
          headers: { 'Retry-After': '1', 'Content-Type': 'application/problem+json' },
        }),
      );
    });
    const started = Date.now();
    const receipt = await transport.send({ clientId: 'c_retry_503', text: 'after a 503' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const sends = seen.filter(isSend);
    expect(sends).toHaveLength(2);
    expect(sends.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['c_retry_503', 'c_retry_503']);
    const history = await transport.fetchHistory!({ limit: 100 });
    expect(history.messages.filter((m) => m.clientId === 'c_retry_503').map((m) => m.id)).toEqual([receipt.id]);
  });

  it('a send whose response was lost is retried and not duplicated', async () => {
    let lost = false;
    const { transport, seen } = await setup(async (request, forward) => {
      if (!isSend(request) || lost) return undefined;
      lost = true;
      await forward(); // the server stores the message...
      throw new TypeError('fetch failed'); // ...but the answer never arrives
    });
    const receipt = await transport.send({ clientId: 'c_lost_answer', text: 'did it arrive?' });
    expect(seen.filter(isSend)).toHaveLength(2);
    const history = await transport.fetchHistory!({ limit: 100 });
    expect(history.messages.filter((m) => m.clientId === 'c_lost_answer').map((m) => m.id)).toEqual([receipt.id]);
  });

  it('a permanent rejection is not retried and maps to its code', async () => {
    const { transport, seen } = await setup(() => undefined);
    const error = await transport.send({ clientId: 'c_too_long', text: 'x'.repeat(5000) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TransportError', code: 'too_large', retryable: false });
    expect(seen.filter(isSend)).toHaveLength(1);
  });

  it('410 on a poll emits resync and continues from the returned cursor', async () => {
    let gone = false;
    const { events, seen } = await setup((request) => {
      if (!isPoll(request) || gone) return undefined;
      gone = true;
      return Promise.resolve(
        new Response(JSON.stringify({ code: 'expired', resync: true, cursor: '0' }), {
          status: 410,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      );
    });
    await until(() => events.find((e) => e.type === 'resync'), 5000, 'resync');
    await until(() => seen.filter(isPoll).length >= 2 || undefined, 5000, 'next poll');
    expect(new URL(seen.filter(isPoll)[1]!.url).searchParams.get('after')).toBe('0');
    expect(events.some((e) => e.type === 'status' && e.status === 'failed')).toBe(false);
  });

  it('failing polls report reconnecting with a delay, then online again', async () => {
    let failures = 2;
    const { events } = await setup((request) => {
      if (!isPoll(request) || failures <= 0) return undefined;
      failures--;
      return Promise.reject(new TypeError('network down'));
    });
    const reconnecting = await until(() => events.find((e) => e.type === 'status' && e.status === 'reconnecting'), 5000, 'reconnecting');
    expect(reconnecting).toMatchObject({ retryInMs: expect.any(Number), error: { code: 'network' } });
    await until(() => events.filter((e) => e.type === 'status' && e.status === 'online').length >= 2 || undefined, 5000, 'online again');
  });

  it('401 on a poll fails with auth and stops polling', async () => {
    const { events, seen } = await setup((request) =>
      isPoll(request) ? Promise.resolve(new Response('{"code":"auth","message":"token revoked"}', { status: 401 })) : undefined,
    );
    const failed = await until(() => events.find((e) => e.type === 'status' && e.status === 'failed'), 5000, 'failed');
    expect(failed).toMatchObject({ error: { code: 'auth' } });
    const polls = seen.filter(isPoll).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter(isPoll).length).toBe(polls);
  });

  it('a session answer that arrives after disconnect() starts no poll loop (nothing polls on after destroy)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: Request[] = [];
    const slowSessions = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      seen.push(request.clone());
      // Forwarded without the caller's signal: the answer comes even though the caller gave up.
      const plain = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: (await request.clone().text()) || undefined,
      });
      const res = await fetch(plain);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/sessions')) await gate;
      return res;
    }) as typeof fetch;
    const transport = createHttpTransport({ baseUrl: server.url, fetch: slowSessions, pollWaitSeconds: 1 });
    const connecting = transport.connect({ user: {}, locale: 'en' }).then(
      () => 'connected',
      (e: Error) => e.message,
    );
    await until(() => seen.some((r) => r.method === 'POST') || undefined, 5000, 'the session request');
    transport.disconnect();
    release();
    expect(await connecting).not.toBe('connected');
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.filter(isPoll)).toEqual([]);
  });
});
