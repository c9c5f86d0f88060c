/**
 * Rasa's Socket.IO channel (`credentials.yml: socketio:`) over a plain WebSocket with Engine.IO v4
 * framing (socket-link.ts). On every connect (reconnects too) it asks `session_request` with the
 * stored session id and takes the id of `session_confirm` (a string, or `{ session_id }` behind
 * some proxies); the bot answers with `bot_uttered`. Nothing is replayed after a drop: Rasa keeps
 * no history for the channel. Sources: RasaHQ/rasa `rasa/core/channels/socketio.py`;
 * botfront/rasa-webchat `src/socket-socketio.js` (session_request on every connect);
 * backend-protocols.md §2.2.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { ConnectContext, OutgoingMessage, SendReceipt, SessionSnapshot, Transport } from '../../core/transport';
import { rasaCapabilities } from './capabilities';
import { createRasaCore } from './common';
import type { ResolvedRasaOptions } from './options';
import { createSocketLink } from './socket-link';

const NAME = 'rasa';

export function createRasaSocketTransport(o: ResolvedRasaOptions): Transport & { checkAlive(): void } {
  const core = createRasaCore(NAME, o);
  let requested = '';
  let fresh = false;
  let stopped = false;
  let metadata: Record<string, string> | undefined;
  let first: { resolve(): void; reject(e: unknown): void } | null = null;

  const link = createSocketLink(o, {
    confirmed(id) {
      const isNew = fresh || id !== requested;
      core.sessionId = requested = id;
      fresh = false;
      core.setStatus('online');
      first?.resolve();
      first = null;
      if (isNew && o.initPayload) link.utter(o.initPayload, id);
    },
    refused(message) {
      const error = { code: 'auth' as const, message: `the Rasa server refused the connection: ${message}`, retryable: false };
      core.setStatus('failed', { error });
      if (first) first.reject(new TransportError(NAME, 'auth', error.message, { retryable: false }));
      else core.emit({ type: 'error', error });
      first = null;
    },
    down(retryInMs) {
      if (!stopped && retryInMs !== undefined) core.setStatus('reconnecting', { retryInMs });
    },
    bot: (utterance) => core.handle([utterance]),
  });
  const notOnline = () =>
    stopped
      ? new TransportError(NAME, 'network', 'transport was disconnected', { retryable: false })
      : new TransportError(NAME, 'network', 'not connected', { retryable: true });
  const utter = (text: string) => {
    if (!link.utter(text, core.sessionId, metadata)) throw notOnline();
  };

  return {
    name: NAME,
    capabilities: rasaCapabilities(o),
    async connect(ctx: ConnectContext): Promise<SessionSnapshot> {
      if (stopped) throw notOnline();
      const resumed = core.resumeId(ctx.resume);
      requested = resumed.id;
      fresh = resumed.fresh;
      metadata = ctx.metadata;
      core.setStatus('connecting');
      await new Promise<void>((resolve, reject) => {
        first = { resolve, reject };
        link.start(requested);
      });
      return core.snapshot();
    },
    async disconnect() {
      stopped = true;
      first?.reject(new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false }));
      first = null;
      await link.stop();
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
    checkAlive: () => link.checkAlive(),
  };
}
