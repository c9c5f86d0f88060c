/**
 * What every engine module shares: the writable state, the flags that outlive one call, the
 * emitter and the error path. Each module is a function of `(engine, deps)` over this record.
 * @module
 */
import { createEmitter, type Emitter } from '../emitter';
import { ChatError, DestroyedError, toTransportError } from '../errors';
import type { ConnectionStatus } from '../model';
import type { ChatPersistence } from '../persistence';
import { createState, type WritableChatState } from '../state';
import type { SessionSnapshot, Transport } from '../transport';
import type { ChatEventMap, ChatOptions } from './api';

/** The engine's shared mutable record. @internal */
export interface Engine {
  readonly options: ChatOptions;
  readonly transport: Transport;
  readonly persistence: ChatPersistence | undefined;
  readonly s: WritableChatState;
  readonly emitter: Emitter<ChatEventMap>;
  destroyed: boolean;
  /** The page is visible (unread counting). */
  pageVisible: boolean;
  /** The person opened the dialog or wrote (before that, the bot's welcome is not unread). */
  engaged: boolean;
  /** The transport was online at least once. */
  everOnline: boolean;
  /** The status the transport reported last (`state.connection` may show `offline` over it). */
  transportStatus: ConnectionStatus;
  /** The last `start()` failed: coming back online tries again. */
  startFailed: boolean;
  /** A conversation switch is under way: the transport's re-dial is not an outage to show. */
  switching: boolean;
  /** A resync is owed (a gap, a lost history answer, or one a previous page did not finish). */
  resyncWanted: boolean;
  /** The session the restore found. */
  savedSession: SessionSnapshot | null;
  /** Cursor of the next older history page. */
  historyCursor: string | undefined;
  /** clientIds deleted here: a stale copy saved by another tab must not bring them back. */
  readonly forgotten: Set<string>;
  /** The storage write in flight (or the last one), always settled without rejecting. */
  lastSave: Promise<void>;
  /** Reports through the `error` event, as a ChatError. */
  reportError(error: unknown): void;
  /** Throws DestroyedError after destroy(). */
  guard(what: string): void;
}

/** Creates the shared record of one chat. @internal */
export function createEngine(options: ChatOptions): Engine {
  const { transport } = options;
  const engine: Engine = {
    options,
    transport,
    persistence: options.persistence,
    s: createState(transport.capabilities, options.open ?? false),
    emitter: createEmitter<ChatEventMap>((error, type) => {
      // A host listener threw: report it once through `error`, never rethrow into the widget.
      // Not when an `error` listener threw: reporting that would loop forever.
      if (!engine.destroyed && type !== 'error') {
        queueMicrotask(() => engine.emitter.emit('error', new ChatError('support-chat: an event listener threw', { cause: error })));
      }
    }),
    destroyed: false,
    pageVisible: true,
    engaged: options.open ?? false,
    everOnline: false,
    transportStatus: 'idle',
    startFailed: false,
    switching: false,
    resyncWanted: false,
    savedSession: null,
    historyCursor: undefined,
    forgotten: new Set(),
    lastSave: Promise.resolve(),
    reportError(error) {
      engine.emitter.emit('error', error instanceof ChatError ? error : toTransportError(transport.name, error));
    },
    guard(what) {
      if (engine.destroyed) throw new DestroyedError(what);
    },
  };
  return engine;
}
