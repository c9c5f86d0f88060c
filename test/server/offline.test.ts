/**
 * Operators offline: an honest `offline` state (never a request left hanging), one way of writing
 * when people are back (the customer's locale and time zone), greetings that follow availability,
 * and the leave-a-message contact over WebSocket and HTTP, first in the next shift's queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { createBot } from '../../server/bot';
import { formatReturnTime } from '../../src/protocol/when';
import type { ServerFrame, WelcomeFrame } from '../../src/transports/swp/frames';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type EventFrame = Extract<ServerFrame, { t: 'event' }>;
const handoffEvent = (state: string, reason?: string) => (f: ServerFrame) =>
  f.t === 'event' && f.event.type === 'handoff' && f.event.state === state && (reason === undefined || f.event.reason === reason);
const botText = (c: Customer, pattern: RegExp) =>
  c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot' && pattern.test(textOf(f)));
const textOf = (f: ServerFrame) =>
  f.t === 'event' && f.event.type === 'message' ? f.event.message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(' ') : '';

// Sunday 2026-01-04 12:00 UTC; operators work Mon-Fri 09:00-18:00 Moscow time: back Monday 06:00 UTC.
const NOW = Date.UTC(2026, 0, 4, 12, 0);
const NEXT = '2026-01-05T06:00:00.000Z';
const night = (extra: Parameters<typeof testServer>[0] = {}) =>
  testServer({ operatorHours: 'Mon-Fri 09:00-18:00', timeZone: 'Europe/Moscow', now: () => NOW, verification: false, ...extra });

describe('operators offline', () => {
  it('announces leaveMessage and the emergency phone; says when people are back in the client’s zone', async () => {
    server = await night({ emergencyPhone: '+44 20 7946 0000' });
    const { c, welcome } = await Customer.connect(server, { client: { sdk: 't', locale: 'en-GB', timeZone: 'America/New_York' } });
    expect(welcome.capabilities).toMatchObject({ leaveMessage: true, emergencyPhone: '+44 20 7946 0000' });
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    const off = (await c.waitFor(handoffEvent('offline'))) as EventFrame;
    expect(off.event).toMatchObject({ availability: { operatorsOnline: false, nextOpenAt: NEXT } });
    // 06:00 UTC Monday is 01:00 Monday in New York: "tomorrow at 01:00", as the widget writes it.
    const when = formatReturnTime(NEXT, 'en-GB', { timeZone: 'America/New_York', now: NOW });
    expect(when).toBe('tomorrow at 01:00');
    const notice = await botText(c, /offline/);
    expect(textOf(notice)).toContain(`back ${when}`);
    // The night's emergency line, in the bot's words too.
    expect(textOf(notice)).toMatch(/Urgent — a lost card or fraud\? Call \+44 20 7946 0000\.$/);
    expect(textOf(await botText(c, /Hello|Hi/))).toContain('Call +44 20 7946 0000.');
    await c.close();
  });

  it('without a client zone writes the server zone with its name; in Russian for a Russian customer', async () => {
    server = await night();
    const { c, welcome } = await Customer.connect(server, { client: { sdk: 't', locale: 'ru-RU', timeZone: 'Not/AZone' } });
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    const notice = await botText(c, /не работают/);
    expect(textOf(notice)).toContain(formatReturnTime(NEXT, 'ru-RU', { timeZone: 'Europe/Moscow', zoneName: true, now: NOW }));
    expect(textOf(notice)).toMatch(/завтра в 09:00 GMT\+3/);
    await c.close();
  });

  it('a second request while offline answers offline again (no request left hanging)', async () => {
    server = await night();
    const { c, welcome } = await Customer.connect(server);
    await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
    await c.waitFor(handoffEvent('offline'));
    const before = c.events().filter((f) => handoffEvent('offline')(f)).length;
    expect((await c.request({ t: 'handoff.request', conversationId: welcome.conversationId })).t).toBe('ack');
    await c.waitFor((f) => c.events().filter((e) => handoffEvent('offline')(e)).length > before && f.t === 'event', 3000);
    await c.close();
  });

  it('the greeting follows availability: no person "one tap away" at night, the usual greeting by day', async () => {
    const promising = { start: () => greetingOutput(), reply: () => ({ messages: [], state: {} }) };
    server = await night({ bot: promising });
    const { c } = await Customer.connect(server, { client: { sdk: 't', locale: 'en-GB', timeZone: 'Europe/London' } });
    const greeting = textOf(await botText(c, /Hello/));
    expect(greeting).not.toMatch(/one tap away/);
    expect(greeting).toContain(`back ${formatReturnTime(NEXT, 'en-GB', { timeZone: 'Europe/London', now: NOW })}`);
    expect(greeting).toMatch(/^Hello! I can help with cards\. Our operators are offline now/);
    await c.close();
    await server.close();
    server = await testServer({ bot: promising });
    const day = await Customer.connect(server);
    expect(textOf(await botText(day.c, /Hello/))).toBe(greetingOutput().messages[0]!.parts[0]!.text);
    await day.c.close();
  });

  it('with the real bot at night: the greeting names when people are back, and asking for one in words gets no "Connecting you…"', async () => {
    server = await night({ bot: createBot() });
    const { c, welcome } = await Customer.connect(server, { client: { sdk: 't', locale: 'en-GB', timeZone: 'Europe/London' } });
    const greeting = textOf(await botText(c, /./)); // the first bot message
    expect(greeting).not.toMatch(/one tap away/);
    expect(greeting).toMatch(/Our operators are offline now and back tomorrow at 06:00/);
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'k1', text: 'I want to talk to an operator' });
    await c.waitFor(handoffEvent('offline'));
    await botText(c, /offline right now/);
    const said = c.events().map(textOf).filter(Boolean);
    expect(said.some((t) => /^Connecting you/i.test(t))).toBe(false);
    await c.close();
  });

  it('handoff.contact over WebSocket: bad contacts are refused with the field named; a good one is stored, confirmed and first in the queue', async () => {
    server = await night();
    const early = await Customer.connect(server);
    await early.c.request({ t: 'handoff.request', conversationId: early.welcome.conversationId });
    await early.c.waitFor(handoffEvent('offline'));

    const { c, welcome } = await Customer.connect(server, { client: { sdk: 't', locale: 'en-GB', timeZone: 'Europe/London' } });
    const conversationId = welcome.conversationId;
    await c.request({ t: 'handoff.request', conversationId });
    await c.waitFor(handoffEvent('offline'));

    const refused = async (body: Record<string, unknown>, field: RegExp) => {
      const f = await c.request({ t: 'handoff.contact', conversationId, ...body });
      expect(f).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
      expect(f.t === 'nack' && f.error.message).toMatch(field);
    };
    await refused({ contact: { email: 'not-an-email' } }, /"contact\.email" is not a valid e-mail address/);
    await refused({ contact: { phone: '12' } }, /"contact\.phone" is not a valid phone number/);
    await refused({ contact: {} }, /"contact" needs an e-mail address or a phone number/);
    await refused({ contact: { email: 'ann@example.com' }, callbackWindow: 'midnight' }, /"callbackWindow"/);

    const op = await connectOperator(server.url, 'Morning');
    const ack = await c.request({
      t: 'handoff.contact',
      conversationId,
      contact: { email: ' ann@example.com ', phone: '+44 (20) 7946-0018' },
      callbackWindow: 'morning',
      note: 'My card was blocked abroad',
    });
    expect(ack.t).toBe('ack');
    await c.waitFor(handoffEvent('offline', 'contact_left'));
    const when = formatReturnTime(NEXT, 'en-GB', { timeZone: 'Europe/London', now: NOW });
    const confirmation = textOf(await botText(c, /Thank you/));
    expect(confirmation).toBe(
      `Thank you, we have your message. An operator of the next shift (it starts ${when}) will reply here and by e-mail to ann@example.com and call you at +442079460018 in the morning.`,
    );

    const q = await op.waitForQueue((s) => s.waiting.length === 2 && s.waiting[0]!.contact !== undefined);
    expect(q.waiting.map((i) => i.conversationId)).toEqual([conversationId, early.welcome.conversationId]);
    expect(q.waiting[0]!.contact).toMatchObject({
      email: 'ann@example.com',
      phone: '+442079460018',
      callbackWindow: 'morning',
      note: 'My card was blocked abroad',
      timeZone: 'Europe/London',
    });
    expect(q.waiting[1]!.contact).toBeUndefined();

    // A reconnect keeps the confirmation: the snapshot says why the handoff is offline.
    const again = await Customer.connect(server, { token: welcome.sessionToken });
    expect(again.welcome.conversation).toMatchObject({ handoff: 'offline', handoffReason: 'contact_left' });
    // The operator who takes it still sees how to reach the customer.
    const taken = await op.accept(conversationId);
    expect(taken.item.contact).toMatchObject({ email: 'ann@example.com', phone: '+442079460018' });
    expect((await c.request({ t: 'handoff.contact', conversationId, contact: { email: 'a@b.co' } })).t).toBe('nack');
    await again.c.close();
    await op.disconnect();
    await early.c.close();
    await c.close();
  });

  it('at night "call me back" with a number leaves that contact instead of going to the bot (English and Russian)', async () => {
    server = await night();
    const op = await connectOperator(server.url, 'Morning');
    for (const [locale, text, phone, window, said] of [
      [
        'en-GB',
        'Please call me back: +44 20 7946 0018, in the evening',
        '+442079460018',
        'evening',
        /call you at \+442079460018 in the evening\.$/,
      ],
      [
        'ru',
        'Перезвоните мне на 8 (916) 123-45-67 в 18:30, пожалуйста',
        '89161234567',
        '18:30',
        /перезвонит на 89161234567 около 18:30\.$/,
      ],
    ] as const) {
      const { c, welcome } = await Customer.connect(server, { client: { sdk: 't', locale, timeZone: 'Europe/London' } });
      await botText(c, /./); // the greeting
      const before = c.events().length;
      expect((await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: `cb-${locale}`, text })).t).toBe('ack');
      await c.waitFor(handoffEvent('offline', 'contact_left'));
      const reply = textOf(await botText(c, said));
      expect(reply).toMatch(said);
      // Only the confirmation answered: no bot reply taking it for a question, no second notice.
      const botAfter = c
        .events()
        .slice(before)
        .filter((f) => f.event.type === 'message' && f.event.message.from.role === 'bot');
      expect(botAfter.map(textOf)).toEqual([reply]);
      const q = await op.waitForQueue((s) => s.waiting.some((i) => i.conversationId === welcome.conversationId && i.contact));
      expect(q.waiting.find((i) => i.conversationId === welcome.conversationId)!.contact).toMatchObject({
        phone,
        callbackWindow: window,
        note: text,
      });
      await c.close();
    }
    // Without a number it stays a message for the bot (and the offline card asks for a contact).
    const { c, welcome } = await Customer.connect(server);
    await botText(c, /./);
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'cb-none', text: 'Please call me back' });
    await botText(c, /./);
    expect(c.events().some((f) => handoffEvent('offline', 'contact_left')(f))).toBe(false);
    await c.close();
    await op.disconnect();
  });

  it('handoff.contact over HTTP: 400 with the field for a bad contact, 204 and a stored contact for a good one', async () => {
    server = await night();
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'ru', timeZone: 'Europe/Moscow' } }),
    });
    const w = (await res.json()) as Omit<WelcomeFrame, 't' | 'ref'>;
    const post = (body: unknown) =>
      fetch(`${server!.url}/swp/v1/conversations/${w.conversationId}/contact`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.sessionToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ contact: { email: 'ann@' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/contact\.email/);
    // Not asked for a person yet: leaving a contact hands the conversation to the next shift itself.
    const good = await post({ contact: { phone: '8 (916) 123-45-67' }, callbackWindow: '18:30', note: 'Перезвоните' });
    expect(good.status).toBe(204);
    const op = await connectOperator(server.url, 'Утро');
    const q = await op.waitForQueue((s) => s.waiting.some((i) => i.contact));
    expect(q.waiting[0]).toMatchObject({
      handoff: 'offline',
      contact: { phone: '89161234567', callbackWindow: '18:30', note: 'Перезвоните' },
    });
    const events = await fetch(`${server.url}/swp/v1/conversations/${w.conversationId}/events?after=0&wait=0`, {
      headers: { Authorization: `Bearer ${w.sessionToken}` },
    });
    const text = JSON.stringify(await events.json());
    expect(text).toContain('contact_left');
    expect(text).toContain('перезвонит на 89161234567 около 18:30');
    expect(text).toContain('завтра в 09:00');
    await op.disconnect();
  });
});

function greetingOutput() {
  return {
    messages: [{ parts: [{ kind: 'text' as const, text: 'Hello! I can help with cards. A person is always one tap away.' }] }],
    state: {},
  };
}
