/**
 * `createChatwootTransport`: a Chatwoot API-channel inbox as a support-chat backend. REST
 * (`/public/api/v1`) creates or reuses the contact and the conversation and carries every send;
 * ActionCable (`/cable`) brings agents' and bots' messages, typing and status; after every
 * reconnect the newest pages are fetched again over REST (ActionCable keeps no cursor), so nothing
 * is missed and nothing is shown twice. See README "Chatwoot".
 * @module
 */
import { TransportError } from '../../core/errors';
import type { ConnectionStatus } from '../../core/model';
import type { ConnectContext, SessionSnapshot, Transport, TransportEvent } from '../../core/transport';
import { createJsonClient } from '../adapters/http-json';
import { createTransportListeners } from '../swp/listeners';
import { createTypingThrottle } from '../swp/typing-throttle';
import { createCable } from './cable';
import { chatwootCapabilities } from './capabilities';
import { createCommands } from './commands';
import { createSender } from './send';
import { createInbound } from './inbound';
import { resolveChatwootOptions, type ChatwootTransportOptions } from './options';
import { createChatwootRest } from './rest';
import { openSession, type ChatwootSession } from './session';
import { createSessionLoop } from './session-loop';

export type { ChatwootTransportOptions } from './options';
export { chatwootCapabilities } from './capabilities';

const NAME = 'chatwoot';

/** Creates the Chatwoot transport. Throws `OptionError` for a bad option. */
export function createChatwootTransport(options: ChatwootTransportOptions): Transport {
  const o = resolveChatwootOptions(options);
  const listeners = createTransportListeners(o.log ? (error) => o.log?.('listener threw', error) : undefined);
  const emit = (e: TransportEvent) => listeners.emit(e);
  const rest = createChatwootRest(o.baseUrl, o.inboxIdentifier, createJsonClient(NAME, o.fetch, o.requestTimeoutMs));
  let session: ChatwootSession | null = null;
  let status: ConnectionStatus = 'idle';
  let stopped = false;
  const capabilities = chatwootCapabilities();
  const setStatus = (next: ConnectionStatus, extra: Omit<Extract<TransportEvent, { type: 'status' }>, 'type' | 'status'> = {}) => {
    if (next === status && extra.retryInMs === undefined) return;
    status = next;
    emit({ type: 'status', status: next, ...extra });
  };
  const inbound = createInbound(
    () => session?.conversationId ?? '',
    (e) => {
      if (e.type === 'capabilities') Object.assign(capabilities, e.capabilities);
      emit(e);
    },
  );
  const cable = createCable(o.cable, {
    subscribed: () => loop.subscribed(),
    event: (name, data) => inbound.event(name, data),
    down: (retryInMs) => loop.down(retryInMs),
    refused: (reason) => loop.refused(reason),
  });
  const loop = createSessionLoop({ rest, inbound, cable, setStatus, emit, current: () => session });
  inbound.onMerged((token) => {
    if (!session) return;
    session = { ...session, pubsubToken: token };
    cable.resubscribe(token);
  });
  const host = {
    rest,
    inbound,
    session() {
      if (stopped) throw new TransportError(NAME, 'network', 'transport was disconnected', { retryable: false });
      if (!session) throw new TransportError(NAME, 'network', 'not connected yet', { retryable: true });
      return session;
    },
  };
  const commands = { ...createCommands(host), ...createSender(host) };

  return {
    name: NAME,
    capabilities,
    async connect(ctx: ConnectContext): Promise<SessionSnapshot> {
      if (stopped) throw new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false });
      setStatus('connecting');
      const opened = await loop.open(
        () => openSession(rest, ctx.user, ctx.resume, ctx.metadata),
        ctx.resume,
        () => stopped,
      );
      // Disconnected while the session was being opened: no socket after that.
      if (stopped) throw new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false });
      session = opened;
      await loop.online(session.pubsubToken);
      return this.snapshot();
    },
    async disconnect() {
      stopped = true;
      loop.stop();
      inbound.stop();
      await cable.stop();
      setStatus('idle');
      listeners.clear();
    },
    on: (listener) => listeners.on(listener),
    snapshot(): SessionSnapshot {
      if (!session) return {};
      return {
        conversationId: session.conversationId,
        ...(inbound.lastId ? { cursor: String(inbound.lastId) } : {}),
        adapter: {
          sourceId: session.sourceId,
          pubsubToken: session.pubsubToken,
          identifier: session.identifier,
          ...(session.conversationUuid ? { conversationUuid: session.conversationUuid } : {}),
        },
      };
    },
    send: commands.send,
    fetchHistory: commands.fetchHistory,
    upload: commands.upload,
    setTyping: createTypingThrottle(commands.setTyping),
    markRead: commands.markRead,
    closeConversation: commands.closeConversation,
    rate: commands.rate,
    checkAlive: () => cable.checkAlive(),
  };
}
