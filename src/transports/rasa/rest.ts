/**
 * Rasa's REST channel (`credentials.yml: rest:`): `POST <url>/webhooks/rest/webhook` with
 * `{ sender, message, metadata }`; the answer is the array of the bot's utterances (texts already
 * split on blank lines by Rasa's CollectingOutputChannel). No push, no history: the session is the
 * sender id, kept in the snapshot. Sources: RasaHQ/rasa `rasa/core/channels/rest.py`;
 * https://rasa.com/docs/rasa/connectors/your-own-website; backend-protocols.md §2.1.
 * @module
 */
import { backoffCurve } from '../../core/backoff';
import { TransportError, toTransportError } from '../../core/errors';
import type { ConnectContext, OutgoingMessage, SendReceipt, Transport } from '../../core/transport';
import { createJsonClient } from '../adapters/http-json';
import { rasaCapabilities } from './capabilities';
import { createRasaCore } from './common';
import type { ResolvedRasaOptions } from './options';

const NAME = 'rasa';

export function createRasaRestTransport(o: ResolvedRasaOptions): Transport {
  const core = createRasaCore(NAME, o);
  const json = createJsonClient(NAME, o.fetch, o.requestTimeoutMs);
  const endpoint = `${o.base}/webhooks/rest/webhook`;
  const inFlight = new Map<string, Promise<SendReceipt>>();
  let metadata: Record<string, string> | undefined;
  let stopped = false;

  const closed = () => new TransportError(NAME, 'network', 'transport was disconnected', { retryable: false });
  /** One turn: the bot's utterances, or a TransportError (auth and forbidden fail the transport). */
  const post = async (message: string): Promise<unknown[]> => {
    if (stopped) throw closed();
    try {
      const answer = await json<unknown>(endpoint, { body: { sender: core.sessionId, message, ...(metadata ? { metadata } : {}) } });
      if (core.status !== 'online' && !stopped) core.setStatus('online');
      return Array.isArray(answer) ? answer : [];
    } catch (error) {
      const e = toTransportError(NAME, error);
      if (!stopped && (e.code === 'auth' || e.code === 'forbidden'))
        core.setStatus('failed', { error: { code: e.code, message: e.message, retryable: false } });
      throw e;
    }
  };
  const sendOnce = async (m: OutgoingMessage): Promise<SendReceipt> => {
    const replies = await post(core.textFor(m));
    const receipt = core.accepted(m);
    core.handle(replies);
    return receipt;
  };

  const greet = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        core.handle(await post(o.initPayload!));
        return;
      } catch (error) {
        const e = toTransportError(NAME, error);
        if (!e.retryable || stopped) throw e;
        const wait = backoffCurve(attempt, o.reconnect ?? {});
        core.setStatus('reconnecting', { retryInMs: wait, error: { code: e.code, message: e.message, retryable: true } });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };

  return {
    name: NAME,
    capabilities: rasaCapabilities(o),
    async connect(ctx: ConnectContext) {
      if (stopped) throw closed();
      const { id, fresh } = core.resumeId(ctx.resume);
      core.sessionId = id;
      metadata = ctx.metadata;
      core.setStatus('connecting');
      if (fresh && o.initPayload) await greet();
      core.setStatus('online');
      return core.snapshot();
    },
    async disconnect() {
      stopped = true;
      core.setStatus('idle');
      core.listeners.clear();
    },
    on: (listener) => core.listeners.on(listener),
    snapshot: () => core.snapshot(),
    async send(m) {
      const known = core.receipt(m.clientId);
      if (known) return known;
      let running = inFlight.get(m.clientId);
      if (!running) {
        running = sendOnce(m).finally(() => inFlight.delete(m.clientId));
        inFlight.set(m.clientId, running);
      }
      return running;
    },
    ...(o.handoffPayload
      ? {
          async requestHandoff() {
            core.emit({ type: 'handoff', state: 'requested' });
            core.handle(await post(o.handoffPayload!));
          },
        }
      : {}),
    submitVerification: (_id, code) => core.verify(code, async (text) => core.handle(await post(text))),
  };
}
