/**
 * A loopback fake of a Rasa server with its REST and Socket.IO channels: real HTTP and WebSocket
 * servers on 127.0.0.1, built only from the documented shapes, not from Rasa's code. Sources:
 * - ../shared/guides/backend-protocols.md §2 and §8, which cite RasaHQ/rasa
 *   `rasa/core/channels/rest.py`, `socketio.py`, `channel.py` (CollectingOutputChannel splits text
 *   on blank lines; REST says `buttons`, Socket.IO `quick_replies`; send_custom_json emits the dict);
 * - https://rasa.com/docs/rasa/connectors/your-own-website (session_request / session_confirm,
 *   session_persistence, jwt_key);
 * - socketio/engine.io-protocol v4 and socket.io-protocol v5 (open `0{…}`, ping `2` / pong `3`,
 *   connect `40`, connect_error `44`, event `42[…]`).
 * A scripted bot answers `/greet`, `/track_order`, `/handoff` (a code step), a code, and echoes
 * anything else. Faults: drop sockets, refuse sockets, stop pinging, fail the next REST requests,
 * confirm as `{ session_id }` (as some proxies do).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody, sendJson } from './http-body';

type Json = Record<string, unknown>;
export const RASA_CODE = '123456';

export interface RasaFakeOptions {
  /** Socket.IO: the JWT the channel wants in the auth payload (`jwt_key`); none by default. */
  token?: string;
  /** Engine.IO ping interval and timeout, ms. */
  pingMs?: number;
}

export interface RasaFake {
  url: string;
  faults: { refuseSockets: boolean; confirmAsObject: boolean; silent: boolean; failNext: number[] };
  /** Every message the bot got, by sender. */
  received: Array<{ sender: string; message: string; via: 'rest' | 'socketio' }>;
  sessionRequests: Array<string | null>;
  dropSockets(): void;
  close(): Promise<void>;
}

/** The bot: one turn → utterances in the dispatcher's form (text, buttons, image, custom). */
function botTurn(message: string): Json[] {
  if (message === '/greet')
    return [
      { text: 'Hi! I am the demo bot.\n\nWhat can I do for you?' },
      {
        text: 'Pick one',
        buttons: [
          { title: 'Track my order', payload: '/track_order' },
          { title: 'Talk to a human', payload: '/handoff' },
        ],
      },
    ];
  if (message === '/track_order') return [{ text: 'Your order is on its way.' }, { image: 'http://127.0.0.1/static/map.png' }];
  if (message === '/handoff') return [{ custom: { type: 'otp_required', method: 'sms_otp', destinationHint: '•••12', codeLength: 6 } }];
  if (/^\d{6}$/.test(message))
    return message === RASA_CODE
      ? [{ custom: { type: 'handoff', state: 'queued' } }, { text: 'Thanks, a person will be with you shortly.' }]
      : [{ custom: { type: 'otp_result', result: 'invalid' } }];
  return [{ text: `You said: ${message}` }];
}

/** CollectingOutputChannel: text split on blank lines, one entry each; buttons with the last. */
function restForm(sender: string, turn: Json[]): Json[] {
  return turn.flatMap((u) => {
    if (typeof u.text !== 'string') return [{ recipient_id: sender, ...u }];
    const pieces = u.text.split(/\n\s*\n/);
    return pieces.map((text, i) => ({
      recipient_id: sender,
      text,
      ...(i === pieces.length - 1 && u.buttons ? { buttons: u.buttons } : {}),
    }));
  });
}

/** SocketIOOutput: texts split the same way, buttons as quick_replies, images as attachments, custom as is. */
function socketForm(turn: Json[]): unknown[] {
  return turn.flatMap((u): unknown[] => {
    if (u.custom) return [u.custom];
    if (typeof u.image === 'string') return [{ attachment: { type: 'image', payload: { src: u.image } } }];
    const pieces = String(u.text ?? '').split(/\n\s*\n/);
    const buttons = Array.isArray(u.buttons)
      ? u.buttons.map((b: Json) => ({ content_type: 'text', title: b.title, payload: b.payload }))
      : null;
    return pieces.map((text, i) => ({ text, ...(i === pieces.length - 1 && buttons ? { quick_replies: buttons } : {}) }));
  });
}

export async function startRasaFake(options: RasaFakeOptions = {}): Promise<RasaFake> {
  const faults: RasaFake['faults'] = { refuseSockets: false, confirmAsObject: false, silent: false, failNext: [] };
  const received: RasaFake['received'] = [];
  const sessionRequests: RasaFake['sessionRequests'] = [];
  const rooms = new Map<WebSocket, string>();
  const pingMs = options.pingMs ?? 25_000;

  const http = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': '*',
        'Access-Control-Allow-Methods': 'POST',
      });
      return void res.end();
    }
    if (req.method !== 'POST' || req.url !== '/webhooks/rest/webhook') return sendJson(res, 404, { error: 'not found' });
    readBody(req)
      .then(({ json }) => {
        const status = faults.failNext.shift();
        if (status) return sendJson(res, status, { message: 'injected fault' });
        const sender = String(json.sender ?? 'default');
        const message = String(json.message ?? '');
        received.push({ sender, message, via: 'rest' });
        sendJson(res, 200, restForm(sender, botTurn(message)));
      })
      .catch(() => sendJson(res, 400, { error: 'bad request' }));
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/socket.io/' || url.searchParams.get('EIO') !== '4' || faults.refuseSockets) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const emit = (ws: WebSocket, name: string, data: unknown) => ws.send(`42${JSON.stringify([name, data])}`);
  wss.on('connection', (ws) => {
    ws.send(`0${JSON.stringify({ sid: randomUUID(), upgrades: [], pingInterval: pingMs, pingTimeout: pingMs, maxPayload: 1e6 })}`);
    const pinger = setInterval(() => faults.silent || ws.send('2'), pingMs);
    ws.on('close', () => {
      clearInterval(pinger);
      rooms.delete(ws);
    });
    ws.on('message', (raw) => {
      const frame = String(raw);
      if (frame === '3') return;
      if (frame.startsWith('40')) {
        const auth = frame.length > 2 ? (JSON.parse(frame.slice(2)) as Json) : {};
        if (options.token && auth.token !== options.token) return ws.send(`44${JSON.stringify({ message: 'Unauthorized' })}`);
        return ws.send(`40${JSON.stringify({ sid: randomUUID() })}`);
      }
      if (!frame.startsWith('42')) return;
      const [name, data] = JSON.parse(frame.slice(2)) as [string, Json | undefined];
      if (name === 'session_request') {
        const wanted = typeof data?.session_id === 'string' ? data.session_id : null;
        sessionRequests.push(wanted);
        const id = wanted ?? randomUUID().replace(/-/g, '');
        rooms.set(ws, id);
        return emit(ws, 'session_confirm', faults.confirmAsObject ? { session_id: id } : id);
      }
      // session_persistence: true — an utterance without session_id is dropped.
      if (name !== 'user_uttered' || typeof data?.session_id !== 'string') return;
      received.push({ sender: data.session_id, message: String(data.message ?? ''), via: 'socketio' });
      const room = data.session_id;
      setTimeout(() => {
        for (const u of socketForm(botTurn(String(data.message ?? ''))))
          for (const [peer, id] of rooms) if (id === room) emit(peer, 'bot_uttered', u);
      }, 10);
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    faults,
    received,
    sessionRequests,
    dropSockets: () => {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
