/**
 * `createChat`: the framework-free chat engine. It owns the state signals, talks to one
 * Transport, keeps the outbox, counts unread messages and emits typed events.
 * UI layers read `chat.state` and call the actions; nothing else writes the state.
 * @module
 */
import { batch } from '@preact/signals-core';
import { createUploads, localRefs, UPLOAD_INTERRUPTED, type FileInput } from './attachments';
import { createEmitter } from './emitter';
import { ChatError, DestroyedError, TransportError, toTransportError } from './errors';
import { applyTransportEvent } from './inbound';
import { createClientId } from './ids';
import { findMessage, patchMessage, removeMessage, upsertMessage } from './message-list';
import type { Action, AttachmentRef, ChatMessage, ConnectionStatus, MessageError } from './model';
import { backoffDelay, createOutbox } from './outbox';
import type { ChatPersistence } from './persistence';
import { createState, type ChatState } from './state';
import type {
  ChatUser,
  IncomingMessage,
  SessionSnapshot,
  Transport,
  TransportEvent,
  Unsubscribe,
  VerificationResult,
} from './transport';

/** Events a chat emits to the host page. */
export interface ChatEventMap {
  /** Connected for the first time; carries the session. */
  ready: { session: SessionSnapshot };
  open: { source: 'api' | 'user' };
  close: { source: 'api' | 'user' };
  /** A message was added: incoming (bot, operator) or the user's own. */
  message: ChatMessage;
  /** The unread count changed. */
  unread: { count: number };
  /** The connection status changed. */
  status: { status: ConnectionStatus; retryInMs?: number };
  /** Something went wrong; the widget keeps working. */
  error: ChatError;
  /** The handoff to a human moved on. */
  handoff: { state: ChatState['handoff']['value']['state'] };
}

/** Options of the core engine. */
export interface ChatOptions {
  transport: Transport;
  /** The end user. @default {} (anonymous) */
  user?: ChatUser;
  /** BCP 47 locale sent to the backend. */
  locale: string;
  /** Start with the dialog open. @default false */
  open?: boolean;
  /** Page context for operators (URL, title). */
  metadata?: Record<string, string>;
  /** A session saved earlier, to resume (overrides the persisted one). */
  resume?: SessionSnapshot;
  /** Where history, outbox and session are kept across reloads. @default none (memory only) */
  persistence?: ChatPersistence;
}

/** Options for `send`. */
export interface SendOptions {
  attachments?: AttachmentRef[];
  action?: Action;
}

/** Options for `sendFiles`. */
export interface SendFilesOptions {
  /**
   * Preview URLs the UI made for the files (same order; `blob:` URLs it created and revokes),
   * shown as the placeholders' `thumbnailUrl` until the upload replaces them. Never persisted.
   */
  previewUrls?: ReadonlyArray<string | undefined>;
}

