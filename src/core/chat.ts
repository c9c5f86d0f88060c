/**
 * `createChat`: the framework-free chat engine. It owns the state signals, talks to one
 * Transport, keeps the outbox, counts unread messages and emits typed events.
 * UI layers read `chat.state` and call the actions; nothing else writes the state.
 *
 * This is the facade: the behaviour lives in the modules under `./engine/`, one per concern,
 * over one shared record (`engine/context.ts`).
 * @module
 */
import type { Chat, ChatOptions } from './engine/api';
import { createEngine, type Engine } from './engine/context';
import { createModules, type Modules } from './engine/modules';

export type { Chat, ChatEventMap, ChatOptions, SendFilesOptions, SendOptions } from './engine/api';

/** Disconnects and stops everything; the last pending write lands first. */
async function destroyEngine(engine: Engine, m: Modules, stopSaving: () => void, unsubscribe: () => void): Promise<void> {
  if (engine.destroyed) return;
  // Messages sent while restoring are only queued: let the restore apply and save them first,
  // or a tab closed (or reloaded) right after a send would lose what was typed. Only then: a
  // storage that never answers must not keep an idle chat from being destroyed.
  if (m.lifecycle.hasQueued()) await m.lifecycle.restored();
  engine.destroyed = true;
  m.outbox.stop();
  if (m.saving.draftPending()) await m.saving.saveDraftNow();
  m.sync.stop();
  m.uploads.stop();
  stopSaving();
  // Always after the write in flight, so nothing lands after destroy() (logout wipes next).
  const pending = m.saving.cancelPending();
  await engine.lastSave;
  if (pending) await m.saving.writeLast();
  m.typing.stop();
  m.sessionEnd.stop();
  unsubscribe();
  engine.emitter.clear();
  try {
    await engine.transport.disconnect();
  } catch {
    // Nothing to report to: every listener is gone.
  }
}

/**
 * Creates the chat engine. It does not connect until `start()`; with a persistence, the restore
 * of the saved state starts at once (`state.lifecycle` reads `restoring` until it is done).
 */
export function createChat(options: ChatOptions): Chat {
  const engine = createEngine(options);
  const m = createModules(engine);
  const { s, transport } = engine;
  const { lifecycle, saving, sending, unread, connection, actions } = m;
  const unsubscribe = transport.on(connection.onTransportEvent);
  const stopSaving = s.messages.subscribe(() => saving.scheduleSave());
  let destroying: Promise<void> | undefined;
  const afterRestore = async <T>(run: () => Promise<T>): Promise<T> => {
    await lifecycle.restored();
    return run();
  };
  return {
    state: s,
    transport,
    get destroyed() {
      return engine.destroyed;
    },
    restore() {
      engine.guard('restore()');
      return lifecycle.restored();
    },
    start: connection.start,
    send: sending.send,
    sendFiles: sending.sendFiles,
    choose: sending.choose,
    retry: sending.retry,
    remove: sending.remove,
    setDraft: (text) => lifecycle.whenRestored(() => saving.setDraft(text)),
    flush: () => afterRestore(saving.flush),
    adoptUnsent: () => afterRestore(saving.adoptUnsent),
    open: (source = 'api') => unread.setOpen(true, source),
    close: (source = 'api') => unread.setOpen(false, source),
    toggle: (source = 'api') => unread.setOpen(!s.isOpen.peek(), source),
    setPageVisible: unread.setPageVisible,
    setNetworkOnline: connection.setNetworkOnline,
    markSeenElsewhere: unread.markSeenElsewhere,
    syncUnread: unread.syncUnread,
    setTyping: m.typing.setTyping,
    requestHandoff: actions.requestHandoff,
    cancelHandoff: actions.cancelHandoff,
    handoffPreview: actions.handoffPreview,
    setHandoffNote: actions.setHandoffNote,
    submitVerification: actions.submitVerification,
    resendVerification: actions.resendVerification,
    skipVerification: actions.skipVerification,
    closeConversation: actions.closeConversation,
    rate: actions.rate,
    leaveContact: actions.leaveContact,
    openConversation: m.conversations.open,
    newConversation: m.conversations.start,
    refreshConversations: m.conversations.refresh,
    loadOlder: () => afterRestore(m.sync.loadOlder),
    upload: actions.upload,
    on: (type, listener) => engine.emitter.on(type, listener),
    reportError(error) {
      if (!engine.destroyed) engine.reportError(error);
    },
    destroy: () => (destroying ??= destroyEngine(engine, m, stopSaving, unsubscribe)),
    endSession: m.sessionEnd.endSession,
    refreshIdentity: m.sessionEnd.refreshIdentity,
    updateProfile: m.sessionEnd.updateProfile,
    async logout() {
      await m.sessionEnd.endSession();
      await (destroying ??= destroyEngine(engine, m, stopSaving, unsubscribe));
      // After destroy: its last save has landed, so nothing is written back after the wipe.
      await engine.persistence?.wipe();
    },
  };
}
