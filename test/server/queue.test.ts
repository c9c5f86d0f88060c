/**
 * The queue (issue 9, item 1 priority part and item 7): urgent conversations first, no
 * self-promotion by a client, the preview and note over WebSocket and HTTP, leaving the queue,
 * durable joined/left/closed lines in history, operator avatars.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { Bot, BotOutput } from '../../server/bot-types';
import type { Action } from '../../src/core/model';
import type { ServerFrame, WireMessage } from '../../src/transports/swp/frames';
import { connectOperator, OperatorRequestError } from '../helpers/operator-client';
import { Customer, testServer, until } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const URGENT: Action = { id: 'qr_urgent', label: 'Talk to a person now', kind: 'handoff', value: 'urgent' };
const TALK: Action = { id: 'qr_person', label: 'Talk to a person', kind: 'handoff', value: '' };

/** A test bot: "stole" is urgent (offers the urgent button), "person" hands off, the rest is echoed with topic "cards" on "card". */
function testBot(): Bot {
  const say = (text: string, quickReplies?: Action[]) => ({
    parts: [{ kind: 'text' as const, text }],
    ...(quickReplies ? { quickReplies } : {}),
  });
  return {
    start: (): BotOutput => ({ messages: [say('Hello!', [TALK])], state: {} }),
    reply(_ctx, state, input): BotOutput {
      const text = input.text ?? '';
      if (/stole/i.test(text))
        return {
          messages: [say('Block your card now. A person will help at once.', [URGENT])],
          state,
          priority: 'urgent',
          topic: 'security',
        };
      if (/person/i.test(text)) return { messages: [say('Connecting you.')], state, handoff: { reason: 'user_request' } };
      if (/card/i.test(text)) return { messages: [say('About cards…', [TALK])], state, topic: 'cards' };
      return { messages: [say(`You wrote: ${text}`, [TALK])], state };
    },
  };
}

const handoffEvent = (state: string) => (f: ServerFrame) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === state;
let n = 0;
const send = (c: Customer, conversationId: string, text: string, action?: Action) =>
  c.request({ t: 'send', conversationId, clientId: `k${++n}`, text, ...(action ? { action } : {}) });
const botSaid = (c: Customer, part: string) =>
  c.waitFor(
    (f) =>
      f.t === 'event' &&
      f.event.type === 'message' &&
      f.event.message.from.role === 'bot' &&
      JSON.stringify(f.event.message.parts).includes(part),
  );

async function customer(s: RunningServer, url?: string) {
  const { c, welcome } = await Customer.connect(s, url ? { metadata: { url } } : {});
  await botSaid(c, 'Hello!');
  return { c, id: welcome.conversationId, welcome };
}

