/**
 * The WebSocket carrier of the SWP command layer: each command is one client frame with a fresh
 * id, answered by an `ack` (or `history.page`) frame.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { SwpCarrier, SwpCommand } from './commands';
import type { ClientFrame } from './frames';
import type { SwpSession } from './session';
import type { WsLink } from './ws-link';

/** The client frame that carries `command`. */
export function commandFrame(command: SwpCommand, id: string): ClientFrame & { id: string } {
  switch (command.op) {
    case 'send':
      return { t: 'send', id, conversationId: command.conversationId, ...command.body };
    case 'history': {
      const { op: _op, ...rest } = command;
      return { t: 'history', id, ...rest };
    }
    case 'read':
      return { t: 'read', id, conversationId: command.conversationId, upTo: command.upTo };
    case 'handoff': {
      const { op: _op, ...rest } = command;
      return { t: 'handoff.request', id, ...rest };
    }
    case 'verify':
      return { t: 'verify.submit', id, challengeId: command.challengeId, code: command.code };
    case 'close':
      return { t: 'close', id, conversationId: command.conversationId };
    case 'rate': {
      const { op: _op, ...rest } = command;
      return { t: 'rate', id, ...rest };
    }
  }
}

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
      const frame = commandFrame(command, createId());
      const reply = await link.request(frame);
      const expected = command.op === 'history' ? 'history.page' : 'ack';
      if (reply.t !== expected) throw new TransportError(name, 'server', `unexpected ${reply.t} reply to ${frame.t}`, { retryable: false });
      // An ack to verify.submit without a result means the code was accepted.
      return command.op === 'verify' && reply.t === 'ack' ? { ...reply, result: reply.result ?? 'ok' } : reply;
    },
    typing(on) {
      const conversationId = session.conversationId;
      if (link.liveness.phase === 'online' && conversationId !== undefined) link.write({ t: 'typing', conversationId, on });
    },
    uploadTarget: () => ({
      httpBase,
      token: session.token,
      conversationId: session.conversationId,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  };
}
