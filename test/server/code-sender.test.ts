/**
 * The signed webhook CodeSender against a real HTTP server on 127.0.0.1: body and signature,
 * refusals and timeouts reported, and the reference server sending its codes through it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { createLogger } from '../../server/log';
import { CodeSendError, signBody, WebhookCodeSender } from '../../server/verification/code-sender';
import type { VerificationChallenge } from '../../src/core/model';
import { Customer, testServer } from './customer';

interface Hit {
  body: string;
  signature: string | undefined;
  contentType: string | undefined;
}

let hook: Server | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  hook?.closeAllConnections();
  await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
  hook = undefined;
});

/** A receiver that records each request and answers with `answer(hit)` (status), or never when it returns null. */
async function receiver(answer: (hit: Hit) => number | null): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  hook = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const hit = { body, signature: req.headers['x-signature'] as string | undefined, contentType: req.headers['content-type'] };
      hits.push(hit);
      const status = answer(hit);
      if (status !== null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => hook!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sms`, hits };
}

const quiet = createLogger('silent');
const message = { to: { userKey: 'u:42', userId: '42' }, code: '123456', locale: 'en', conversationId: 'c_1' };

describe('WebhookCodeSender', () => {
  it('POSTs the code as JSON signed with X-Signature: sha256=<HMAC of the body>', async () => {
    const r = await receiver(() => 204);
    await new WebhookCodeSender({ url: r.url, secret: 's3cret', timeoutMs: 2000 }, quiet, () => 0).send(message);
    expect(r.hits).toHaveLength(1);
    const hit = r.hits[0]!;
    expect(hit.contentType).toBe('application/json');
    expect(JSON.parse(hit.body)).toEqual({ ...message, sentAt: '1970-01-01T00:00:00.000Z' });
    expect(hit.signature).toBe(signBody('s3cret', hit.body));
    expect(hit.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('reports a refusal and a timeout, never with the code in the error or the log', async () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    const refusing = await receiver(() => 503);
    const err = await new WebhookCodeSender({ url: refusing.url, secret: 'x', timeoutMs: 2000 }, log).send(message).catch((e) => e);
    expect(err).toBeInstanceOf(CodeSendError);
    expect(String(err.message)).toContain('503');
    await new Promise<void>((r) => hook!.close(() => r()));
    hook = undefined;
    const silent = await receiver(() => null);
    const timedOut = await new WebhookCodeSender({ url: silent.url, secret: 'x', timeoutMs: 150 }, log).send(message).catch((e) => e);
    expect(timedOut).toBeInstanceOf(CodeSendError);
    expect(String(timedOut.message)).toContain('timed out');
    expect(lines.join('\n')).not.toContain('123456');
    expect(lines.some((l) => l.includes('code webhook refused'))).toBe(true);
  });

  it('the server sends its codes through the webhook; a failed delivery is an error, not a silent code', async () => {
    let status = 200;
    const r = await receiver(() => status);
    server = await testServer({
      codeSender: 'webhook',
      codeWebhook: { url: r.url, secret: 'k', timeoutMs: 2000 },
      verificationPolicy: { resendAfterSeconds: 0 },
    });
    const { c, welcome } = await Customer.connect(server);
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    const ev = await c.waitFor((f) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === 'verification_required');
    const challenge = (ev as { event: { challenge: VerificationChallenge } }).event.challenge;
    expect(await server.lastVerificationCode(welcome.conversationId)).toBeUndefined(); // not the demo sender
    const sent = JSON.parse(r.hits[0]!.body) as { code: string; conversationId: string; to: { userKey: string } };
    expect(sent.conversationId).toBe(welcome.conversationId);
    expect(sent.to.userKey).toBe(`s:${welcome.sessionId}`);
    expect(await c.request({ t: 'verify.submit', challengeId: challenge.id, code: sent.code })).toMatchObject({ result: 'ok' });

    // A failed resend changes nothing: the code the customer has still works.
    const third = await Customer.connect(server);
    await third.c.request({ t: 'handoff.request', conversationId: third.welcome.conversationId });
    const ev3 = await third.c.waitFor((f) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === 'verification_required');
    const ch3 = (ev3 as { event: { challenge: VerificationChallenge } }).event.challenge;
    const code3 = (JSON.parse(r.hits.at(-1)!.body) as { code: string }).code;

    status = 500;
    const resend = await third.c.request({ t: 'verify.resend', challengeId: ch3.id });
    expect(resend).toMatchObject({ t: 'nack', error: { code: 'server' } });
    expect(await third.c.request({ t: 'verify.submit', challengeId: ch3.id, code: code3 })).toMatchObject({ result: 'ok' });

    const other = await Customer.connect(server);
    expect(await other.c.request({ t: 'handoff.request', conversationId: other.welcome.conversationId })).toMatchObject({
      t: 'nack',
      error: { code: 'server' },
    });
  });
});
