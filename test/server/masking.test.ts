import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { maskCards } from '../../server/domain/masking';
import { createLogger } from '../../server/log';
import type { ServerFrame, WireMessage } from '../../src/transports/swp/frames';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

const TYPED = 'My card is 4111 1111 1111 1111, CVC 123';
const MASKED = 'My card is •••• 1111, CVC •••';
const PAN = /4111[ -]?1111[ -]?1111[ -]?1111/;

let server: RunningServer | undefined;
let lines: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  lines = [];
});

/** A server that logs everything (debug) into `lines`. */
function loggingServer(options: ServerOptions = {}): Promise<RunningServer> {
  return testServer({ verification: false, logLevel: 'debug', logWriter: (l) => lines.push(l), ...options });
}

const textOf = (m: WireMessage | undefined): string | undefined => {
  const part = m?.parts.find((p) => p.kind === 'text');
  return part?.kind === 'text' ? part.text : undefined;
};

const messageEvent = (clientId: string) => (f: ServerFrame) =>
  f.t === 'event' && f.event.type === 'message' && f.event.message.clientId === clientId;

async function history(c: Customer, conversationId: string): Promise<WireMessage[]> {
  const page = await c.request({ t: 'history', conversationId, limit: 100 });
  if (page.t !== 'history.page') throw new Error(`expected history.page, got ${page.t}`);
  return page.messages;
}

