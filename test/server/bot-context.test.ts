/**
 * The reference server tells its bot who it talks to: whether the session is verified (card and
 * account actions need it), whether operators are online and the configured emergency line.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action, Part } from '../../src/core/model';
import type { ServerFrame } from '../../src/transports/swp/frames';
import type { RunningServer, ServerOptions } from '../../server/app';
import { createBot } from '../../server/bot/index';
import type { BotContent } from '../../server/bot/content-types';
import { Customer, testServer } from './customer';

const EN = JSON.parse(readFileSync(new URL('../../server/bot/content/en.json', import.meta.url), 'utf8')) as BotContent;

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ServerOptions = {}): Promise<RunningServer> {
  server = await testServer({ bot: createBot(), identitySecret: 'test-secret', ...options });
  return server;
}

type BotMessage = { parts: Part[]; quickReplies?: Action[] };

const fromBot = (x: ServerFrame): boolean => x.t === 'event' && x.event.type === 'message' && x.event.message.from.role === 'bot';

/** Sends `text` (after the greeting) and resolves with the bot's first message after it. */
async function ask(c: Customer, conversationId: string, text: string): Promise<BotMessage> {
  await c.waitFor(fromBot);
  const ack = await c.request({ t: 'send', conversationId, clientId: `c-${text.length}-${Date.now()}`, text });
  if (ack.t !== 'ack') throw new Error(JSON.stringify(ack));
  const after = ack.seq ?? 0;
  const f = await c.waitFor((x) => x.t === 'event' && x.seq > after && fromBot(x));
  if (f.t !== 'event' || f.event.type !== 'message') throw new Error('not a message');
  return f.event.message as BotMessage;
}

const textOf = (m: BotMessage): string => m.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');

describe('bot context on the reference server', () => {
  it('an anonymous visitor gets no card action, only the way to confirm who they are', async () => {
    const s = await start();
    const { c, welcome } = await Customer.connect(s);
    const m = await ask(c, welcome.conversationId, 'block my card');
    expect(textOf(m)).toBe(EN.flows['block-card']?.unverified);
    expect((m.quickReplies ?? []).some((a) => a.value.startsWith('confirm:'))).toBe(false);
    expect(m.quickReplies?.[0]).toMatchObject({ kind: 'handoff', value: 'urgent' });
    await c.close();
  });

  it('a signed-in (verified) customer is asked to confirm the action', async () => {
    const s = await start();
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const user = { id: 'u-1', hash: s.signIdentity('u-1', expires), hashExpires: expires };
    const { c, welcome } = await Customer.connect(s, { user });
    expect(welcome.user.verified).toBe(true);
    const m = await ask(c, welcome.conversationId, 'block my card');
    expect(textOf(m)).toBe(EN.flows['block-card']?.ask);
    await c.close();
  });

  it('with nobody on shift an urgent case says so and offers the configured emergency line', async () => {
    const s = await start({ operatorHours: 'never', emergencyPhone: '+7 800 555-35-35' });
    const { c, welcome } = await Customer.connect(s);
    const m = await ask(c, welcome.conversationId, 'someone stole money from my account');
    expect(textOf(m)).toContain(EN.urgent.fraud?.offlineText);
    expect(textOf(m)).toContain('+7 800 555-35-35');
    expect(m.quickReplies?.map((a) => [a.kind, a.value])).toEqual(
      expect.arrayContaining([
        ['handoff', 'urgent'],
        ['url', 'tel:+78005553535'],
      ]),
    );
    await c.close();
  });

  it('while operators are online the emergency line is not offered', async () => {
    const s = await start({ operatorHours: 'always', emergencyPhone: '+7 800 555-35-35' });
    const { c, welcome } = await Customer.connect(s);
    const m = await ask(c, welcome.conversationId, 'someone stole money from my account');
    expect(textOf(m)).toBe(EN.urgent.fraud?.text);
    expect((m.quickReplies ?? []).some((a) => a.kind === 'url')).toBe(false);
    await c.close();
  });
});
