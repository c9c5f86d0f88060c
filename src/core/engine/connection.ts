/**
 * The connection: `start()` (after the restore), the status shown (`offline` over the
 * transport's own while the browser has no network), and the transport's events.
 * @module
 */
import { batch } from '@preact/signals-core';
import { TransportError, toTransportError } from '../errors';
import { applyTransportEvent } from '../inbound';
import type { ChatMessage, ConnectionStatus, Participant } from '../model';
import type { TransportEvent } from '../transport';
import { checkedEvent } from './checked';
import type { Engine } from './context';
import type { Conversations } from './conversations';

/** @internal */
export interface Connection {
  start(): Promise<void>;
  /** Connects again after the transport failed for good (a refreshed identity after an auth refusal). */
  restart(): Promise<void>;
  onStatus(reported: ConnectionStatus, retryInMs?: number): void;
  onTransportEvent(event: TransportEvent): void;
  setNetworkOnline(online: boolean): void;
}

/** Deps of {@link createConnection}. @internal */
export interface ConnectionDeps {
  restored(): Promise<void>;
  goLive(): void;
  addMessage(message: ChatMessage): void;
  showTyping(who: Participant | null): void;
  resync(silent: boolean): Promise<void>;
  kickOutbox(): void;
  saveNow(): Promise<void>;
  conversations: Conversations;
  /** Clears the unread count and sends a read receipt (after a switch, when the user looks). */
  markSeen(): void;
}

/** Shows the transport's status (or `offline` over it); coming online sends and resyncs. */
function applyStatus(engine: Engine, deps: ConnectionDeps, reported: ConnectionStatus, retryInMs?: number): void {
  const { s, emitter } = engine;
  engine.transportStatus = reported;
  // A switch of conversation re-dials on purpose: "Reconnecting…" then "Back online" would be untrue.
  if (engine.switching && (reported === 'reconnecting' || reported === 'connecting')) return;
  const status: ConnectionStatus = s.network.peek() === 'offline' && reported !== 'idle' && reported !== 'ended' ? 'offline' : reported;
  const prev = s.connection.peek();
  batch(() => {
    s.connection.value = status;
    s.retryInMs.value = retryInMs;
    if (status === 'online') s.lastError.value = null;
    if (status !== 'online') deps.showTyping(null);
  });
  if (prev !== status) emitter.emit('status', { status, ...(retryInMs !== undefined ? { retryInMs } : {}) });
  if (status === 'online') {
    engine.everOnline = true;
    deps.kickOutbox();
    if (engine.resyncWanted) void deps.resync(false);
  }
}

/** Applies one transport event; a throw is reported, never passed back to the transport. */
function routeEvent(engine: Engine, deps: ConnectionDeps, onStatus: Connection['onStatus'], raw: TransportEvent): void {
  const { s, transport, emitter } = engine;
  if (engine.destroyed) return;
  const event = checkedEvent(transport.name, raw, (e) => engine.reportError(e));
  if (!event) return;
  try {
    switch (event.type) {
      case 'status':
        if (event.error) s.lastError.value = event.error;
        onStatus(event.status, event.retryInMs);
        return;
      case 'error':
        s.lastError.value = event.error;
        engine.reportError(new TransportError(transport.name, event.error.code, event.error.message, event.error));
        return;
      case 'typing':
        if (event.from.role !== 'user') deps.showTyping(event.on ? event.from : null);
        return;
      case 'resync': {
        const quiet = deps.conversations.takeQuietResync();
        void deps.resync(quiet).then(() => {
          if (quiet && s.isOpen.peek() && engine.pageVisible) deps.markSeen();
        });
        return;
      }
      case 'conversations':
      case 'conversation.summary':
      case 'conversation.switched':
        deps.conversations.onEvent(event);
        if (event.type === 'conversation.switched') emitter.emit('conversation', { conversationId: event.conversationId });
        return;
      default: {
        const before = s.handoff.peek().state;
        applyTransportEvent(s, event, deps.addMessage);
        const after = s.handoff.peek().state;
        if (before !== after) emitter.emit('handoff', { state: after });
      }
    }
  } catch (error) {
    engine.reportError(error);
  }
}

/** @internal */
export function createConnection(engine: Engine, deps: ConnectionDeps): Connection {
  const { s, transport, emitter, options } = engine;
  let started: Promise<void> | null = null;

  const onStatus = (reported: ConnectionStatus, retryInMs?: number) => applyStatus(engine, deps, reported, retryInMs);

  const connect = async () => {
    try {
      await deps.restored();
      // Destroyed while restoring: connecting now would open a socket nobody closes.
      if (engine.destroyed) return;
      const resume = options.resume ?? engine.savedSession ?? undefined;
      const session = await transport.connect({
        user: options.user ?? {},
        locale: options.locale,
        ...(resume ? { resume } : {}),
        ...(options.metadata ? { metadata: options.metadata } : {}),
      });
      if (engine.destroyed) return;
      engine.startFailed = false;
      deps.goLive();
      if (engine.transportStatus !== 'online') onStatus('online');
      // A first visit fetches history quietly (unless an owed resync is on its way already).
      if (!engine.resyncWanted && s.messages.peek().every((m) => m.from.role === 'user' && m.seq === undefined)) await deps.resync(true);
      void deps.saveNow();
      emitter.emit('ready', { session });
    } catch (error) {
      if (engine.destroyed) return;
      const e = toTransportError(transport.name, error);
      s.lastError.value = { code: e.code, message: e.message, retryable: e.retryable };
      if (!engine.everOnline) onStatus('failed');
      started = null;
      engine.startFailed = true;
      engine.reportError(e);
    }
  };

  const onTransportEvent = (event: TransportEvent) => routeEvent(engine, deps, onStatus, event);

  const start = () => {
    engine.guard('start()');
    started ??= connect();
    return started;
  };
  return {
    start,
    async restart() {
      await transport.disconnect();
      started = null;
      return start();
    },
    onStatus,
    onTransportEvent,
    setNetworkOnline(online) {
      const network = online ? 'online' : 'offline';
      if (engine.destroyed || s.network.peek() === network) return;
      s.network.value = network;
      onStatus(engine.transportStatus);
      if (online && engine.startFailed) void start();
    },
  };
}
