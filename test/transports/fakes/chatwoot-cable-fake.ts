/**
 * The ActionCable side of the Chatwoot fake (chatwoot-fake.ts): `/cable`, `welcome` on open,
 * `subscribe` to `RoomChannel` with a pubsub token (`confirm_subscription`, or
 * `reject_subscription` for an unknown token), `unsubscribe`, and a `ping` every `pingMs` unless
 * the `silent` fault is on. Sources: backend-protocols.md §1.3; chatwoot/chatwoot
 * `app/channels/room_channel.rb`; https://www.chatwoot.com/docs/product/others/websocket-events.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

type Json = Record<string, unknown>;

export function attachCable(
  http: Server,
  subs: Map<WebSocket, Set<string>>,
  faults: { refuseSockets: boolean; silent: boolean },
  known: (token: string) => boolean,
  pingMs: number,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  http.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/cable') || faults.refuseSockets) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    subs.set(ws, new Set());
    ws.send(JSON.stringify({ type: 'welcome' }));
    ws.on('message', (raw) => {
      let frame: Json;
      try {
        frame = JSON.parse(String(raw)) as Json;
      } catch {
        return;
      }
      const identifier = typeof frame.identifier === 'string' ? frame.identifier : '';
      let token = '';
      try {
        token = String((JSON.parse(identifier) as Json).pubsub_token ?? '');
      } catch {}
      if (frame.command === 'subscribe') {
        if (!known(token)) return ws.send(JSON.stringify({ identifier, type: 'reject_subscription' }));
        subs.get(ws)?.add(token);
        ws.send(JSON.stringify({ identifier, type: 'confirm_subscription' }));
      } else if (frame.command === 'unsubscribe') subs.get(ws)?.delete(token);
    });
    ws.on('close', () => subs.delete(ws));
  });
  const pinger = setInterval(() => {
    if (faults.silent) return;
    for (const ws of subs.keys()) ws.send(JSON.stringify({ type: 'ping', message: Math.floor(Date.now() / 1000) }));
  }, pingMs);
  return {
    async close() {
      clearInterval(pinger);
      for (const ws of subs.keys()) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
