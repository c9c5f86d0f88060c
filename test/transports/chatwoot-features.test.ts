// Chatwoot specifics beyond the conformance suite, against the loopback fake: session reuse,
// identity hash, activity lines, typing, status, contact merge, CSAT, staleness, long backfills.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { IncomingMessage, SessionSnapshot, Transport, TransportEvent } from '../../src/core/transport';
import { createChatwootTransport } from '../../src/transports/chatwoot';
import type { WebSocketConstructor } from '../../src/transports/swp/socket';
import { type ChatwootFake, startChatwootFake } from './fakes/chatwoot-fake';
import { until } from './helpers/fake-swp-server';

let fake: ChatwootFake;
const open: Transport[] = [];
beforeAll(async () => {
  fake = await startChatwootFake({ hmacToken: 'inbox-hmac-secret', pingMs: 300 });
});
afterEach(async () => {
  fake.faults.silent = false;
  fake.faults.duplicate = false;
  fake.faults.refuseSockets = false;
  fake.faults.answerLateMs = 0;
  fake.faults.reorder = false;
  while (open.length) await open.pop()!.disconnect();
});
afterAll(async () => fake.close());

const isMessage = (e: TransportEvent): e is Extract<TransportEvent, { type: 'message' }> => e.type === 'message';
const textOf = (m: IncomingMessage) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join(' ');

async function client(resume?: SessionSnapshot, staleAfterMs = 2000, requestTimeoutMs = 5000) {
  const transport = createChatwootTransport({
    baseUrl: fake.url,
    inboxIdentifier: fake.inbox,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    staleAfterMs,
    requestTimeoutMs,
  });
  open.push(transport);
  const events: TransportEvent[] = [];
  transport.on((e) => events.push(e));
  const user = { id: 'user-7', hash: fake.sign('user-7'), name: 'Grace', email: 'grace@example.com' };
  const session = await transport.connect({ user, locale: 'en', ...(resume ? { resume } : {}) });
  const next = (p: (e: TransportEvent) => boolean, label: string, from = 0) => until(() => events.slice(from).find(p), 10_000, label);
  const messages = () => events.filter(isMessage).map((e) => e.message);
  return { transport, events, session, next, messages };
}