/** The chat engine. */
export interface Chat {
  readonly state: ChatState;
  readonly transport: Transport;
  /** Paints the persisted history and outbox; `start()` calls it too. Safe to call more than once. */
  restore(): Promise<void>;
  /** Connects the transport. Safe to call more than once. */
  start(): Promise<void>;
  /** Sends a message; returns it at once (status `sending` or `queued`), or null for empty text. */
  send(text: string, options?: SendOptions): ChatMessage | null;
  /**
   * Sends files, with optional text, as one message under the outbox's rules. The message is
   * added at once (status `queued`/`sending`, one attachment placeholder per file with an id
   * starting `local:`); when the outbox reaches it, each file is uploaded through
   * `transport.upload` (progress in `message.upload`, retryable failures retried with backoff
   * while online), the placeholders are replaced by the returned refs and the message is sent,
   * all with the same clientId. A permanent rejection (too_large, unsupported_type, invalid)
   * marks it `failed`: `retry` uploads what is left, `remove` deletes it (and aborts a running
   * upload). Files stay in memory only: after a reload an unfinished one fails as
   * `upload_interrupted`. Returns null when there are neither files nor text.
   */
  sendFiles(files: readonly FileInput[], text?: string, options?: SendFilesOptions): ChatMessage | null;
  /** Acts on a quick reply or card button (url actions are opened by the UI). */
  choose(action: Action): void;
  /** Keeps the composer text not sent yet (state.draft); saved across reloads. */
  setDraft(text: string): void;
  /** Writes everything pending to storage now (e.g. on `pagehide`). */
  flush(): Promise<void>;
  /**
   * Takes over unsent messages other tabs of this namespace saved (a tab that closed offline):
   * adds those unknown here and not deleted here, and sends them with their own clientIds.
   */
  adoptUnsent(): Promise<void>;
  /** Sends a failed message again, with the same clientId. */
  retry(clientId: string): void;
  /** Deletes a failed or queued message, or one still uploading its files (aborting the upload). */
  remove(clientId: string): void;
  open(source?: 'api' | 'user'): void;
  close(source?: 'api' | 'user'): void;
  toggle(source?: 'api' | 'user'): void;
  /** Tells the chat whether the page is visible (unread counting). */
  setPageVisible(visible: boolean): void;
  /**
   * Tells the chat whether the browser has a network (`online`/`offline` events). While offline,
   * `state.connection` reads `offline` ("Waiting for network…") and messages queue; coming back
   * shows the transport's own status again and retries a start that failed.
   */
  setNetworkOnline(online: boolean): void;
  /**
   * Another view of this conversation (another tab) showed the messages up to `messageId`:
   * unread then counts only the bot/operator messages after it. Sends no read receipt.
   * Returns false when that message is not known here (yet).
   */
  markSeenElsewhere(messageId: string): boolean;
  /**
   * Takes the unread count of another view of this conversation (a tab that joins adopts the
   * count of the tabs already open). Ignored while the user is looking at the chat here.
   */
  syncUnread(count: number): void;
  /** The user is typing (throttled by the transport). */
  setTyping(on: boolean): void;
  /** Asks for a human operator. */
  requestHandoff(reason?: string): Promise<void>;
  /** Submits the one-time code of the pending verification challenge. */
  submitVerification(code: string): Promise<VerificationResult>;
  /** Ends the conversation with the operator. */
  closeConversation(): Promise<void>;
  /** Rates the conversation, 1–5. */
  rate(score: number, comment?: string): Promise<void>;
  /** Loads the previous page of history. */
  loadOlder(): Promise<void>;
  /** Uploads a file through the transport, outside the outbox (for custom UIs; see `sendFiles`). */
  upload(file: Blob & { name?: string }, onProgress?: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<AttachmentRef>;
  on<K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): Unsubscribe;
  /** Reports a problem through the `error` event (used by the layers around the engine). */
  reportError(error: ChatError): void;
  /** Disconnects, stops every timer and removes every listener. */
  destroy(): Promise<void>;
  readonly destroyed: boolean;
}

const TYPING_TIMEOUT_MS = 30_000;
/** Debounce of history writes: at most a few writes per second during bursts. */
const SAVE_DELAY_MS = 400;

