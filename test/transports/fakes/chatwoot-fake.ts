/**
 * A loopback fake of a Chatwoot API-channel inbox: real HTTP and WebSocket servers on 127.0.0.1,
 * built only from the documented shapes, not from Chatwoot's code. Sources:
 * - ../shared/guides/backend-protocols.md §1 (routes, payloads, events), which cites
 *   chatwoot/chatwoot `config/routes.rb`, `app/controllers/public/api/v1/inboxes/*_controller.rb`,
 *   `app/views/public/api/v1/models/_message.json.jbuilder` (REST messages: no `echo_id`),
 *   `app/models/message.rb#push_event_data` (realtime messages: with `echo_id`),
 *   `app/channels/room_channel.rb`, `app/listeners/action_cable_listener.rb`;
 * - https://www.chatwoot.com/docs/product/channels/api/client-apis and
 *   https://www.chatwoot.com/docs/product/others/websocket-events;
 * - `app/controllers/public/api/v1/csat_survey_controller.rb` (CSAT: PUT /csat_survey/{uuid}).
 * A scripted agent bot answers; the test plays agents through `agentSays`, `activity`, `setStatus`.
 * Faults: drop every socket, refuse sockets, stop pinging, fail the next requests, duplicate broadcasts.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson as send } from './http-body';
import type { WebSocket } from 'ws';
import { attachCable } from './chatwoot-cable-fake';
import type { ChatwootFake, ChatwootFakeOptions, Contact, Conversation, Message } from './chatwoot-fake-types';

export type { ChatwootFake, ChatwootFakeOptions } from './chatwoot-fake-types';

type Json = Record<string, unknown>;

const BOT = { id: 1, name: 'Helper bot', type: 'agent_bot' };
const AGENT = (name: string) => ({ id: 7, name, available_name: name, type: 'user' });

export async function startChatwootFake(options: ChatwootFakeOptions = {}): Promise<ChatwootFake> {
  const inbox = options.inbox ?? 'inbox-fake-1';
  const contacts = new Map<string, Contact>();
  const conversations = new Map<number, Conversation>();
  const subs = new Map<WebSocket, Set<string>>();
  let ids = { contact: 100, conversation: 300, message: 5000, attachment: 1 };
  const faults: ChatwootFake['faults'] = {
    refuseSockets: false,
    silent: false,
    duplicate: false,
    answerLateMs: 0,
    reorder: false,
    failNext: [],
  };
  const requests: ChatwootFake['requests'] = [];
  const files = new Map<string, { type: string; data: Buffer }>();
  let base = '';

  const identifierOf = (token: string) => JSON.stringify({ channel: 'RoomChannel', pubsub_token: token });
  const broadcast = (token: string, event: string, data: Json) => {
    const frame = JSON.stringify({ identifier: identifierOf(token), message: { event, data } });
    for (const [ws, tokens] of subs) if (tokens.has(token)) for (let i = faults.duplicate ? 2 : 1; i > 0; i--) ws.send(frame);
  };
  const tokenOf = (c: Conversation) => contacts.get(c.sourceId)?.pubsubToken ?? '';
  const restForm = (m: Message): Json => {
    const { echo_id: _echo, private: _p, ...rest } = m;
    return rest;
  };
  const pushForm = (m: Message): Json => ({ ...m, conversation: { id: m.conversation_id } });
  const add = (c: Conversation, m: Omit<Message, 'id' | 'created_at' | 'conversation_id'>): Message => {
    const message: Message = { ...m, id: ++ids.message, created_at: Math.floor(Date.now() / 1000), conversation_id: c.id };
    c.messages.push(message);
    if (!message.private) broadcast(tokenOf(c), 'message.created', pushForm(message));
    return message;
  };
  const botSays = (c: Conversation, content: string, select?: Array<{ title: string; value: string }>) =>
    add(c, {
      content,
      message_type: 1,
      content_type: select ? 'input_select' : 'text',
      content_attributes: select ? { items: select } : {},
      sender: BOT,
    });
  const greet = (c: Conversation) =>
    botSays(c, 'Hi! What can I do for you?', [
      { title: 'Track my order', value: 'track_order' },
      { title: 'Something else', value: 'other' },
    ]);

  const conv = (id: string | number) => conversations.get(Number(id));
  const sign = (identifier: string) =>
    createHmac('sha256', options.hmacToken ?? '')
      .update(identifier)
      .digest('hex');

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': '*' });
      return res.end();
    }
    if (path.startsWith('/rails/active_storage/')) {
      const f = files.get(path);
      if (!f) return send(res, 404, { error: 'not found' });
      res.writeHead(200, { 'Content-Type': f.type });
      return res.end(f.data);
    }
    const { json: body, files: uploaded } = method === 'GET' ? { json: {}, files: [] } : await readBody(req);
    requests.push({ method, path: path + url.search, body });
    const fault = faults.failNext.findIndex((f) => f.match.test(`${method} ${path}`));
    if (fault >= 0) {
      const [f] = faults.failNext.splice(fault, 1);
      return send(res, f!.status, { error: 'injected fault' });
    }
    const m =
      /^\/public\/api\/v1\/(?:inboxes\/([^/]+)(?:\/contacts(?:\/([^/]+)(?:\/conversations(?:\/(\d+)(?:\/(messages|toggle_typing|update_last_seen|toggle_status)(?:\/(\d+))?)?)?)?)?)?|csat_survey\/([^/]+))$/.exec(
        path,
      );
    if (!m) return send(res, 404, { error: 'no route' });
    const [, inboxId, sourceId, convId, action, messageId, csatUuid] = m;
    if (csatUuid) {
      const c = [...conversations.values()].find((x) => x.uuid === csatUuid);
      if (!c || method !== 'PUT') return send(res, 404, { error: 'not found' });
      c.csat = (((body.message as Json)?.submitted_values as Json)?.csat_survey_response as Json) ?? {};
      return send(res, 200, { ok: true });
    }
    if (inboxId !== inbox) return send(res, 404, { error: 'inbox not found' });
    if (path.endsWith('/contacts') && method === 'POST') return createContact(res, body);
    if (!sourceId) return send(res, 200, { identifier: inbox, name: 'Fake inbox' });
    const contact = contacts.get(sourceId);
    if (!contact) return send(res, 404, { error: 'contact not found' });
    if (!path.includes('/conversations'))
      return send(res, 200, { id: contact.id, source_id: contact.sourceId, pubsub_token: contact.pubsubToken, name: contact.name });
    if (!convId) {
      if (method === 'POST') {
        const c: Conversation = { id: ++ids.conversation, uuid: randomUUID(), sourceId, status: 'open', messages: [] };
        conversations.set(c.id, c);
        if (options.bot !== false) setTimeout(() => greet(c), 20);
        return send(res, 200, { id: c.id, uuid: c.uuid, inbox_id: 9, status: c.status, messages: [] });
      }
      return send(
        res,
        200,
        [...conversations.values()].filter((c) => c.sourceId === sourceId).map((c) => ({ id: c.id, uuid: c.uuid, status: c.status })),
      );
    }
    const c = conv(convId);
    if (!c || c.sourceId !== sourceId) return send(res, 404, { error: 'conversation not found' });
    if (!action) return send(res, 200, { id: c.id, uuid: c.uuid, inbox_id: 9, status: c.status, messages: [] });
    if (action === 'toggle_typing' || action === 'update_last_seen') return send(res, 200, {});
    if (action === 'toggle_status') {
      setStatus(c, 'resolved');
      return send(res, 200, { id: c.id, status: c.status });
    }
    if (messageId && method === 'PATCH') {
      const target = c.messages.find((x) => x.id === Number(messageId));
      if (!target) return send(res, 404, { error: 'message not found' });
      target.content_attributes = { ...target.content_attributes, submitted_values: body.submitted_values };
      broadcast(tokenOf(c), 'message.updated', pushForm(target));
      return send(res, 200, restForm(target));
    }
    if (method === 'GET') {
      const before = url.searchParams.get('before');
      const older = c.messages.filter((x) => !x.private && (before === null || x.id < Number(before)));
      const page = older.slice(-20).map(restForm);
      // The "reorder" fault: a page in no particular order.
      return send(res, 200, faults.reorder ? page.reverse() : page);
    }
    const attachments = uploaded.map((f) => {
      const id = ids.attachment++;
      const filePath = `/rails/active_storage/blobs/${id}/${encodeURIComponent(f.name)}`;
      files.set(filePath, { type: f.type, data: f.data });
      const kind = f.type.startsWith('image/') ? 'image' : 'file';
      return { id, file_type: kind, data_url: `${base}${filePath}`, thumb_url: '', file_size: f.data.length };
    });
    const echo = typeof body.echo_id === 'string' ? body.echo_id : undefined;
    const own = add(c, {
      content: typeof body.content === 'string' ? body.content : null,
      message_type: 0,
      content_type: 'text',
      content_attributes: {},
      sender: { id: contact.id, name: contact.name ?? 'Visitor', type: 'contact' },
      ...(echo ? { echo_id: echo } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    if (c.status === 'resolved') setStatus(c, 'open');
    if (options.bot !== false) setTimeout(() => botSays(c, `You wrote: ${own.content ?? 'a file'}`), 20);
    // The "lost answer" fault: the message is stored and broadcast, the answer comes too late.
    if (faults.answerLateMs > 0) return void setTimeout(() => send(res, 200, restForm(own)), faults.answerLateMs);
    return send(res, 200, restForm(own));
  };

  const createContact = (res: ServerResponse, body: Json) => {
    const identifier = typeof body.identifier === 'string' ? body.identifier : undefined;
    if (identifier && options.hmacToken && body.identifier_hash !== sign(identifier))
      return send(res, 401, { error: 'HMAC failed: Invalid Identifier Hash Provided' });
    const contact: Contact = {
      id: ++ids.contact,
      sourceId: randomUUID(),
      pubsubToken: randomUUID().replace(/-/g, ''),
      ...(identifier ? { identifier } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
    };
    contacts.set(contact.sourceId, contact);
    return send(res, 200, {
      id: contact.id,
      source_id: contact.sourceId,
      pubsub_token: contact.pubsubToken,
      name: contact.name ?? null,
      email: body.email ?? null,
      phone_number: null,
    });
  };

  const setStatus = (c: Conversation, status: string) => {
    c.status = status;
    broadcast(tokenOf(c), 'conversation.status_changed', { id: c.id, status });
  };

  const http = createServer((req, res) => {
    route(req, res).catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  const cable = attachCable(
    http,
    subs,
    faults,
    (token) => [...contacts.values()].some((c) => c.pubsubToken === token),
    options.pingMs ?? 3000,
  );

  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const need = (id: string | number) => {
    const c = conv(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  };
  return {
    url: base,
    inbox,
    faults,
    requests,
    sockets: () => subs.size,
    isSubscribed: (token) => [...subs.values()].some((tokens) => tokens.has(token)),
    dropSockets: () => {
      for (const ws of subs.keys()) ws.terminate();
    },
    conversation: conv,
    agentSays: (id, text, name = 'Anna') =>
      add(need(id), { content: text, message_type: 1, content_type: 'text', content_attributes: {}, sender: AGENT(name) }),
    activity: (id, text) => add(need(id), { content: text, message_type: 2, content_type: 'text', content_attributes: {} }),
    setStatus: (id, status) => setStatus(need(id), status),
    typing: (id, on) => {
      const c = need(id);
      broadcast(tokenOf(c), on ? 'conversation.typing_on' : 'conversation.typing_off', {
        conversation: { id: c.id },
        user: AGENT('Anna'),
        is_private: false,
      });
    },
    sendCsat: (id) =>
      add(need(id), { content: 'Please rate this conversation', message_type: 3, content_type: 'input_csat', content_attributes: {} }),
    mergeContact(sourceId) {
      const contact = contacts.get(sourceId);
      if (!contact) throw new Error('no contact');
      const old = contact.pubsubToken;
      contact.pubsubToken = randomUUID().replace(/-/g, '');
      broadcast(old, 'contact.merged', { pubsub_token: contact.pubsubToken });
      return contact.pubsubToken;
    },
    sign,
    async close() {
      await cable.close();
      await new Promise<void>((r) => http.close(() => r()));
      ids = { contact: 0, conversation: 0, message: 0, attachment: 0 };
    },
  };
}
