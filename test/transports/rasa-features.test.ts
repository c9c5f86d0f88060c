// Rasa specifics beyond the conformance suite, against the loopback fake: split texts, images,
// buttons and quick_replies, the custom rule (code step, handoff), session_request on every
// connect, both session_confirm forms, and a refused REST request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { IncomingMessage, SessionSnapshot, Transport, TransportEvent } from '../../src/core/transport';
import { createRasaTransport, type RasaTransportOptions } from '../../src/transports/rasa';
import type { WebSocketConstructor } from '../../src/transports/swp/socket';
import { RASA_CODE, type RasaFake, startRasaFake } from './fakes/rasa-fake';
import { until } from './helpers/fake-swp-server';

let fake: RasaFake;
const open: Transport[] = [];
beforeAll(async () => {
  fake = await startRasaFake({ pingMs: 1000 });
});
afterEach(async () => {
  fake.faults.confirmAsObject = false;
  fake.faults.refuseSockets = false;
  while (open.length) await open.pop()!.disconnect();
});
afterAll(async () => fake.close());

type MessageEvent = Extract<TransportEvent, { type: 'message' }>;
const isMessage = (e: TransportEvent): e is MessageEvent => e.type === 'message';
const textOf = (m: IncomingMessage) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join(' ');

async function client(mode: 'rest' | 'socketio', extra: Partial<RasaTransportOptions> = {}, resume?: SessionSnapshot) {
  const transport = createRasaTransport({
    url: fake.url,
    mode,
    initPayload: '/greet',
    handoffPayload: '/handoff',
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    requestTimeoutMs: 5000,
    ...extra,
  });
  open.push(transport);
  const events: TransportEvent[] = [];
  transport.on((e) => events.push(e));
  const session = await transport.connect({ user: {}, locale: 'en', ...(resume ? { resume } : {}) });
  const next = (p: (e: TransportEvent) => boolean, label: string, from = 0) => until(() => events.slice(from).find(p), 10_000, label);
  const messages = () => events.filter(isMessage).map((e) => e.message);
  return { transport, events, session, next, messages };
}

describe.each(['rest', 'socketio'] as const)('Rasa adapter (%s)', (mode) => {
  it('the greeting: text split on blank lines, buttons as quick replies on the last piece', async () => {
    const c = await client(mode);
    await until(() => c.messages().length >= 3 || undefined, 5000, 'greeting');
    const [first, second, third] = c.messages();
    expect(textOf(first!)).toBe('Hi! I am the demo bot.');
    expect(textOf(second!)).toBe('What can I do for you?');
    expect(third!.quickReplies).toEqual([
      expect.objectContaining({ label: 'Track my order', kind: 'postback', value: '/track_order' }),
      expect.objectContaining({ label: 'Talk to a human', kind: 'postback', value: '/handoff' }),
    ]);
    const action = third!.quickReplies![0]!;
    await c.transport.send({ clientId: `c_${mode}_track`, text: action.label, action });
    await until(() => fake.received.some((r) => r.message === '/track_order' && r.via === mode) || undefined, 5000, 'the payload sent');
    const image = await c.next((e) => isMessage(e) && e.message.parts.some((p) => p.kind === 'attachment'), 'image');
    expect((image as MessageEvent).message.parts).toContainEqual({
      kind: 'attachment',
      attachment: expect.objectContaining({ url: 'http://127.0.0.1/static/map.png', mimeType: 'image/*', name: 'map.png' }),
    });
    expect(c.messages().find((m) => m.clientId === `c_${mode}_track`)).toMatchObject({ parts: [{ kind: 'text', text: 'Track my order' }] });
  });

  it('a custom payload becomes the code step; a wrong code is invalid, the right one hands off', async () => {
    const c = await client(mode);
    await c.transport.requestHandoff!();
    const challenge = (await c.next((e) => e.type === 'handoff' && e.state === 'verification_required', 'challenge')) as Extract<
      TransportEvent,
      { type: 'handoff' }
    >;
    expect(challenge.challenge).toMatchObject({ id: expect.any(String), method: 'sms_otp', destinationHint: '•••12', codeLength: 6 });
    expect(await c.transport.submitVerification!(challenge.challenge!.id, '000000')).toBe('invalid');
    expect(await c.transport.submitVerification!(challenge.challenge!.id, RASA_CODE)).toBe('ok');
    await c.next((e) => e.type === 'handoff' && e.state === 'queued', 'queued');
  });

  it('a custom rule of the host decides what a payload means', async () => {
    const c = await client(mode, {
      customRule: (custom) =>
        typeof custom === 'object' && custom !== null && (custom as { type?: unknown }).type === 'otp_required'
          ? { kind: 'handoff', state: 'accepted', reason: 'no codes here' }
          : undefined,
    });
    await c.transport.requestHandoff!();
    await c.next((e) => e.type === 'handoff' && e.state === 'accepted', 'accepted by the host rule');
    expect(c.events.some((e) => e.type === 'handoff' && e.state === 'verification_required')).toBe(false);
  });

  it('a stored session keeps its sender id and is not greeted again', async () => {
    const a = await client(mode);
    await until(() => a.messages().length >= 3 || undefined, 5000, 'greeting');
    const snapshot = a.transport.snapshot();
    await a.transport.disconnect();
    const greetings = fake.received.filter((r) => r.message === '/greet').length;
    const b = await client(mode, {}, snapshot);
    expect(b.session.adapter?.senderId).toBe(snapshot.adapter?.senderId);
    await b.transport.send({ clientId: `c_${mode}_again`, text: 'still me' });
    await b.next((e) => isMessage(e) && textOf(e.message) === 'You said: still me', 'answer');
    expect(fake.received.filter((r) => r.message === 'still me').at(-1)).toMatchObject({ sender: snapshot.adapter?.senderId });
    expect(fake.received.filter((r) => r.message === '/greet').length).toBe(greetings);
  });
});

