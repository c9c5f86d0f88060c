import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { CloseCode } from '../../src/transports/swp/frames';
import { Customer, testServer } from './customer';

let server: RunningServer;
let healthy: Customer;
let healthyConversation: string;
let okCounter = 0;

beforeEach(async () => {
  server = await testServer({ limits: { maxFrameBytes: 2048, maxFramesPer10s: 30, helloTimeoutMs: 300 } });
  const h = await Customer.connect(server);
  healthy = h.c;
  healthyConversation = h.welcome.conversationId;
});
afterEach(async () => {
  // After every bad input, a second healthy connection is still served.
  const ack = await healthy.request({ t: 'send', conversationId: healthyConversation, clientId: `ok-${++okCounter}`, text: 'still here' });
  expect(ack.t).toBe('ack');
  await healthy.close();
  await server.close();
});

async function hello(c: Customer) {
  return c.request({ t: 'hello', client: { sdk: 't', locale: 'en' } });
}

describe('bad input', () => {
  it('malformed JSON → error invalid, connection kept', async () => {
    const c = await Customer.open(server);
    c.raw('{"t":"hello",');
    expect(await c.waitFor((f) => f.t === 'error')).toMatchObject({ error: { code: 'invalid', message: 'malformed JSON' } });
    expect((await hello(c)).t).toBe('welcome');
    await c.close();
  });

  it('unknown frame types and wrong field types → nack invalid with the frame id', async () => {
    const { c, welcome } = await Customer.connect(server);
    expect(await c.request({ t: 'teleport' })).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    expect(await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 5, text: 'x' })).toMatchObject({
      t: 'nack',
      error: { code: 'invalid' },
    });
    expect(await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'a', text: { html: '<b>' } })).toMatchObject({
      t: 'nack',
    });
    expect(await c.request({ t: 'read', conversationId: welcome.conversationId, upTo: '12' })).toMatchObject({ t: 'nack' });
    expect(
      await c.request({
        t: 'send',
        conversationId: welcome.conversationId,
        clientId: 'b',
        action: { id: 'x', label: 'y', kind: 'javascript', value: '' },
      }),
    ).toMatchObject({ t: 'nack' });
    c.raw('[1,2,3]');
    expect(await c.waitFor((f) => f.t === 'error')).toMatchObject({ error: { code: 'invalid' } });
    await c.close();
  });

  it('__proto__ and constructor keys never pollute prototypes', async () => {
    const c = await Customer.open(server);
    c.raw(
      '{"t":"hello","id":"h","client":{"sdk":"t","locale":"en"},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted2":1}},' +
        '"metadata":{"__proto__":{"polluted3":1},"url":"https://x"},"user":{"attributes":{"__proto__":{"polluted4":1},"plan":"gold"}}}',
    );
    expect((await c.waitFor((f) => f.t === 'welcome' || f.t === 'error')).t).toBe('welcome');
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.polluted2).toBeUndefined();
    expect(probe.polluted3).toBeUndefined();
    expect(probe.polluted4).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await c.close();
  });

  it('a conversation id of "__proto__" is just unknown', async () => {
    const { c } = await Customer.connect(server);
    expect(await c.request({ t: 'send', conversationId: '__proto__', clientId: 'p', text: 'x' })).toMatchObject({
      t: 'nack',
      error: { code: 'not_found' },
    });
    await c.close();
  });

  it('oversized frames close with 1009', async () => {
    const { c, welcome } = await Customer.connect(server);
    c.raw(JSON.stringify({ t: 'send', id: 'big', conversationId: welcome.conversationId, clientId: 'big', text: 'x'.repeat(4000) }));
    expect(await c.closed).toBe(CloseCode.TOO_BIG);
  });

  it('floods get error rate_limited with retryAfterMs, then close 4429', async () => {
    const { c } = await Customer.connect(server);
    for (let i = 0; i < 40; i++) c.raw(JSON.stringify({ t: 'ping', n: i }));
    const err = await c.waitFor((f) => f.t === 'error' && f.error.code === 'rate_limited');
    expect((err as { error: { retryAfterMs: number } }).error.retryAfterMs).toBeGreaterThan(0);
    expect(await c.closed).toBe(CloseCode.RATE_LIMITED);
  });

  it('frames before hello → error, close 4400', async () => {
    const c = await Customer.open(server);
    c.raw(JSON.stringify({ t: 'send', id: 's', conversationId: 'c', clientId: 'x', text: 'hi' }));
    expect(await c.waitFor((f) => f.t === 'error')).toMatchObject({ error: { code: 'invalid' } });
    expect(await c.closed).toBe(CloseCode.PROTOCOL);
  });

  it('no hello in time → close 4408', async () => {
    const c = await Customer.open(server);
    expect(await c.closed).toBe(CloseCode.HELLO_TIMEOUT);
  });

  it('binary frames → error invalid; persistent garbage → close 4400', async () => {
    const c = await Customer.open(server);
    c.raw(Buffer.from([1, 2, 3]));
    expect(await c.waitFor((f) => f.t === 'error')).toMatchObject({ error: { code: 'invalid' } });
    for (let i = 0; i < 12; i++) c.raw('nope');
    expect(await c.closed).toBe(CloseCode.PROTOCOL);
  });

  it('a second hello on the same connection is refused', async () => {
    const { c } = await Customer.connect(server);
    expect(await hello(c)).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    await c.close();
  });

  it('a hello with wrong field types is refused, not crashed on', async () => {
    const c = await Customer.open(server);
    expect(await c.request({ t: 'hello', client: 'x', user: { id: 7 } })).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    expect((await hello(c)).t).toBe('welcome');
    await c.close();
  });
});
