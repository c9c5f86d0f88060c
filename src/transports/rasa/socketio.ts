/**
 * Rasa's Socket.IO channel (`credentials.yml: socketio:`) over a plain WebSocket with Engine.IO v4
 * framing. On every connect (reconnects too) it asks `session_request` with the stored session id
 * and takes the id of `session_confirm` (a string, or `{ session_id }` behind some proxies); the
 * bot answers with `bot_uttered`. Nothing is replayed after a drop: Rasa keeps no history for the
 * channel. Sources: RasaHQ/rasa `rasa/core/channels/socketio.py`; botfront/rasa-webchat
 * `src/socket-socketio.js` (session_request on every connect); backend-protocols.md §2.2.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { ConnectContext, OutgoingMessage, SendReceipt, Transport } from '../../core/transport';
import { createSocketLoop } from '../adapters/socket-loop';
import type { WebSocketConstructor } from '../swp/socket';
import { rasaCapabilities } from './capabilities';
import { createRasaCore } from './common';
import { connectFrame, decodeFrame, engineUrl, eventFrame, PONG } from './engineio';
import type { ResolvedRasaOptions } from './options';

const NAME = 'rasa';

export function createRasaSocketTransport(o: ResolvedRasaOptions): Transport & { checkAlive(): void } {
  const core = createRasaCore(NAME, o);
  const WebSocketCtor = (o.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket)!;
  let requested = '';
  let fresh = false;
  let confirmed = false;
  let stopped = false;
  let metadata: Record<string, string> | undefined;
  let first: { resolve(): void; reject(e: unknown): void } | null = null;
  let lastPingAt = 0;
  let deadAfter = 45_000;
  let monitor: ReturnType<typeof setInterval> | undefined;

  const emitEvent = (name: string, data: unknown) => loop.send(eventFrame(name, data));
  const onConfirm = (data: unknown) => {
    const id = typeof data === 'string' ? data : typeof data === 'object' && data ? (data as { session_id?: unknown }).session_id : undefined;
    const confirmedId = typeof id === 'string' && id ? id : requested;
    const isNew = fresh || confirmedId !== requested;
    core.sessionId = confirmedId;
    requested = confirmedId;
    fresh = false;
    confirmed = true;
    loop.succeeded();
    core.setStatus('online');
    first?.resolve();
    first = null;
    if (isNew && o.initPayload) emitEvent(o.events.user, { message: o.initPayload, session_id: confirmedId });
  };
  const onFrame = (text: string) => {
    lastPingAt = Date.now();
    const p = decodeFrame(text);
    if (p.kind === 'open') {
      deadAfter = p.pingInterval + p.pingTimeout;
      loop.send(connectFrame(o.token ? { token: o.token } : undefined));
    } else if (p.kind === 'ping') loop.send(PONG);
    else if (p.kind === 'connect') emitEvent('session_request', { session_id: requested || null });
    else if (p.kind === 'connect_error') refuse(p.message);
    else if (p.kind === 'disconnect' || p.kind === 'close') loop.drop('server disconnect');
    else if (p.kind === 'event' && p.name === 'session_confirm') onConfirm(p.data);
    else if (p.kind === 'event' && p.name === o.events.bot) core.handle([p.data]);
  };
  const refuse = (message: string) => {
    const error = { code: 'auth' as const, message: `the Rasa server refused the connection: ${message}`, retryable: false };
    loop.halt('refused');
    core.setStatus('failed', { error });
    if (first) first.reject(new TransportError(NAME, 'auth', error.message, { retryable: false }));
    else core.emit({ type: 'error', error });
    first = null;
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
        lastPingAt = Date.now();
      },
      message: onFrame,
      down: (_reason, retryInMs) => {
        confirmed = false;
        if (!stopped && retryInMs !== undefined) core.setStatus('reconnecting', { retryInMs });
      },
    },
  );
  const notOnline = () =>
    stopped
      ? new TransportError(NAME, 'network', 'transport was disconnected', { retryable: false })
      : new TransportError(NAME, 'network', 'not connected', { retryable: true });
  const utter = (text: string) => {
    if (!confirmed || !emitEvent(o.events.user, { message: text, session_id: core.sessionId, ...(metadata ? { metadata } : {}) })) throw notOnline();
  };

  return {
    name: NAME,
    capabilities: rasaCapabilities(o),
    connect(ctx: ConnectContext): Promise<ReturnType<typeof core.snapshot>> {
      if (stopped) return Promise.reject(notOnline());
      const resumed = core.resumeId(ctx.resume);
      requested = resumed.id;
      fresh = resumed.fresh;
      metadata = ctx.metadata;
      core.setStatus('connecting');
      clearInterval(monitor);
      monitor = setInterval(() => loop.isOpen && Date.now() - lastPingAt > deadAfter && loop.drop('ping timeout'), 1000);
      return new Promise<void>((resolve, reject) => {
        first = { resolve, reject };
        loop.start();
      }).then(() => core.snapshot());
    },
    async disconnect() {
      stopped = true;
      clearInterval(monitor);
      first?.reject(new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false }));
      first = null;
      await loop.stop();
      core.setStatus('idle');
      core.listeners.clear();
    },
    on: (listener) => core.listeners.on(listener),
    snapshot: () => core.snapshot(),
    async send(m: OutgoingMessage): Promise<SendReceipt> {
      const known = core.receipt(m.clientId);
      if (known) return known;
      utter(core.textFor(m));
      return core.accepted(m);
    },
    ...(o.handoffPayload
      ? {
          async requestHandoff() {
            utter(o.handoffPayload!);
            core.emit({ type: 'handoff', state: 'requested' });
          },
        }
      : {}),
    submitVerification: (_id, code) => core.verify(code, async (text) => utter(text)),
    checkAlive() {
      if (loop.isOpen && Date.now() - lastPingAt > deadAfter) loop.drop('ping timeout');
      else loop.redialNow();
    },
  };
}
