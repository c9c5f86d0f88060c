/**
 * Sending to a Chatwoot conversation: `echo_id` = clientId, files as multipart in the same request
 * (`upload` only keeps the file until then), an `input_select` answer as `submitted_values` plus
 * the label as the contact's message. The server does not dedupe: a clientId is sent once per
 * page, and a retry after a lost answer first looks for its echo.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { AttachmentRef } from '../../core/model';
import type { OutgoingMessage, SendReceipt, UploadOptions } from '../../core/transport';
import type { Inbound } from './inbound';
import { ACTION_PREFIX } from './map';
import type { ChatwootRest } from './rest';
import type { ChatwootSession } from './session';
import { asString, type Json, messageId } from './wire';

const NAME = 'chatwoot';

export interface CommandsHost {
  rest: ChatwootRest;
  inbound: Inbound;
  /** The open session; throws a retryable `network` error before there is one or after disconnect. */
  session(): ChatwootSession;
}

const receiptOf = (clientId: string, m: Json): SendReceipt => {
  const id = messageId(m);
  if (id === undefined) throw new TransportError(NAME, 'server', 'the message came back without an id', { retryable: true });
  const incoming = { createdAt: typeof m.created_at === 'number' ? new Date(m.created_at * 1000).toISOString() : new Date().toISOString() };
  return { clientId, id: String(id), createdAt: incoming.createdAt, seq: id };
};

export function createSender(host: CommandsHost) {
  const { rest, inbound } = host;
  const receipts = new Map<string, SendReceipt>();
  const inFlight = new Map<string, Promise<SendReceipt>>();
  /** clientIds whose request may have reached the server without an answer. */
  const unsure = new Set<string>();
  const pending = new Map<string, { blob: Blob; name: string }>();
  let uploads = 0;

  /** A retry after a lost answer: the message may be there already (the newest page says). */
  const alreadySent = async (s: ChatwootSession, clientId: string): Promise<SendReceipt | undefined> => {
    const echoed = inbound.echoed(clientId);
    if (echoed) return receiptOf(clientId, echoed);
    const page = await rest.listMessages(s.sourceId, s.conversationId);
    const found = page.find((m) => asString(m.echo_id) === clientId);
    if (!found) return undefined;
    inbound.message(found);
    return receiptOf(clientId, found);
  };

  const filesOf = (refs: AttachmentRef[] | undefined) =>
    (refs ?? []).map((ref) => {
      const file = pending.get(ref.id);
      if (!file)
        throw new TransportError(NAME, 'invalid', `the file "${ref.name}" is no longer in this page: attach it again`, {
          retryable: false,
        });
      return file;
    });

  const sendOnce = async (message: OutgoingMessage): Promise<SendReceipt> => {
    const s = host.session();
    if (unsure.has(message.clientId)) {
      const earlier = await alreadySent(s, message.clientId);
      if (earlier) return earlier;
    }
    const files = filesOf(message.attachments);
    const action = message.action;
    if (action?.id.startsWith(ACTION_PREFIX)) {
      const answered = action.id.slice(ACTION_PREFIX.length).split(':')[0]!;
      const updated = await rest.submitValues(s.sourceId, s.conversationId, answered, [{ title: action.label, value: action.value }]);
      inbound.event('message.updated', updated);
    }
    // A pressed `input_select` item shows its title (as Chatwoot's widget does); a reply sends its text.
    const content = action?.kind === 'postback' ? action.label : (message.text ?? action?.label);
    unsure.add(message.clientId);
    let answer: Json;
    try {
      answer = await rest.sendMessage(s.sourceId, s.conversationId, { ...(content ? { content } : {}), echo_id: message.clientId }, files);
    } catch (error) {
      // Refused outright: nothing reached the conversation.
      if (error instanceof TransportError && !error.retryable) unsure.delete(message.clientId);
      throw error;
    }
    unsure.delete(message.clientId);
    for (const ref of message.attachments ?? []) pending.delete(ref.id);
    inbound.message({ ...answer, echo_id: answer.echo_id ?? message.clientId });
    return receiptOf(message.clientId, answer);
  };

  return {
    async send(message: OutgoingMessage): Promise<SendReceipt> {
      const done = receipts.get(message.clientId);
      if (done) return done;
      let running = inFlight.get(message.clientId);
      if (!running) {
        running = sendOnce(message).finally(() => inFlight.delete(message.clientId));
        inFlight.set(message.clientId, running);
      }
      const receipt = await running;
      receipts.set(message.clientId, receipt);
      return receipt;
    },
    /** Chatwoot takes files with the message: keep the file and hand back a reference `send` resolves. */
    async upload(file: Blob & { name?: string }, options: UploadOptions = {}): Promise<AttachmentRef> {
      if (options.signal?.aborted) throw new TransportError(NAME, 'closed', 'upload aborted', { retryable: false });
      const id = `cw-pending:${++uploads}`;
      const name = file.name || 'file';
      pending.set(id, { blob: file, name });
      options.onProgress?.({ loaded: file.size, total: file.size });
      return { id, name, mimeType: file.type || 'application/octet-stream', size: file.size };
    },
  };
}
