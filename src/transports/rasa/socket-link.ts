/**
 * The Rasa Socket.IO link: one Engine.IO v4 WebSocket (re-dialled after drops), the Socket.IO
 * connect with the JWT auth payload, `session_request` with the wanted session id on every
 * connect, pongs, and a dead-socket check (no ping within pingInterval + pingTimeout).
 * @module
 */
import { createSocketLoop } from '../adapters/socket-loop';
import type { WebSocketConstructor } from '../swp/socket';
import { connectFrame, decodeFrame, engineUrl, eventFrame, PONG } from './engineio';
import type { ResolvedRasaOptions } from './options';

export interface SocketLinkHandlers {
  /** `session_confirm`: the session id the server took. */
  confirmed(id: string): void;
  refused(message: string): void;
  down(retryInMs: number | undefined): void;
  bot(utterance: unknown): void;
}

export function createSocketLink(o: ResolvedRasaOptions, on: SocketLinkHandlers) {
  const WebSocketCtor = (o.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket)!;
  let wanted = '';
  let confirmed = false;
  let lastFrameAt = 0;
  let deadAfter = 45_000;
  let monitor: ReturnType<typeof setInterval> | undefined;

  const emitEvent = (name: string, data: unknown) => loop.send(eventFrame(name, data));
  const onConfirm = (data: unknown) => {
    const id =
      typeof data === 'string' ? data : typeof data === 'object' && data ? (data as { session_id?: unknown }).session_id : undefined;
    wanted = typeof id === 'string' && id ? id : wanted;
    confirmed = true;
    loop.succeeded();
    on.confirmed(wanted);
  };
  const onFrame = (text: string) => {
    lastFrameAt = Date.now();
    const p = decodeFrame(text);
    if (p.kind === 'open') {
      deadAfter = p.pingInterval + p.pingTimeout;
      loop.send(connectFrame(o.token ? { token: o.token } : undefined));
    } else if (p.kind === 'ping') loop.send(PONG);
    else if (p.kind === 'connect') emitEvent('session_request', { session_id: wanted || null });
    else if (p.kind === 'connect_error') {
      loop.halt('refused');
      on.refused(p.message);
    } else if (p.kind === 'disconnect' || p.kind === 'close') loop.drop('server disconnect');
    else if (p.kind === 'event' && p.name === 'session_confirm') onConfirm(p.data);
    else if (p.kind === 'event' && p.name === o.events.bot) on.bot(p.data);
  };
  const loop = createSocketLoop(
    {
      url: () => engineUrl(o.base, o.socketPath ?? '/socket.io'),
      WebSocket: WebSocketCtor,
      backoff: o.reconnect ?? {},
      openTimeoutMs: o.requestTimeoutMs,
    },
    {
      open: () => {
        lastFrameAt = Date.now();
      },
      message: onFrame,
      down: (_reason, retryInMs) => {
        confirmed = false;
        on.down(retryInMs);
      },
    },
  );
  const dead = () => loop.isOpen && Date.now() - lastFrameAt > deadAfter;
  return {
    /** Connects asking for session `id` ('' lets the server choose). */
    start(id: string) {
      wanted = id;
      clearInterval(monitor);
      monitor = setInterval(() => dead() && loop.drop('ping timeout'), 1000);
      loop.start();
    },
    /** Sends a user utterance; false when not connected to a session. */
    utter(message: string, sessionId: string, metadata?: Record<string, string>): boolean {
      return confirmed && emitEvent(o.events.user, { message, session_id: sessionId, ...(metadata ? { metadata } : {}) });
    },
    checkAlive() {
      if (dead()) loop.drop('ping timeout');
      else loop.redialNow();
    },
    async stop() {
      clearInterval(monitor);
      await loop.stop();
    },
  };
}
