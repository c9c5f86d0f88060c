import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { EventsResponse, WelcomeFrame, WireConversationSummary } from '../../src/transports/swp/frames';
import { Customer, testServer, until } from './customer';

let server: RunningServer;
const OP_TOKEN = 'op-secret';
beforeEach(async () => {
  server = await testServer({ verification: false, operatorToken: OP_TOKEN });
});
afterEach(async () => {
  await server.close();
});

const EXP = Math.floor(Date.now() / 1000) + 3600;
const signed = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  hash: server.signIdentity(id, EXP),
  hashExpires: EXP,
  ...extra,
});
let ALICE: ReturnType<typeof signed>;
beforeEach(() => {
  ALICE = signed('alice');
});
type Welcome = Omit<WelcomeFrame, 't' | 'ref'>;

function notify(body: Record<string, unknown>, token: string | undefined = OP_TOKEN): Promise<Response> {
  return fetch(`${server.url}/swp/v1/admin/notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function httpSession(body: Record<string, unknown> = {}): Promise<Welcome> {
  const res = await fetch(`${server.url}/swp/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client: { sdk: 'test', locale: 'en' }, ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Welcome;
}

function api(w: Welcome, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/swp/v1${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${w.sessionToken}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

const summaries = (c: Customer) =>
  c.frames.filter((f): f is Extract<typeof f, { t: 'conversation.summary' }> => f.t === 'conversation.summary').map((f) => f.conversation);
const latestOf = (c: Customer, id: string): WireConversationSummary | undefined =>
  summaries(c)
    .filter((s) => s.id === id)
    .pop();

describe('several conversations over WebSocket', () => {
  it('welcome lists the conversations and announces the channels of the segment', async () => {
    const { c, welcome } = await Customer.connect(server, { user: ALICE });
    expect(welcome.capabilities.conversations).toEqual({
      channels: [
        { id: 'support', readOnly: false },
        { id: 'notifications', readOnly: true },
      ],
    });
    expect(welcome.conversations?.map((s) => s.id)).toEqual([welcome.conversationId]);
    expect(welcome.conversations?.[0]).toMatchObject({ channel: 'support', state: 'open', readOnly: false });
    await c.close();
    const business = await Customer.connect(server, { user: signed('bob', { segment: 'business' }) });
    const channels = business.welcome.capabilities.conversations;
    expect(channels ? channels.channels.map((ch) => ch.id) : []).toEqual(['support', 'notifications', 'documents']);
    await business.c.close();
  });

  it('a notification arrives as a summary with its unread count, is read-only, and reading clears the count', async () => {
    const { c, welcome } = await Customer.connect(server, { user: ALICE });
    const res = await notify({ userId: 'alice', text: 'Your card has been reissued' });
    expect(res.status).toBe(201);
    const { posted } = (await res.json()) as { posted: Array<{ conversationId: string }> };
    const notesId = posted[0]!.conversationId;
    expect(notesId).not.toBe(welcome.conversationId);
    await c.waitFor((f) => f.t === 'conversation.summary' && f.conversation.id === notesId);
    expect(latestOf(c, notesId)).toMatchObject({
      channel: 'notifications',
      readOnly: true,
      unread: 1,
      lastMessage: { text: 'Your card has been reissued', from: 'bot' },
    });
    // Nothing of the other conversation arrives as messages on this connection.
    expect(c.events().every((e) => e.conversationId === welcome.conversationId)).toBe(true);

    await notify({ userId: 'alice', text: 'Statement for May is ready' });
    await until(() => latestOf(c, notesId)?.unread === 2);

    const refused = await c.request({ t: 'send', conversationId: notesId, clientId: 'k1', text: 'thanks' });
    expect(refused).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
    const handoff = await c.request({ t: 'handoff.request', conversationId: notesId });
    expect(handoff).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });

    const list = await c.request({ t: 'conversations.list' });
    expect(list.t === 'ack' && list.conversations?.find((s) => s.id === notesId)?.unread).toBe(2);
    expect(list.t === 'ack' && list.conversations?.[0]?.id).toBe(notesId); // newest change first

    const lastSeq = (await c.request({ t: 'history', conversationId: notesId })) as Extract<typeof list, { t: 'history.page' }>;
    const upTo = Math.max(...lastSeq.messages.map((m) => m.seq));
    expect(await c.request({ t: 'read', conversationId: notesId, upTo })).toMatchObject({ t: 'ack' });
    await until(() => latestOf(c, notesId)?.unread === 0);
    await c.close();
  });

  it('opens another conversation, starts a new one in a channel, and a resume returns to the one that was open', async () => {
    const first = await Customer.connect(server, { user: ALICE });
    const supportId = first.welcome.conversationId;
    await first.c.request({ t: 'send', conversationId: supportId, clientId: 'a1', text: 'hello' });
    const { posted } = (await (await notify({ userId: 'alice', text: 'Card reissued' })).json()) as {
      posted: Array<{ conversationId: string }>;
    };
    const notesId = posted[0]!.conversationId;
    await first.c.close();

    // open: the notifications conversation (read-only, but readable)
    const opened = await Customer.connect(server, { token: first.welcome.sessionToken, user: ALICE, open: { conversationId: notesId } });
    expect(opened.welcome.conversationId).toBe(notesId);
    expect(opened.welcome.conversations?.map((s) => s.id).sort()).toEqual([supportId, notesId].sort());
    const page = await opened.c.request({ t: 'history', conversationId: notesId });
    expect(page.t === 'history.page' && page.messages.map((m) => m.parts)).toEqual([[{ kind: 'text', text: 'Card reissued' }]]);
    await opened.c.close();

    // resume of the notifications conversation comes back to it, not to the newest support one
    const resumed = await Customer.connect(server, {
      token: first.welcome.sessionToken,
      user: ALICE,
      resume: { conversationId: notesId, cursor: String(opened.welcome.cursor) },
    });
    expect(resumed.welcome).toMatchObject({ conversationId: notesId, resumed: true });
    await resumed.c.close();

    // new: a second support conversation, greeted by the bot; the first stays in the list
    const fresh = await Customer.connect(server, {
      token: first.welcome.sessionToken,
      user: ALICE,
      open: { channel: 'support', new: true },
    });
    const newId = fresh.welcome.conversationId;
    expect([supportId, notesId]).not.toContain(newId);
    await fresh.c.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot');
    const list = await fresh.c.request({ t: 'conversations.list' });
    expect(list.t === 'ack' && list.conversations?.map((s) => s.id).sort()).toEqual([supportId, notesId, newId].sort());
    await fresh.c.close();

    // without open or resume: the newest writable conversation
    const plain = await Customer.connect(server, { user: ALICE });
    expect(plain.welcome.conversationId).toBe(newId);
    await plain.c.close();
  });

  it('a repeated hello with the same new-conversation ref (a re-dial) opens the one it created', async () => {
    const first = await Customer.connect(server, { user: ALICE });
    await first.c.close();
    const open = { channel: 'support', new: true, ref: 'r-1' };
    const one = await Customer.connect(server, { token: first.welcome.sessionToken, user: ALICE, open });
    await one.c.close();
    const again = await Customer.connect(server, { token: first.welcome.sessionToken, user: ALICE, open });
    expect(again.welcome.conversationId).toBe(one.welcome.conversationId);
    expect(again.welcome.conversations).toHaveLength(2);
    await again.c.close();
  });

  it("refuses a new conversation in a read-only or unknown channel, and another person's conversation", async () => {
    const alice = await Customer.connect(server, { user: ALICE });
    await alice.c.close();
    const c = await Customer.open(server);
    const refused = await c.request({
      t: 'hello',
      client: { sdk: 'test', locale: 'en' },
      user: ALICE,
      open: { channel: 'notifications', new: true },
    });
    expect(refused).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
    await c.close();
    const c2 = await Customer.open(server);
    const unknown = await c2.request({
      t: 'hello',
      client: { sdk: 'test', locale: 'en' },
      user: ALICE,
      open: { channel: 'documents', new: true },
    });
    expect(unknown).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    await c2.close();
    const c3 = await Customer.open(server);
    const foreign = await c3.request({
      t: 'hello',
      client: { sdk: 'test', locale: 'en' },
      user: signed('mallory'),
      open: { conversationId: alice.welcome.conversationId },
    });
    expect(foreign).toMatchObject({ t: 'nack', error: { code: 'forbidden' } });
    await c3.close();
  });
});

describe('several conversations over HTTP', () => {
  it('lists, opens, notifies into the long-poll and refuses sends to the read-only channel', async () => {
    const w = await httpSession({ user: ALICE });
    expect(w.conversations?.length).toBe(1);
    let cursor = Number(w.cursor);
    for (let i = 0; i < 50 && cursor === Number(w.cursor); i++) {
      // the bot's greeting first: the held poll below must wait for news
      const drained = (await (await api(w, `/conversations/${w.conversationId}/events?after=${cursor}&wait=1`)).json()) as EventsResponse;
      cursor = Number(drained.cursor);
    }
    // A held long-poll on the open conversation ends with the summary of the notification.
    let body: EventsResponse | undefined;
    const held = api(w, `/conversations/${w.conversationId}/events?after=${cursor}&wait=20`).then(async (r) => {
      body = (await r.json()) as EventsResponse;
    });
    // The poll may not hold yet when the first one is posted: post until it answers.
    let notesId = '';
    for (let i = 0; body === undefined && i < 50; i++) {
      notesId = (await server.postNotification('alice', { text: 'Your card has been reissued' })).conversationId;
      await Promise.race([held, new Promise((r) => setTimeout(r, 100))]);
    }
    expect(body?.conversations?.find((s) => s.id === notesId)).toMatchObject({ readOnly: true, channel: 'notifications' });
    expect(body?.events).toEqual([]);

    const list = (await (await api(w, '/conversations')).json()) as { conversations: WireConversationSummary[] };
    expect(list.conversations.map((s) => s.id).sort()).toEqual([w.conversationId, notesId].sort());

    const send = await api(w, `/conversations/${notesId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 'h1', text: 'ok' }),
    });
    expect(send.status).toBe(403);

    const opened = await httpSession({ token: w.sessionToken, user: ALICE, open: { conversationId: notesId } });
    expect(opened.conversationId).toBe(notesId);
    const read = await api(w, `/conversations/${notesId}/read`, { method: 'POST', body: JSON.stringify({ upTo: Number(opened.cursor) }) });
    expect(read.status).toBe(204);
    const after = (await (await api(w, '/conversations')).json()) as { conversations: WireConversationSummary[] };
    expect(after.conversations.find((s) => s.id === notesId)?.unread).toBe(0);

    const fresh = await httpSession({ token: w.sessionToken, user: ALICE, open: { channel: 'support', new: true } });
    expect(fresh.conversations?.length).toBe(3);
  });

  it('the notifications endpoint wants the operator token', async () => {
    await httpSession({ user: ALICE });
    expect((await notify({ userId: 'alice', text: 'x' }, 'wrong')).status).toBe(401);
    expect((await notify({ userId: 'alice', text: 'x' }, '')).status).toBe(401);
    expect((await notify({ userId: 'nobody', text: 'x' })).status).toBe(404);
    expect((await notify({ userId: 'alice', text: '  ' })).status).toBe(400);
  });
});
