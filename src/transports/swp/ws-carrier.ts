/**
 * The WebSocket carrier of the SWP command layer: each command goes out as the client frame it
 * is, with a fresh request id, and is answered by an `ack` (or `history.page`) frame.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { SwpCarrier } from './commands';
import type { SwpSession } from './session';
import type { WsLink } from './ws-link';

/** Longest wait for the welcome of another conversation, ms. */
const SWITCH_TIMEOUT_MS = 15_000;

/** Creates the carrier over `link`; `httpBase` is where uploads go. */
export function createWsCarrier(link: WsLink, session: SwpSession, httpBase: string, fetchImpl: typeof fetch | undefined): SwpCarrier {
  const name = 'websocket';
  return {
    name,
    conversation() {
      const id = session.conversationId;
      if (link.liveness.phase !== 'online' || id === undefined) throw link.notConnected();
      return id;
    },
    async request(command) {
      const reply = await link.request({ ...command, id: createId() });
      const expected = command.t === 'history' ? 'history.page' : 'ack';
      if (reply.t !== expected)
        throw new TransportError(name, 'server', `unexpected ${reply.t} reply to ${command.t}`, { retryable: false });
      // An ack to verify.submit without a result means the code was accepted.
      return command.t === 'verify.submit' && reply.t === 'ack' ? { ...reply, result: reply.result ?? 'ok' } : reply;
    },
    typing(on) {
      const conversationId = session.conversationId;
      if (link.liveness.phase === 'online' && conversationId !== undefined) link.write({ t: 'typing', conversationId, on });
    },
    switchTo(target) {
      if (link.liveness.phase !== 'online') return Promise.reject(link.notConnected());
      const opened = session.requestOpen(name, target, SWITCH_TIMEOUT_MS);
      link.liveness.reconnect('open another conversation', 0);
      return opened;
    },
    uploadTarget: () => ({
      httpBase,
      token: session.token,
      conversationId: session.conversationId,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  };
}