async function http(s: RunningServer, token: string, path: string, init: RequestInit = {}) {
  return fetch(`${s.url}/swp/v1${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

describe('priority queue', () => {
  it('an urgent conversation waits ahead of older normal ones; positions and ETAs follow', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const op = await connectOperator(server.url, 'Anna');
    const a = await customer(server);
    const b = await customer(server);
    await send(a.c, a.id, 'a person please');
    await send(b.c, b.id, 'a person please');
    await a.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 1);
    const u = await customer(server);
    await send(u.c, u.id, 'someone stole money from my card');
    await botSaid(u.c, 'Block your card');
    await send(u.c, u.id, URGENT.label, URGENT);
    await u.c.request({ t: 'handoff.request', conversationId: u.id });
    await u.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 1);
    const q = await op.waitForQueue((s) => s.waiting.length === 3);
    expect(q.waiting.map((i) => i.conversationId)).toEqual([u.id, a.id, b.id]);
    expect(q.waiting[0]).toMatchObject({ priority: 'urgent', priorityReason: 'security', title: expect.stringMatching(/^Security/) });
    expect(q.waiting[1]).toMatchObject({ priority: 'normal', title: 'a person please' });
    // The others moved back one place, with their ETA.
    await a.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 2 && f.event.etaSeconds === 180);
    await b.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 3);
    await op.disconnect();
  });

  it('a conversation already waiting moves ahead once the bot recognises it as urgent', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const op = await connectOperator(server.url, 'Anna');
    const a = await customer(server);
    const b = await customer(server);
    await send(a.c, a.id, 'a person please');
    await a.c.waitFor(handoffEvent('queued'));
    await send(b.c, b.id, 'a person please');
    await b.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 2);
    await send(b.c, b.id, 'wait, someone stole my money');
    await b.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 1);
    await a.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 2);
    const q = await op.waitForQueue((s) => s.waiting[0]?.conversationId === b.id);
    expect(q.waiting.map((i) => i.priority)).toEqual(['urgent', 'normal']);
    await op.disconnect();
  });

  it('a client cannot promote itself: a handoff action with value "urgent" the bot never offered changes nothing', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const op = await connectOperator(server.url, 'Anna');
    const a = await customer(server);
    await send(a.c, a.id, 'a person please');
    await a.c.waitFor(handoffEvent('queued'));
    const m = await customer(server);
    // Forged: the bot offered only "Talk to a person" (value ''), the client sends it as urgent.
    await send(m.c, m.id, 'Talk to a person', { ...TALK, value: 'urgent' });
    await send(m.c, m.id, 'Talk to a person now', URGENT);
    await m.c.request({ t: 'handoff.request', conversationId: m.id, priority: 'urgent', reason: 'urgent' } as Record<string, unknown>);
    await m.c.waitFor(handoffEvent('queued'));
    const q = await op.waitForQueue((s) => s.waiting.length === 2);
    expect(q.waiting.map((i) => [i.conversationId, i.priority])).toEqual([
      [a.id, 'normal'],
      [m.id, 'normal'],
    ]);
    await op.disconnect();
  });
});

describe('what the operator receives', () => {
  it('preview and note over WebSocket: topic in words, topic path, questions, files, page, note; the console shows the same', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const { c, id, welcome } = await customer(server, 'https://bank.example/cards/limits');
    const up = await fetch(`${server.url}/swp/v1/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${welcome.sessionToken}` },
      body: (() => {
        const fd = new FormData();
        fd.append(
          'file',
          new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], { type: 'image/png' }),
          'receipt.png',
        );
        return fd;
      })(),
    });
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: string };
    await send(c, id, 'my card does not work');
    await botSaid(c, 'About cards');
    await c.request({ t: 'send', conversationId: id, clientId: `k${++n}`, text: 'here is the receipt', attachments: [{ id: file.id }] });
    const ack = await c.request({ t: 'handoff.preview', conversationId: id });
    expect(ack).toMatchObject({
      t: 'ack',
      preview: {
        topic: 'cards',
        topicLabel: 'Cards',
        questions: ['my card does not work', 'here is the receipt'],
        attachments: [{ name: 'receipt.png' }],
        pageUrl: 'https://bank.example/cards/limits',
      },
    });
    const tooLong = await c.request({ t: 'handoff.note', conversationId: id, note: 'x'.repeat(1001) });
    expect(tooLong.t).toBe('nack');
    const noted = await c.request({ t: 'handoff.note', conversationId: id, note: '  It was declined at the pharmacy  ' });
    expect(noted).toMatchObject({ t: 'ack', preview: { note: 'It was declined at the pharmacy' } });
    await c.request({ t: 'handoff.request', conversationId: id });
    const op = await connectOperator(server.url, 'Anna');
    const q = await op.waitForQueue((s) => s.waiting.some((i) => i.conversationId === id));
    expect(q.waiting[0]).toMatchObject({ title: 'Cards', note: 'It was declined at the pharmacy' });
    const detail = await op.view(id);
    expect(detail.handoff).toEqual((noted as { preview: unknown }).preview);
    await op.disconnect();
  });

  it('preview, note (with the request) and cancel over HTTP', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'ru' }, metadata: { url: 'https://bank.example/' } }),
    });
    const w = (await res.json()) as { sessionToken: string; conversationId: string };
    const at = `/conversations/${w.conversationId}`;
    expect(
      (
        await http(server, w.sessionToken, `${at}/messages`, {
          method: 'POST',
          body: JSON.stringify({ clientId: 'h1', text: 'card question' }),
        })
      ).status,
    ).toBe(201);
    const bad = await http(server, w.sessionToken, `${at}/handoff/note`, { method: 'POST', body: JSON.stringify({ note: 42 }) });
    expect(bad.status).toBe(400);
    const note = await http(server, w.sessionToken, `${at}/handoff/note`, { method: 'POST', body: JSON.stringify({ note: 'Заметка' }) });
    expect(note.status).toBe(200);
    expect(await note.json()).toMatchObject({ preview: { note: 'Заметка', questions: ['card question'] } });
    const req = await http(server, w.sessionToken, `${at}/handoff`, { method: 'POST', body: JSON.stringify({ note: 'Новая заметка' }) });
    expect(req.status).toBe(204);
    const preview = await http(server, w.sessionToken, `${at}/handoff/preview`);
    const body = (await preview.json()) as { preview: { note: string; topicLabel: string; pageUrl: string } };
    expect(body.preview).toMatchObject({ note: 'Новая заметка', topicLabel: 'Карты', pageUrl: 'https://bank.example/' });
    const op = await connectOperator(server.url, 'Anna');
    await op.waitForQueue((s) => s.waiting.some((i) => i.conversationId === w.conversationId));
    expect((await http(server, w.sessionToken, `${at}/handoff/cancel`, { method: 'POST', body: '{}' })).status).toBe(204);
    await op.waitForQueue((s) => s.waiting.length === 0);
    const other = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const o = (await other.json()) as { sessionToken: string };
    expect((await http(server, o.sessionToken, `${at}/handoff/preview`)).status).toBe(403);
    await op.disconnect();
  });
});

describe('leaving the queue', () => {
  it('handoff.cancel: back to the bot with reason cancelled_by_user; the others move up', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    const op = await connectOperator(server.url, 'Anna');
    const a = await customer(server);
    const b = await customer(server);
    await send(a.c, a.id, 'a person please');
    await a.c.waitFor(handoffEvent('queued'));
    await send(b.c, b.id, 'a person please');
    await b.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 2);
    expect(await a.c.request({ t: 'handoff.cancel', conversationId: a.id })).toMatchObject({ t: 'ack' });
    const none = await a.c.waitFor(handoffEvent('none'));
    expect(none).toMatchObject({ event: { reason: 'cancelled_by_user' } });
    await a.c.waitFor((f) => f.t === 'event' && f.event.type === 'conversation' && f.event.state === 'open');
    await botSaid(a.c, 'You have left the queue');
    await b.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue' && f.event.position === 1);
    await op.waitForQueue((s) => s.waiting.length === 1 && s.waiting[0]!.conversationId === b.id);
    // Idempotent; a resumed welcome says "open, no handoff".
    expect(await a.c.request({ t: 'handoff.cancel', conversationId: a.id })).toMatchObject({ t: 'ack' });
    await op.accept(b.id);
    expect(await b.c.request({ t: 'handoff.cancel', conversationId: b.id })).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    await op.disconnect();
  });
});

describe('joined, left and closed lines and avatars', () => {
  it('are durable system messages: in history pages and in a replay after a reconnect; the avatar rides on the operator', async () => {
    server = await testServer({ verification: false, bot: testBot() });
    await expect(connectOperator(server.url, 'Eve', { avatarUrl: 'javascript:alert(1)' })).rejects.toBeInstanceOf(OperatorRequestError);
    const op = await connectOperator(server.url, 'Anna', { avatarUrl: 'https://cdn.example/anna.png' });
    const { c, id, welcome } = await customer(server);
    await send(c, id, 'a person please');
    await op.waitForQueue((s) => s.waiting.some((i) => i.conversationId === id));
    await op.accept(id);
    const joined = await c.waitFor((f) => f.t === 'event' && f.event.type === 'participant');
    expect(joined).toMatchObject({ event: { participant: { name: 'Anna', avatarUrl: 'https://cdn.example/anna.png' } } });
    await op.send(id, 'Hello, Anna here');
    await op.close(id);
    await c.waitFor(
      (f) =>
        f.t === 'event' &&
        f.event.type === 'message' &&
        f.event.message.from.role === 'system' &&
        f.event.message.parts[0]?.kind === 'text' &&
        f.event.message.parts[0].text === 'Conversation closed',
    );
    const page = await c.request({ t: 'history', conversationId: id });
    const lines = (page as { messages: WireMessage[] }).messages
      .filter((m) => m.from.role === 'system')
      .map((m) => m.parts.find((p) => p.kind === 'custom'));
    expect(lines).toEqual([
      { kind: 'custom', type: 'swp.note', data: { kind: 'joined', name: 'Anna' } },
      { kind: 'custom', type: 'swp.note', data: { kind: 'left', name: 'Anna' } },
      { kind: 'custom', type: 'swp.note', data: { kind: 'closed' } },
    ]);
    const agent = (page as { messages: WireMessage[] }).messages.find((m) => m.from.role === 'agent');
    expect(agent?.from.avatarUrl).toBe('https://cdn.example/anna.png');
    // A reload resumes from an older cursor: the lines come again with the replay.
    await c.close();
    const again = await Customer.connect(server, { token: welcome.sessionToken, resume: { conversationId: id, cursor: '1' } });
    await until(() => again.c.events().filter((e) => e.event.type === 'message' && e.event.message.from.role === 'system').length === 3);
    await again.c.close();
    await op.disconnect();
  });
});