describe('Chatwoot adapter', () => {
  it('passes identifier and identifier_hash; a stored session is reused (no new contact or conversation)', async () => {
    const contactsBefore = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/contacts')).length;
    const a = await client();
    const created = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/contacts'));
    expect(created).toHaveLength(contactsBefore + 1);
    expect(created.at(-1)!.body).toMatchObject({ identifier: 'user-7', identifier_hash: fake.sign('user-7'), email: 'grace@example.com' });
    expect(a.session.adapter).toMatchObject({ sourceId: expect.any(String), pubsubToken: expect.any(String), identifier: 'user-7' });
    await a.next((e) => isMessage(e) && e.message.from.role === 'bot', 'greeting');
    const snapshot = a.transport.snapshot();
    await a.transport.disconnect();
    const posts = fake.requests.filter((r) => r.method === 'POST').length;
    const b = await client(snapshot);
    expect(b.session.conversationId).toBe(a.session.conversationId);
    expect(fake.requests.filter((r) => r.method === 'POST').length).toBe(posts);
  });

  it('activity messages are system lines; agent typing and status changes come through', async () => {
    const c = await client();
    const id = c.session.conversationId!;
    fake.activity(id, 'Conversation was assigned to Anna');
    const line = await c.next((e) => isMessage(e) && e.message.from.role === 'system', 'activity line');
    expect(textOf((line as Extract<TransportEvent, { type: 'message' }>).message)).toBe('Conversation was assigned to Anna');
    fake.typing(id, true);
    await c.next((e) => e.type === 'typing' && e.on && e.from.role === 'agent', 'typing on');
    fake.typing(id, false);
    await c.next((e) => e.type === 'typing' && !e.on, 'typing off');
    fake.agentSays(id, 'Hello, Anna here');
    await c.next((e) => isMessage(e) && e.message.from.role === 'agent' && e.message.from.name === 'Anna', 'agent message');
    await c.transport.closeConversation!();
    await c.next((e) => e.type === 'conversation' && e.state === 'closed', 'closed');
  });

  it('a quick reply answers the input_select with submitted_values and shows the label once', async () => {
    const c = await client();
    const greeting = (await c.next((e) => isMessage(e) && (e.message.quickReplies?.length ?? 0) > 0, 'input_select')) as Extract<
      TransportEvent,
      { type: 'message' }
    >;
    const action = greeting.message.quickReplies![1]!;
    await c.transport.send({ clientId: 'c_qr_1', text: action.label, action });
    const patch = fake.requests.find((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${greeting.message.id}`));
    expect(patch?.body).toEqual({ submitted_values: [{ title: 'Something else', value: 'other' }] });
    await c.next((e) => e.type === 'message.updated' && e.message.id === greeting.message.id && !e.message.quickReplies, 'answered');
    expect(
      c
        .messages()
        .filter((m) => m.clientId === 'c_qr_1')
        .map(textOf),
    ).toEqual(['Something else']);
  });

  it('after contact.merged it subscribes with the new token', async () => {
    const c = await client();
    const newToken = fake.mergeContact(String(c.session.adapter!.sourceId));
    await until(() => c.transport.snapshot().adapter?.pubsubToken === newToken, 5000, 'new token');
    await until(() => fake.isSubscribed(newToken), 5000, 'subscribed with the new token');
    fake.agentSays(c.session.conversationId!, 'after the merge');
    await c.next((e) => isMessage(e) && textOf(e.message) === 'after the merge', 'message on the new token');
  });

  it('CSAT: rating turns on with the survey, and the answer goes to csat_survey', async () => {
    const c = await client();
    expect(c.transport.capabilities.rating).toBe(false);
    fake.setStatus(c.session.conversationId!, 'resolved');
    fake.sendCsat(c.session.conversationId!);
    await c.next((e) => e.type === 'capabilities' && e.capabilities.rating === true, 'rating on');
    expect(c.transport.capabilities.rating).toBe(true);
    await c.transport.rate!(4, 'kind and quick');
    expect(fake.conversation(c.session.conversationId!)!.csat).toEqual({ rating: 4, feedback_message: 'kind and quick' });
    await expect(c.transport.rate!(9)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a silent socket (no pings) counts as dead and is replaced', async () => {
    const c = await client(undefined, 900);
    fake.faults.silent = true;
    await c.next((e) => e.type === 'status' && e.status === 'reconnecting', 'reconnecting after silence');
    fake.faults.silent = false;
    const at = c.events.length;
    await c.next((e) => e.type === 'status' && e.status === 'online', 'online again', at);
  });

  it('a long outage backfills over several pages, in order, each message once, even with duplicated broadcasts and reordered pages', async () => {
    const c = await client();
    await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'greeting');
    fake.faults.duplicate = true;
    fake.faults.reorder = true;
    fake.faults.refuseSockets = true;
    fake.dropSockets();
    await c.next((e) => e.type === 'status' && e.status === 'reconnecting', 'reconnecting');
    for (let i = 0; i < 45; i++) fake.agentSays(c.session.conversationId!, `missed ${i}`);
    fake.faults.refuseSockets = false;
    await until(() => c.messages().some((m) => textOf(m) === 'missed 44'), 15_000, 'the last missed message');
    fake.agentSays(c.session.conversationId!, 'live again');
    await c.next((e) => isMessage(e) && textOf(e.message) === 'live again', 'live message');
    const missed = c
      .messages()
      .map(textOf)
      .filter((t) => t.startsWith('missed'));
    expect(missed).toEqual(Array.from({ length: 45 }, (_, i) => `missed ${i}`));
    const ids = c.messages().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const page = await c.transport.fetchHistory!({ limit: 10 });
    const seqs = page.messages.map((m) => m.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('a send refused by a 503 rejects retryably; the retry with the same clientId sends it once', async () => {
    const c = await client();
    fake.faults.failNext.push({ match: /^POST .*\/messages$/, status: 503 });
    await expect(c.transport.send({ clientId: 'c_retry_1', text: 'try me' })).rejects.toMatchObject({ code: 'server', retryable: true });
    const receipt = await c.transport.send({ clientId: 'c_retry_1', text: 'try me' });
    await c.next((e) => isMessage(e) && e.message.clientId === 'c_retry_1', 'echo');
    const sent = fake.conversation(c.session.conversationId!)!.messages.filter((m) => m.echo_id === 'c_retry_1');
    expect(sent.map((m) => String(m.id))).toEqual([receipt.id]);
  });

  it('an answer lost after the server took the message: the retry finds the realtime echo and sends nothing new', async () => {
    const c = await client(undefined, 2000, 400);
    await c.next((e) => isMessage(e) && e.message.from.role === 'bot', 'greeting');
    fake.faults.answerLateMs = 1500;
    await expect(c.transport.send({ clientId: 'c_lost_1', text: 'did it arrive?' })).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    await c.next((e) => isMessage(e) && e.message.clientId === 'c_lost_1', 'the realtime echo');
    fake.faults.answerLateMs = 0;
    const receipt = await c.transport.send({ clientId: 'c_lost_1', text: 'did it arrive?' });
    const stored = fake.conversation(c.session.conversationId!)!.messages.filter((m) => m.echo_id === 'c_lost_1');
    expect(stored.map((m) => String(m.id))).toEqual([receipt.id]);
    expect(c.messages().filter((m) => m.clientId === 'c_lost_1')).toHaveLength(1);
  });

  it('conversation.status_changed: resolved closes, open again reopens, a bot’s pending → open is the handoff', async () => {
    const c = await client();
    const id = c.session.conversationId!;
    fake.setStatus(id, 'pending');
    fake.setStatus(id, 'open');
    await c.next((e) => e.type === 'handoff' && e.state === 'accepted', 'handoff accepted');
    fake.setStatus(id, 'resolved');
    await c.next((e) => e.type === 'conversation' && e.state === 'closed', 'closed');
    const at = c.events.length;
    fake.setStatus(id, 'open');
    await c.next((e) => e.type === 'conversation' && e.state === 'open', 'reopened', at);
  });
});
