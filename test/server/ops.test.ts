/** The deployment probes: /healthz, /readyz (503 while draining), /metrics (Prometheus text, guarded), graceful drain. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('probes and metrics', () => {
  it('healthz and readyz answer; metrics count connections, messages, acks and errors', async () => {
    server = await testServer();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
    const { c, welcome } = await Customer.connect(server);
    expect((await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'k1', text: 'hi' })).t).toBe('ack');
    expect((await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'k2', text: 5 })).t).toBe('nack');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const body = await res.text();
    expect(body).toContain('# TYPE sc_messages_total counter');
    expect(body).toMatch(/^sc_messages_total\{role="user"\} 1$/m);
    expect(body).toMatch(/^sc_frames_sent_total\{type="ack"\} [1-9]/m);
    expect(body).toMatch(/^sc_errors_total\{code="invalid"\} 1$/m);
    expect(body).toMatch(/^sc_customer_connections 1$/m);
    expect(body).toMatch(/^sc_queue_length 0$/m);
    expect(body).toMatch(/^process_resident_memory_bytes \d+$/m);
    await c.close();
  });

  it('with a metrics token, /metrics needs it', async () => {
    server = await testServer({ metricsToken: 'scrape-me' });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-one' } })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } })).status).toBe(200);
  });

  it('close() drains: readiness goes 503, a request in flight finishes, then the server stops', async () => {
    server = await testServer({ drainMs: 5000 });
    const s = server;
    const { c, welcome } = await Customer.connect(s);
    await c.waitFor((f) => f.t === 'event'); // the greeting
    await new Promise((r) => setTimeout(r, 100));
    const last = Math.max(...c.events().map((f) => f.seq));
    // A long-poll is in flight when the drain starts: it is answered (503 with a retry hint), not cut.
    const poll = fetch(`${s.url}/swp/v1/conversations/${welcome.conversationId}/events?after=${last}&wait=20`, {
      headers: { authorization: `Bearer ${welcome.sessionToken}` },
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = s.close();
    const answered = await poll;
    expect(answered.status).toBe(503);
    await closing;
    await c.closed;
    server = undefined;
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });
});
