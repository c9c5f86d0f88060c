/**
 * Composition of the engine modules over one shared record; the late-bound arrows break the
 * cycles between them (the outbox's ack asks for a handoff, a status change kicks the outbox…).
 * @module
 */
import type { Uploads } from '../attachments';
import type { Outbox } from '../outbox';
import { createActions, type Actions } from './actions';
import { createConnection, type Connection } from './connection';
import { createConversations, type Conversations } from './conversations';
import type { Engine } from './context';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { createEngineUploads, createOutboxHost } from './outbox-host';
import { createSaving, type Saving } from './saving';
import { createSending, type Sending } from './sending';
import { createSessionEnd, type SessionEnd } from './session-end';
import { createSync, type Sync } from './sync';
import { createTyping, type Typing } from './typing';
import { createUnread, type Unread } from './unread';

/** Every module of one chat. @internal */
export interface Modules {
  lifecycle: Lifecycle;
  typing: Typing;
  unread: Unread;
  saving: Saving;
  uploads: Uploads;
  sending: Sending;
  outbox: Outbox;
  sync: Sync;
  connection: Connection;
  actions: Actions;
  conversations: Conversations;
  sessionEnd: SessionEnd;
}

/** Builds the modules; the restore starts here when there is a persistence. @internal */
export function createModules(engine: Engine): Modules {
  const lifecycle = createLifecycle(engine);
  const typing = createTyping(engine);
  const unread = createUnread(engine, { clearTypingOf: typing.clearTypingOf });
  const addMessage = unread.addMessage;
  const saving = createSaving(engine, { flushOutbox: () => outbox.flush() });
  const actions = createActions(engine);
  const uploads = createEngineUploads(engine);
  const sending = createSending(engine, {
    uploads,
    outbox: () => outbox,
    addMessage,
    saveNow: saving.saveNow,
    whenRestored: lifecycle.whenRestored,
    requestHandoff: () => actions.requestHandoff(),
  });
  const outbox = createOutboxHost(engine, uploads, { addMessage, onSent: sending.onSent });
  const sync = createSync(engine, { addMessage });
  const conversations = createConversations(engine, {
    clearTyping: () => typing.show(null),
    saveNow: saving.saveNow,
    showStatus: () => connection.onStatus(engine.transportStatus),
  });
  const connection = createConnection(engine, {
    conversations,
    markSeen: unread.markSeen,
    restored: lifecycle.restored,
    goLive: lifecycle.goLive,
    addMessage,
    showTyping: typing.show,
    resync: sync.resync,
    kickOutbox: () => outbox.kick(),
    saveNow: saving.saveNow,
  });
  const sessionEnd = createSessionEnd(engine, { restored: lifecycle.restored, connection });
  return { lifecycle, typing, unread, saving, uploads, sending, outbox, sync, connection, actions, conversations, sessionEnd };
}
