/**
 * The user's own messages: send, sendFiles, choose, retry and remove. Each new message is staged
 * in the persistence's journal before `send()` returns and saved at once; before the restore has
 * finished it is applied after it (see lifecycle.ts), with the clientId it was returned with.
 * @module
 */
import { localRefs, UPLOAD_INTERRUPTED, type Uploads } from '../attachments';
import { createClientId } from '../ids';
import { findMessage, patchMessage, removeMessage } from '../message-list';
import type { Action, AttachmentRef, ChatMessage } from '../model';
import type { Outbox } from '../outbox';
import type { SendFilesOptions, SendOptions } from './api';
import type { Engine } from './context';

/** @internal */
export interface Sending {
  send(text: string, options?: SendOptions): ChatMessage | null;
  sendFiles(files: readonly (Blob & { name?: string })[], text?: string, options?: SendFilesOptions): ChatMessage | null;
  choose(action: Action): void;
  retry(clientId: string): void;
  remove(clientId: string): void;
  /** A message was acknowledged: a "Talk to a person" one now asks for the person. */
  onSent(clientId: string): void;
}

/** Deps of {@link createSending}. @internal */
export interface SendingDeps {
  uploads: Uploads;
  outbox(): Outbox;
  addMessage(message: ChatMessage): void;
  saveNow(): Promise<void>;
  whenRestored(op: () => void): void;
  requestHandoff(): Promise<void>;
}

/** A new message of the user's, `queued` until the outbox reaches it. */
function ownMessage(text: string, attachments: readonly AttachmentRef[], action?: Action): ChatMessage {
  const clientId = createClientId();
  return {
    id: clientId,
    clientId,
    from: { id: 'me', role: 'user' },
    parts: [
      ...(text ? [{ kind: 'text' as const, text }] : []),
      ...attachments.map((attachment) => ({ kind: 'attachment' as const, attachment })),
    ],
    createdAt: new Date().toISOString(),
    status: 'queued',
    ...(action ? { action } : {}),
  };
}

/** A failed message goes back to the queue (unless its files were lost with an earlier page). */
function retryNow(engine: Engine, deps: SendingDeps, clientId: string): void {
  const { s } = engine;
  s.messages.value = patchMessage(s.messages.peek(), { clientId }, (m) => {
    if (m.status !== 'failed') return m;
    // Its files were lost with an earlier page: nothing to retry with.
    if (!deps.uploads.canUpload(m)) return { ...m, error: UPLOAD_INTERRUPTED };
    const { error: _error, ...rest } = m;
    return { ...rest, status: 'queued' };
  });
  deps.outbox().kick();
}

/** Deletes a failed or queued message, or one still uploading (aborting the upload). */
function removeNow(engine: Engine, uploads: Uploads, clientId: string): void {
  const { s } = engine;
  const m = s.messages.peek()[findMessage(s.messages.peek(), { clientId })];
  if (!m) return;
  // A message still uploading its files never reached transport.send: cancel the upload.
  const uploading = m.status === 'sending' && localRefs(m).length > 0 && uploads.abort(clientId);
  if (m.status !== 'failed' && m.status !== 'queued' && !uploading) return;
  uploads.forget(m);
  engine.forgotten.add(clientId);
  s.messages.value = removeMessage(s.messages.peek(), { clientId });
}

/** @internal */
export function createSending(engine: Engine, deps: SendingDeps): Sending {
  const { s, persistence } = engine;
  const { uploads } = deps;
  /** clientId of a "Talk to a person" message whose ack should trigger the handoff request. */
  let handoffAfter: string | null = null;
  const current = (message: ChatMessage) => s.messages.peek()[findMessage(s.messages.peek(), { clientId: message.clientId! })] ?? message;
  /** Journals the message now, then adds, saves and sends it (after the restore, if it runs). */
  const submit = (typed: ChatMessage): ChatMessage => {
    // Several conversations: the message belongs to the conversation it was typed in, wherever
    // the chat is when it finally goes out (an adopted one from a closed tab, too).
    const active = s.conversationId.peek();
    const message = active !== undefined ? { ...typed, conversationId: active } : typed;
    // Staged before send() returns: the tab may close the next moment, before any async write.
    try {
      persistence?.stage?.(message);
    } catch (error) {
      engine.reportError(error);
    }
    let applied = false;
    deps.whenRestored(() => {
      applied = true;
      deps.addMessage(message);
      // On disk at once, not after the debounce: the tab may close the next moment, online or not.
      void deps.saveNow();
      deps.outbox().flush();
    });
    return applied ? current(message) : message;
  };
  const send = (text: string, options: SendOptions = {}): ChatMessage | null => {
    engine.guard('send()');
    const body = text.trim();
    const attachments = options.attachments ?? [];
    if (!body && attachments.length === 0) return null;
    return submit(ownMessage(body, attachments, options.action));
  };
  return {
    send,
    sendFiles(files, text = '', options = {}) {
      engine.guard('sendFiles()');
      if (files.length === 0) return send(text);
      return submit(ownMessage(text.trim(), uploads.stage(files, options.previewUrls)));
    },
    choose(action) {
      engine.guard('choose()');
      if (action.kind === 'handoff') {
        const sent = send(action.label, { action });
        if (sent?.clientId) handoffAfter = sent.clientId;
        else void deps.requestHandoff();
      } else if (action.kind === 'reply') {
        send(action.value, { action });
      } else if (action.kind === 'postback') {
        send(action.label, { action });
      }
    },
    retry(clientId) {
      engine.guard('retry()');
      deps.whenRestored(() => retryNow(engine, deps, clientId));
    },
    remove(clientId) {
      engine.guard('remove()');
      deps.whenRestored(() => removeNow(engine, uploads, clientId));
    },
    onSent(clientId) {
      // Ask for the person only once the user's "Talk to a person" is on the server, so the
      // transcript reads in order (their request first, then the verification prompt).
      if (handoffAfter !== clientId) return;
      handoffAfter = null;
      void deps.requestHandoff();
    },
  };
}