/** Creates the chat engine. It does not connect until `start()`. */
export function createChat(options: ChatOptions): Chat {
  const { transport } = options;
  const s = createState(transport.capabilities, options.open ?? false);
  let destroyed = false;
  let started: Promise<void> | null = null;
  let pageVisible = true;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let historyCursor: string | undefined;
  let everOnline = false;
  let resyncWanted = false;
  let resyncAttempt = 0;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /** The status the transport reported last (`state.connection` may show `offline` over it). */
  let transportStatus: ConnectionStatus = 'idle';
  let startFailed = false;
  let restored: Promise<void> | null = null;
  let savedSession: SessionSnapshot | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSave: Promise<void> = Promise.resolve();
  const persistence = options.persistence;
  /** clientIds deleted here: a stale copy saved by another tab must not bring them back. */
  const forgotten = new Set<string>();

  const emitter = createEmitter<ChatEventMap>((error, type) => {
    // A host listener threw: report it once through `error`, never rethrow into the widget.
    // Not when an `error` listener threw: reporting that would loop forever.
    if (!destroyed && type !== 'error') queueMicrotask(() => emitter.emit('error', new ChatError('support-chat: an event listener threw', { cause: error })));
  });
  const reportError = (error: unknown) => {
    emitter.emit('error', error instanceof ChatError ? error : toTransportError(transport.name, error));
  };
  /** Writes messages and session as they are when the write starts (after the previous one). */
  const writeState = (p: ChatPersistence) =>
    Promise.all([p.saveMessages(s.messages.peek(), forgotten), p.saveSession(transport.snapshot(), resyncWanted)]);
  const saveNow = (): Promise<void> => {
    if (!persistence) return lastSave;
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    lastSave = lastSave.then(() => writeState(persistence)).then(([foreign]) => adopt(foreign), reportError);
    return lastSave;
  };
  /** Unsent messages another tab saved (and maybe closed on): this tab sends them, same clientId. */
  const adopt = (foreign: readonly ChatMessage[]) => {
    if (destroyed || foreign.length === 0) return;
    let added = false;
    batch(() => {
      for (const m of foreign) {
        if (m.clientId === undefined || forgotten.has(m.clientId) || findMessage(s.messages.peek(), { clientId: m.clientId }) !== -1) continue;
        s.messages.value = upsertMessage(s.messages.peek(), m).list;
        added = true;
      }
    });
    if (added) outbox.flush();
  };
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  const saveDraftNow = (): Promise<void> => {
    if (draftTimer !== undefined) clearTimeout(draftTimer);
    draftTimer = undefined;
    if (!persistence) return Promise.resolve();
    return persistence.saveDraft(s.draft.peek()).catch(reportError);
  };
  const scheduleSave = () => {
    if (!persistence || destroyed || saveTimer !== undefined) return;
    saveTimer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
  };
  const guard = (what: string) => {
    if (destroyed) throw new DestroyedError(what);
  };

  const setUnread = (count: number) => {
    if (s.unread.peek() === count) return;
    s.unread.value = count;
    emitter.emit('unread', { count });
  };
  const seen = () => s.isOpen.peek() && pageVisible;
  const markSeen = () => {
    setUnread(0);
    if (!transport.markRead || s.connection.peek() !== 'online') return;
    const list = s.messages.peek();
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i]!;
      if (m.seq !== undefined && m.from.role !== 'user') {
        transport.markRead(m.seq).catch(() => undefined);
        return;
      }
    }
  };

  const addMessage = (message: ChatMessage) => {
    const { list, added } = upsertMessage(s.messages.peek(), message);
    s.messages.value = list;
    if (!added) return;
    if (message.from.role !== 'user') {
      const typing = s.typing.peek();
      if (typing && typing.id === message.from.id) s.typing.value = null;
      if (seen()) markSeen();
      else if (message.from.role !== 'system') setUnread(s.unread.peek() + 1);
    }
    emitter.emit('message', message);
  };

  const setTypingIndicator = (who: ChatState['typing']['value']) => {
    if (typingTimer !== undefined) clearTimeout(typingTimer);
    typingTimer = undefined;
    s.typing.value = who;
    if (who) {
      typingTimer = setTimeout(() => {
        typingTimer = undefined;
        s.typing.value = null;
      }, TYPING_TIMEOUT_MS);
    }
  };

  const onStatus = (reported: ConnectionStatus, retryInMs?: number) => {
    transportStatus = reported;
    const status: ConnectionStatus =
      s.network.peek() === 'offline' && reported !== 'idle' && reported !== 'ended' ? 'offline' : reported;
    const prev = s.connection.peek();
    batch(() => {
      s.connection.value = status;
      s.retryInMs.value = retryInMs;
      if (status === 'online') s.lastError.value = null;
      if (status !== 'online') setTypingIndicator(null);
    });
    if (prev !== status) emitter.emit('status', { status, ...(retryInMs !== undefined ? { retryInMs } : {}) });
    if (status === 'online') {
      everOnline = true;
      outbox.kick();
      if (resyncWanted) void resync(false);
    }
  };

  const onTransportEvent = (event: TransportEvent) => {
    if (destroyed) return;
    try {
      switch (event.type) {
        case 'status':
          if (event.error) s.lastError.value = event.error;
          onStatus(event.status, event.retryInMs);
          return;
        case 'error':
          s.lastError.value = event.error;
          reportError(new TransportError(transport.name, event.error.code, event.error.message, event.error));
          return;
        case 'typing':
          if (event.from.role !== 'user') setTypingIndicator(event.on ? event.from : null);
          return;
        case 'resync':
          void resync(false);
          return;
        default: {
          const before = s.handoff.peek().state;
          applyTransportEvent(s, event, addMessage);
          const after = s.handoff.peek().state;
          if (before !== after) emitter.emit('handoff', { state: after });
        }
      }
    } catch (error) {
      reportError(error);
    }
  };

  /**
   * Full resync from the newest history page, when the transport cannot guarantee continuity
   * (or on a first visit with nothing cached). The page is authoritative: cached server messages
   * older than it are dropped (they stay reachable through "Load earlier"), so the list has no
   * holes and no duplicates; unsent own messages are kept. `silent` (first visit): history is not
   * news, so it neither counts as unread nor fires `message` events.
   */
  /** Merges a page of history: not news, so no unread count and no `message` events. */
  const mergeHistory = (messages: readonly IncomingMessage[]) => {
    for (const m of messages) s.messages.value = upsertMessage(s.messages.peek(), { ...m, status: m.status ?? 'sent' }).list;
  };
  const resync = async (silent: boolean) => {
    if (!transport.fetchHistory || destroyed) return;
    if (resyncTimer !== undefined) clearTimeout(resyncTimer);
    resyncTimer = undefined;
    resyncWanted = !silent;
    try {
      const page = await transport.fetchHistory({ limit: 50 });
      if (destroyed) return;
      resyncWanted = false;
      resyncAttempt = 0;
      const seqs = page.messages.flatMap((m) => (m.seq !== undefined ? [m.seq] : []));
      const oldest = seqs.length ? Math.min(...seqs) : undefined;
      batch(() => {
        // When the page does not reach back into the cache, what lies between is unknown: drop the
        // older cached messages rather than show a hole.
        const bridges = oldest !== undefined && s.messages.peek().some((m) => m.seq !== undefined && m.seq >= oldest && m.from.role !== 'user');
        if (oldest !== undefined && page.hasMore && !bridges) {
          s.messages.value = s.messages.peek().filter((m) => m.seq === undefined || m.seq >= oldest);
        }
        if (silent) mergeHistory(page.messages);
        else for (const m of page.messages) addMessage({ ...m, status: m.status ?? 'sent' });
        s.hasMoreHistory.value = page.hasMore;
      });
      historyCursor = page.before;
    } catch (error) {
      if (destroyed) return;
      // A lost history answer must not leave the gap for good: try again with backoff, and at once
      // when the connection comes back.
      if (resyncAttempt === 0) reportError(error);
      resyncWanted = true;
      resyncTimer = setTimeout(() => void resync(false), backoffDelay(resyncAttempt++));
    }
  };
  /** clientId of a "Talk to a person" message whose ack should trigger the handoff request. */
  let handoffAfter: string | null = null;

  const uploads = createUploads({
    transportName: transport.name,
    upload: async (file, uploadOptions) => {
      if (!transport.upload) throw new TransportError(transport.name, 'unsupported', 'this backend does not accept files', { retryable: false });
      return transport.upload(file, uploadOptions);
    },
    get: (clientId) => s.messages.peek()[findMessage(s.messages.peek(), { clientId })],
    patch: (clientId, change) => {
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, change);
    },
    // sendFiles saved the message already: wait for that write, do not start another.
    persist: () => lastSave,
  });

  const outbox = createOutbox({
    isOnline: () => !destroyed && s.connection.peek() === 'online',
    pending: () =>
      s.messages.peek().filter((m) => m.clientId !== undefined && (m.status === 'queued' || m.status === 'sending')),
    prepare: (m) => uploads.prepare(m),
    toOutgoing: (m) => {
      const text = m.parts.find((p) => p.kind === 'text');
      const attachments = m.parts.flatMap((p) => (p.kind === 'attachment' ? [p.attachment] : []));
      return {
        clientId: m.clientId!,
        ...(text && text.kind === 'text' ? { text: text.text } : {}),
        ...(attachments.length ? { attachments } : {}),
        ...(m.action ? { action: m.action } : {}),
        ...(options.metadata ? { metadata: options.metadata } : {}),
      };
    },
    // The outbox is on disk before the message touches the network.
    send: (m) => lastSave.then(() => transport.send(m)),
    markSending: (clientId) => {
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, (m) => ({ ...m, status: 'sending' }));
    },
    markSent: (clientId, receipt) => {
      addMessage({
        ...s.messages.peek()[findMessage(s.messages.peek(), { clientId })]!,
        id: receipt.id,
        createdAt: receipt.createdAt,
        ...(receipt.seq !== undefined ? { seq: receipt.seq } : {}),
        status: 'sent',
      });
      // Ask for the person only once the user's "Talk to a person" is on the server, so the
      // transcript reads in order (their request first, then the verification prompt).
      if (handoffAfter === clientId) {
        handoffAfter = null;
        void chat.requestHandoff();
      }
    },
    // The server's echo may have confirmed the message while its request failed (a lost ack):
    // a message the server already ordered is never sent again nor shown as failed.
    markQueued: (clientId) => {
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, (m) => (m.seq !== undefined ? m : { ...m, status: 'queued' }));
    },
    markFailed: (clientId, error) => {
      const at = findMessage(s.messages.peek(), { clientId });
      if (s.messages.peek()[at]?.seq !== undefined) return;
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, ({ upload: _upload, ...m }) => ({ ...m, status: 'failed', error }));
      reportError(new TransportError(transport.name, error.code, error.message, { retryable: false }));
    },
    toError: (raw): MessageError & { code: TransportError['code']; retryAfterMs?: number } => {
      const e = toTransportError(transport.name, raw);
      return { code: e.code, message: e.message, retryable: e.retryable, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
    },
  });

  const unsubscribe = transport.on(onTransportEvent);
  const stopSaving = s.messages.subscribe(() => scheduleSave());

  const setOpen = (open: boolean, source: 'api' | 'user') => {
    guard(open ? 'open()' : 'close()');
    if (s.isOpen.peek() === open) return;
    s.isOpen.value = open;
    if (open && pageVisible) markSeen();
    emitter.emit(open ? 'open' : 'close', { source });
  };

  const chat: Chat = {
    state: s,
    transport,
    get destroyed() {
      return destroyed;
    },
    restore() {
      guard('restore()');
      restored ??= (async () => {
        if (!persistence) return;
        const saved = await persistence.load();
        if (destroyed) return;
        savedSession = saved.session;
        // The page before asked for a resync and was gone before it finished: still owed.
        if (saved.resyncOwed) resyncWanted = true;
        // Text typed before the restore finished wins over the saved draft.
        if (saved.draft && !s.draft.peek()) s.draft.value = saved.draft;
        batch(() => {
          for (const m of saved.messages) s.messages.value = upsertMessage(s.messages.peek(), m).list;
        });
      })();
      return restored;
    },
    start() {
      guard('start()');
      started ??= (async () => {
        try {
          await chat.restore();
          const resume = options.resume ?? savedSession ?? undefined;
          const session = await transport.connect({
            user: options.user ?? {},
            locale: options.locale,
            ...(resume ? { resume } : {}),
            ...(options.metadata ? { metadata: options.metadata } : {}),
          });
          if (destroyed) return;
          startFailed = false;
          if (transportStatus !== 'online') onStatus('online');
          // A first visit fetches history quietly (unless an owed resync is on its way already).
          if (!resyncWanted && s.messages.peek().every((m) => m.from.role === 'user' && m.seq === undefined)) await resync(true);
          void saveNow();
          emitter.emit('ready', { session });
        } catch (error) {
          if (destroyed) return;
          const e = toTransportError(transport.name, error);
          s.lastError.value = { code: e.code, message: e.message, retryable: e.retryable };
          if (!everOnline) onStatus('failed');
          started = null;
          startFailed = true;
          reportError(e);
        }
      })();
      return started;
    },
    send(text, sendOptions = {}) {
      guard('send()');
      const body = text.trim();
      const attachments = sendOptions.attachments ?? [];
      if (!body && attachments.length === 0) return null;
      const clientId = createClientId();
      const message: ChatMessage = {
        id: clientId,
        clientId,
        from: { id: 'me', role: 'user' },
        parts: [
          ...(body ? [{ kind: 'text' as const, text: body }] : []),
          ...attachments.map((attachment) => ({ kind: 'attachment' as const, attachment })),
        ],
        createdAt: new Date().toISOString(),
        status: 'queued',
        ...(sendOptions.action ? { action: sendOptions.action } : {}),
      };
      // Journaled first (synchronous): nothing a listener of addMessage does can lose it.
      persistence?.stage?.(message);
      addMessage(message);
      // On disk at once, not after the debounce: the tab may close the next moment, online or not.
      void saveNow();
      outbox.flush();
      return s.messages.peek()[findMessage(s.messages.peek(), { clientId })] ?? message;
    },
    sendFiles(files, text = '', sendOptions = {}) {
      guard('sendFiles()');
      if (files.length === 0) return chat.send(text);
      const body = text.trim();
      const clientId = createClientId();
      const refs = uploads.stage(files, sendOptions.previewUrls);
      const message: ChatMessage = {
        id: clientId,
        clientId,
        from: { id: 'me', role: 'user' },
        parts: [
          ...(body ? [{ kind: 'text' as const, text: body }] : []),
          ...refs.map((attachment) => ({ kind: 'attachment' as const, attachment })),
        ],
        createdAt: new Date().toISOString(),
        status: 'queued',
      };
      // Journaled first (synchronous): nothing a listener of addMessage does can lose it.
      persistence?.stage?.(message);
      addMessage(message);
      void saveNow();
      outbox.flush();
      return s.messages.peek()[findMessage(s.messages.peek(), { clientId })] ?? null;
    },
    choose(action) {
      guard('choose()');
      if (action.kind === 'handoff') {
        const sent = chat.send(action.label, { action });
        if (sent?.clientId) handoffAfter = sent.clientId;
        else void chat.requestHandoff();
      } else if (action.kind === 'reply') {
        chat.send(action.value, { action });
      } else if (action.kind === 'postback') {
        chat.send(action.label, { action });
      }
    },
    setDraft(text) {
      if (destroyed || s.draft.peek() === text) return;
      s.draft.value = text;
      if (!persistence) return;
      if (draftTimer !== undefined) clearTimeout(draftTimer);
      // A sent message clears its draft at once; typing is saved after a short pause.
      if (!text) void saveDraftNow();
      else draftTimer = setTimeout(() => void saveDraftNow(), 300);
    },
    async flush() {
      if (destroyed) return;
      await Promise.all([saveNow(), saveDraftNow()]);
    },
    async adoptUnsent() {
      // Before the restore, this tab's own saved messages would look foreign.
      if (destroyed || !restored || !persistence?.loadUnsent) return;
      await restored;
      const unsent = await persistence.loadUnsent().catch((error: unknown) => (reportError(error), []));
      adopt(unsent);
    },
    retry(clientId) {
      guard('retry()');
      s.messages.value = patchMessage(s.messages.peek(), { clientId }, (m) => {
        if (m.status !== 'failed') return m;
        // Its files were lost with an earlier page: nothing to retry with.
        if (!uploads.canUpload(m)) return { ...m, error: UPLOAD_INTERRUPTED };
        const { error: _error, ...rest } = m;
        return { ...rest, status: 'queued' };
      });
      outbox.kick();
    },
    remove(clientId) {
      guard('remove()');
      const at = findMessage(s.messages.peek(), { clientId });
      const m = s.messages.peek()[at];
      if (!m) return;
      // A message still uploading its files never reached transport.send: cancel the upload.
      const uploading = m.status === 'sending' && localRefs(m).length > 0 && uploads.abort(clientId);
      if (m.status !== 'failed' && m.status !== 'queued' && !uploading) return;
      uploads.forget(m);
      forgotten.add(clientId);
      s.messages.value = removeMessage(s.messages.peek(), { clientId });
    },
    open: (source = 'api') => setOpen(true, source),
    close: (source = 'api') => setOpen(false, source),
    toggle: (source = 'api') => setOpen(!s.isOpen.peek(), source),
    setPageVisible(visible) {
      pageVisible = visible;
      if (!destroyed && seen()) markSeen();
    },
    setNetworkOnline(online) {
      const network = online ? 'online' : 'offline';
      if (destroyed || s.network.peek() === network) return;
      s.network.value = network;
      onStatus(transportStatus);
      if (online && startFailed) void chat.start();
    },
    markSeenElsewhere(messageId) {
      if (destroyed) return false;
      const list = s.messages.peek();
      const at = list.findIndex((m) => m.id === messageId || m.clientId === messageId);
      if (at === -1) return false;
      const after = list.slice(at + 1).filter((m) => m.from.role !== 'user').length;
      if (after < s.unread.peek()) setUnread(after);
      return true;
    },
    syncUnread(count) {
      if (destroyed || seen() || !Number.isInteger(count) || count < 0) return;
      setUnread(count);
    },
    setTyping(on) {
      if (destroyed || s.connection.peek() !== 'online') return;
      transport.setTyping?.(on);
    },
    async requestHandoff(reason) {
      guard('requestHandoff()');
      if (!transport.requestHandoff) {
        reportError(new TransportError(transport.name, 'unsupported', 'this backend cannot hand off to a person', { retryable: false }));
        return;
      }
      const prev = s.handoff.peek();
      if (prev.state === 'none' || prev.state === 'rejected' || prev.state === 'offline') {
        s.handoff.value = { state: 'requested' };
        emitter.emit('handoff', { state: 'requested' });
      }
      try {
        await transport.requestHandoff(reason !== undefined ? { reason } : {});
      } catch (error) {
        if (s.handoff.peek().state === 'requested') s.handoff.value = prev;
        reportError(error);
      }
    },
    async submitVerification(code) {
      guard('submitVerification()');
      const challenge = s.handoff.peek().challenge;
      if (!challenge || !transport.submitVerification) return 'expired';
      try {
        const result = await transport.submitVerification(challenge.id, code.trim());
        if (result !== 'ok') s.handoff.value = { ...s.handoff.peek(), lastResult: result };
        return result;
      } catch (error) {
        reportError(error);
        throw error;
      }
    },
    async closeConversation() {
      guard('closeConversation()');
      try {
        await transport.closeConversation?.();
      } catch (error) {
        reportError(error);
      }
    },
    async rate(score, comment) {
      guard('rate()');
      if (!Number.isInteger(score) || score < 1 || score > 5) throw new ChatError(`support-chat: rating must be 1–5, got ${score}`);
      try {
        await transport.rate?.(score, comment);
        s.rated.value = score;
      } catch (error) {
        reportError(error);
      }
    },
    async loadOlder() {
      if (destroyed || !transport.fetchHistory || !s.hasMoreHistory.peek()) return;
      try {
        const page = await transport.fetchHistory({ ...(historyCursor ? { before: historyCursor } : {}), limit: 50 });
        if (destroyed) return;
        batch(() => {
          mergeHistory(page.messages);
          s.hasMoreHistory.value = page.hasMore;
        });
        historyCursor = page.before;
      } catch (error) {
        reportError(error);
      }
    },
    async upload(file, onProgress, signal) {
      guard('upload()');
      if (!transport.upload) throw new TransportError(transport.name, 'unsupported', 'this backend does not accept files', { retryable: false });
      return transport.upload(file, {
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress: (p) => onProgress(p.loaded, p.total) } : {}),
      });
    },
    on(type, listener) {
      return emitter.on(type, listener);
    },
    reportError(error) {
      if (!destroyed) reportError(error);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      outbox.stop();
      if (draftTimer !== undefined) await saveDraftNow();
      if (resyncTimer !== undefined) clearTimeout(resyncTimer);
      uploads.stop();
      stopSaving();
      // Always after the write in flight, so nothing lands after destroy() (logout wipes next).
      const pending = saveTimer !== undefined;
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = undefined;
      await lastSave;
      if (pending && persistence) await writeState(persistence).catch(() => undefined);
      if (typingTimer !== undefined) clearTimeout(typingTimer);
      unsubscribe();
      emitter.clear();
      try {
        await transport.disconnect();
      } catch {
        // Nothing to report to: every listener is gone.
      }
    },
  };
  return chat;
}