describe('server masking of card numbers', () => {
  it('stores, echoes and shows operators the masked text; logs never carry the number', async () => {
    server = await loggingServer();
    const { c, welcome } = await Customer.connect(server);
    expect(welcome.capabilities.cardMasking).toBe(true);
    const conversationId = welcome.conversationId;
    const ack = await c.request({ t: 'send', conversationId, clientId: 'pan', text: TYPED });
    expect(ack.t).toBe('ack');
    // The customer's own echo is the stored, masked text: it replaces the local bubble (same clientId).
    const echo = await c.waitFor(messageEvent('pan'));
    expect(echo.t === 'event' && echo.event.type === 'message' && textOf(echo.event.message)).toBe(MASKED);
    expect(textOf((await history(c, conversationId)).find((m) => m.clientId === 'pan'))).toBe(MASKED);

    // A supervisor: an operator sees a conversation with the bot only once it waits for a person.
    const op = await connectOperator(server.url, 'Anna', { role: 'supervisor' });
    const detail = await op.view(conversationId);
    const seen = detail.messages.map(textOf).join('\n');
    expect(seen).toContain(MASKED);
    expect(seen).not.toMatch(PAN);
    expect(JSON.stringify(op.queue)).not.toMatch(PAN);

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(PAN);
    await op.disconnect();
    await c.close();
  });

  it('masks what an operator types as well', async () => {
    server = await loggingServer();
    const { c, welcome } = await Customer.connect(server);
    const conversationId = welcome.conversationId;
    const op = await connectOperator(server.url, 'Anna');
    await c.request({ t: 'handoff.request', conversationId });
    await op.waitForQueue((q) => q.waiting.length === 1);
    await op.accept(conversationId);
    await op.send(conversationId, 'Is it 5555 5555 5555 4444?');
    const got = await c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'agent');
    expect(got.t === 'event' && got.event.type === 'message' && textOf(got.event.message)).toBe('Is it •••• 4444?');
    expect(JSON.stringify(await history(c, conversationId))).not.toContain('5555 5555');
    await op.disconnect();
    await c.close();
  });

  it('masks over HTTP too', async () => {
    server = await loggingServer();
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
    });
    const w = (await res.json()) as { sessionToken: string; conversationId: string };
    const headers = { Authorization: `Bearer ${w.sessionToken}`, 'Content-Type': 'application/json' };
    const sent = await fetch(`${server.url}/swp/v1/conversations/${w.conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientId: 'h', text: 'карта 4111111111111111 cvv 321' }),
    });
    expect(sent.status).toBe(201);
    const events = await (await fetch(`${server.url}/swp/v1/conversations/${w.conversationId}/events?after=0`, { headers })).json();
    const mine = (events as { events: Array<{ event: { type: string; message?: WireMessage } }> }).events.find(
      (e) => e.event.type === 'message' && e.event.message?.clientId === 'h',
    );
    expect(textOf(mine?.event.message)).toBe('карта •••• 1111 cvv •••');
    expect(lines.join('\n')).not.toContain('4111111111111111');
  });

  it('leaves plain numbers and codes as typed', async () => {
    server = await loggingServer();
    const { c, welcome } = await Customer.connect(server);
    const text = 'Order 123456789012, RUB 5,000.00, call +44 20 7946 0958, code 482913';
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'plain', text });
    const echo = await c.waitFor(messageEvent('plain'));
    expect(echo.t === 'event' && echo.event.type === 'message' && textOf(echo.event.message)).toBe(text);
    await c.close();
  });

  it("masks every log line's message and string fields, whatever is logged", () => {
    const out: string[] = [];
    const log = createLogger('debug', (l) => out.push(l), maskCards);
    log.error('frame failed: 4111 1111 1111 1111', { error: 'bad text "card 5555555555554444 cvv 123"', n: 4111111111111111 });
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(line.msg).toBe('frame failed: •••• 1111');
    expect(line.error).toBe('bad text "card •••• 4444 cvv •••"');
    expect(line.n).toBe('•••• 1111');
    log.info('counts stay numbers', { size: 1234 });
    expect(JSON.parse(out[1]!).size).toBe(1234);
    expect(out[0]).not.toMatch(PAN);
  });

  it('stores the number as typed when masking is off (and says so)', async () => {
    server = await loggingServer({ maskCardNumbers: false });
    const { c, welcome } = await Customer.connect(server);
    expect(welcome.capabilities.cardMasking).toBe(false);
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'raw', text: TYPED });
    expect(textOf((await history(c, welcome.conversationId)).find((m) => m.clientId === 'raw'))).toBe(TYPED);
    await c.close();
  });
});

describe('what else a customer types is masked too', () => {
  const card = '4111 1111 1111 1111';
  it('the note for the operator and the rating comment', async () => {
    const server = await testServer({ operatorHours: 'always', verification: false });
    try {
      const { c, welcome } = await Customer.connect(server);
      const conversationId = welcome.conversationId;
      await c.request({ t: 'handoff.request', conversationId, note: `my card ${card} was charged twice` });
      const preview = JSON.stringify(await c.request({ t: 'handoff.preview', conversationId }));
      expect(preview).not.toContain(card);
      expect(preview).toContain('•••• 1111');
      const op = await connectOperator(server.url, 'Anna');
      await op.accept(conversationId);
      await op.close(conversationId);
      expect((await c.request({ t: 'rate', conversationId, score: 2, comment: `they asked for ${card}` })).t).toBe('ack');
      const detail = JSON.stringify(await op.view(conversationId));
      expect(detail).not.toContain(card);
      expect(detail).toContain('they asked for •••• 1111');
      await op.disconnect();
      await c.close();
    } finally {
      await server.close();
    }
  });

  it('the message left with a contact at night', async () => {
    const server = await testServer({ operatorHours: 'never', verification: false });
    try {
      const { c, welcome } = await Customer.connect(server);
      const conversationId = welcome.conversationId;
      await c.request({ t: 'handoff.request', conversationId });
      const ack = await c.request({
        t: 'handoff.contact',
        conversationId,
        contact: { email: 'ann@example.com' },
        note: `card ${card} lost`,
      });
      expect(ack.t).toBe('ack');
      const op = await connectOperator(server.url, 'Anna');
      const queue = JSON.stringify(await op.waitForQueue((q) => q.waiting.some((w) => w.conversationId === conversationId)));
      expect(queue).not.toContain(card);
      expect(queue).toContain('card •••• 1111 lost');
      await op.disconnect();
      await c.close();
    } finally {
      await server.close();
    }
  });
});