describe('Rasa Socket.IO channel', () => {
  it('asks session_request with the stored id on every connect; takes the { session_id } form too', async () => {
    fake.faults.confirmAsObject = true;
    const c = await client('socketio');
    const id = c.session.adapter!.senderId as string;
    expect(id).toEqual(expect.any(String));
    const before = fake.sessionRequests.length;
    fake.dropSockets();
    await until(() => fake.sessionRequests.length > before || undefined, 10_000, 'session_request after reconnect');
    expect(fake.sessionRequests.at(-1)).toBe(id);
    await c.next(
      (e) => e.type === 'status' && e.status === 'online',
      'online again',
      c.events.findIndex((e) => e.type === 'status' && e.status === 'reconnecting'),
    );
    await c.transport.send({ clientId: 'c_sio_after', text: 'hello again' });
    await c.next((e) => isMessage(e) && textOf(e.message) === 'You said: hello again', 'answer after reconnect');
  });
});

describe('Rasa Socket.IO liveness', () => {
  it('a server that stops pinging counts as dead (pingInterval + pingTimeout) and is dialled again', async () => {
    const quick = await startRasaFake({ pingMs: 400 });
    const transport = createRasaTransport({
      url: quick.url,
      mode: 'socketio',
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      reconnect: { minDelayMs: 50, maxDelayMs: 300 },
    });
    const events: TransportEvent[] = [];
    transport.on((e) => events.push(e));
    try {
      await transport.connect({ user: {}, locale: 'en' });
      quick.faults.silent = true;
      await until(() => events.some((e) => e.type === 'status' && e.status === 'reconnecting') || undefined, 10_000, 'reconnecting');
      quick.faults.silent = false;
      const at = events.length;
      await until(() => events.slice(at).some((e) => e.type === 'status' && e.status === 'online') || undefined, 10_000, 'online again');
      expect(quick.sessionRequests.length).toBeGreaterThanOrEqual(2);
      expect(new Set(quick.sessionRequests.slice(1))).toEqual(new Set([transport.snapshot().adapter?.senderId]));
    } finally {
      await transport.disconnect();
      await quick.close();
    }
  });
});

describe('Rasa REST channel', () => {
  it('a refused request (401 from a gateway) fails the transport with auth', async () => {
    const c = await client('rest');
    fake.faults.failNext.push(401);
    await expect(c.transport.send({ clientId: 'c_rest_401', text: 'hi' })).rejects.toMatchObject({ code: 'auth', retryable: false });
    expect(c.events.find((e) => e.type === 'status' && e.status === 'failed')).toMatchObject({ error: { code: 'auth' } });
  });
  it('a 503 rejects retryably and shows nothing; the retry shows the message once', async () => {
    const c = await client('rest');
    fake.faults.failNext.push(503);
    await expect(c.transport.send({ clientId: 'c_rest_503', text: 'again' })).rejects.toMatchObject({ retryable: true });
    expect(c.messages().some((m) => m.clientId === 'c_rest_503')).toBe(false);
    await c.transport.send({ clientId: 'c_rest_503', text: 'again' });
    await c.transport.send({ clientId: 'c_rest_503', text: 'again' });
    expect(c.messages().filter((m) => m.clientId === 'c_rest_503')).toHaveLength(1);
    expect(fake.received.filter((r) => r.message === 'again')).toHaveLength(1);
  });
});
