/**
 * The `profile` frame (WebSocket) and `POST /swp/v1/sessions/profile` (HTTP) on a real server: what
 * the page says about the person (name, e-mail, attributes) reaches the operator's view without a
 * reconnect, and a new language reaches the bot, which answers in it from its next reply. Bad
 * bodies are refused by field; the session and its connection keep working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { ServerFrame } from '../../src/transports/swp/frames';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer;
afterEach(async () => {
  await server.close();
});

const unix = () => Math.floor(Date.now() / 1000);
function signedIn(id: string) {
  const expires = unix() + 3600;
  return { user: { id, hash: server.signIdentity(id, expires), hashExpires: expires, name: 'Ivan' } };
}
let n = 0;
const say = (c: Customer, conversationId: string, text: string) => c.request({ t: 'send', conversationId, clientId: `p${++n}`, text });
const botTexts = (c: Customer) =>
  c.frames.flatMap((f: ServerFrame) =>
    f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot'
      ? f.event.message.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []))
      : [],
  );
const cyrillic = /[а-яё]/i;

describe('profile updates', () => {
  it('a changed name and e-mail reach the operator, a new language reaches the bot (WebSocket)', async () => {
    server = await testServer({ identitySecret: 'profile-secret', verification: false, operatorHours: 'always', botDelayMs: 0 });
    const { c, welcome } = await Customer.connect(server, signedIn('u-7'));
    const id = welcome.conversationId;
    await say(c, id, 'hello');
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot', 5000);
    expect(botTexts(c).some((t) => cyrillic.test(t))).toBe(false);

    const ack = await c.request({
      t: 'profile',
      user: { name: 'Ivan Petrov', email: 'ivan@bank.example', attributes: { plan: 'gold' } },
      locale: 'ru-RU',
    });
    expect(ack).toMatchObject({ t: 'ack' });
    const before = botTexts(c).length;
    await say(c, id, 'a person please');
    await c.waitFor(() => botTexts(c).length > before, 5000);
    expect(
      botTexts(c)
        .slice(before)
        .some((t) => cyrillic.test(t)),
    ).toBe(true);

    const anna = await connectOperator(server.url, 'Anna', { role: 'supervisor' });
    const q = await anna.waitForQueue((x) => x.waiting.length === 1);
    expect(q.waiting[0]!.customer.name).toBe('Ivan Petrov');
    await anna.disconnect();
    await c.close();
  });

  it('over HTTP: 204, then the same; a malformed body is refused by field', async () => {
    server = await testServer({ identitySecret: 'profile-secret', verification: false, operatorHours: 'always' });
    const { c, welcome } = await Customer.connect(server, signedIn('u-8'));
    await say(c, welcome.conversationId, 'a person please');
    const post = (body: unknown) =>
      fetch(`${server.url}/swp/v1/sessions/profile`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${welcome.sessionToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ user: { name: 42 } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('user.name');
    expect((await post({ locale: 'x'.repeat(40) })).status).toBe(400);
    expect((await post({ user: { name: 'Olga' } })).status).toBe(204);
    const anna = await connectOperator(server.url, 'Anna', { role: 'supervisor' });
    const q = await anna.waitForQueue((x) => x.waiting.length === 1);
    expect(q.waiting[0]!.customer.name).toBe('Olga');
    // The connection is unharmed.
    expect(await say(c, welcome.conversationId, 'still here')).toMatchObject({ t: 'ack' });
    await anna.disconnect();
    await c.close();
  });
});
