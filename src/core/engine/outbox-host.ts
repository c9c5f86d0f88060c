/**
 * The outbox over the chat's state: which messages are pending, how each is uploaded, sent and
 * marked, and the ack of a "Talk to a person" message that triggers the handoff request.
 * @module
 */
import { createUploads, type Uploads } from '../attachments';
import { TransportError, toTransportError } from '../errors';
import { findMessage, patchMessage } from '../message-list';
import type { ChatMessage, MessageError } from '../model';
import { createOutbox, type Outbox } from '../outbox';
import type { Engine } from './context';

/** Deps of {@link createOutboxHost}. @internal */
export interface OutboxHostDeps {
  addMessage(message: ChatMessage): void;
  /** A message was acknowledged by the server. */
  onSent(clientId: string): void;
}

/** The uploads of staged files, for the messages the outbox sends. @internal */
export function createEngineUploads(engine: Engine): Uploads {
  const { s, transport } = engine;
  return createUploads({
    transportName: transport.name,
    upload: async (file, uploadOptions) => {
      if (!transport.upload)
        throw new TransportError(transport.name, 'unsupported', 'this backend does not accept files', { retryable: false });
      return transport.upload(file, uploadOptions);
    },
    get: (clientId) => s.messages.peek()[findMessage(s.messages.peek(), { clientId })],
    patch: (clientId, change) => {
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, change);
    },
    // sendFiles saved the message already: wait for that write, do not start another.
    persist: () => engine.lastSave,
  });
}

/** @internal */
export function createOutboxHost(engine: Engine, uploads: Uploads, deps: OutboxHostDeps): Outbox {
  const { s, transport, options } = engine;
  const patch = (clientId: string, change: (m: ChatMessage) => ChatMessage) => {
    s.messages.value = patchMessage(s.messages.peek(), { clientId }, change);
  };
  return createOutbox({
    isOnline: () => !engine.destroyed && s.connection.peek() === 'online',
    pending: () => s.messages.peek().filter((m) => m.clientId !== undefined && (m.status === 'queued' || m.status === 'sending')),
    prepare: (m) => uploads.prepare(m),
    toOutgoing: (m) => {
      const text = m.parts.find((p) => p.kind === 'text');
      const attachments = m.parts.flatMap((p) => (p.kind === 'attachment' ? [p.attachment] : []));
      return {
        clientId: m.clientId!,
        ...(m.conversationId !== undefined ? { conversationId: m.conversationId } : {}),
        ...(text && text.kind === 'text' ? { text: text.text } : {}),
        ...(attachments.length ? { attachments } : {}),
        ...(m.action ? { action: m.action } : {}),
        ...(options.metadata ? { metadata: options.metadata } : {}),
      };
    },
    // The outbox is on disk before the message touches the network.
    send: (m) => engine.lastSave.then(() => transport.send(m)),
    markSending: (clientId) => patch(clientId, (m) => ({ ...m, status: 'sending' })),
    markSent: (clientId, receipt) => {
      deps.addMessage({
        ...s.messages.peek()[findMessage(s.messages.peek(), { clientId })]!,
        id: receipt.id,
        createdAt: receipt.createdAt,
        ...(receipt.seq !== undefined ? { seq: receipt.seq } : {}),
        status: 'sent',
      });
      deps.onSent(clientId);
    },
    // The server's echo may have confirmed the message while its request failed (a lost ack):
    // a message the server already ordered is never sent again nor shown as failed.
    markQueued: (clientId) => patch(clientId, (m) => (m.seq !== undefined ? m : { ...m, status: 'queued' })),
    markFailed: (clientId, error) => {
      const at = findMessage(s.messages.peek(), { clientId });
      if (s.messages.peek()[at]?.seq !== undefined) return;
      patch(clientId, ({ upload: _upload, ...m }) => ({ ...m, status: 'failed', error }));
      engine.reportError(new TransportError(transport.name, error.code, error.message, { retryable: false }));
    },
    toError: (raw): MessageError & { code: TransportError['code']; retryAfterMs?: number } => {
      const e = toTransportError(transport.name, raw);
      return {
        code: e.code,
        message: e.message,
        retryable: e.retryable,
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
      };
    },
  });
}
