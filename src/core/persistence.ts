/**
 * What the chat keeps across reloads and closed tabs: the session, the history tail and the
 * outbox. Framework-free: it writes through a {@link KeyValueStore} the embed layer provides
 * (IndexedDB, localStorage or memory). Only an allow-list of fields is stored, the schema is
 * versioned, and anything corrupt, foreign or too old is dropped without throwing. What a stored
 * document may hold lives in `stored-chat.ts`, the storage access in `persistence-slots.ts`.
 * @module
 */
import { localRefs } from './attachments';
import type { ChatMessage } from './model';
import { createSlots, type PersistenceOptions } from './persistence-slots';
import { isRecord } from '../protocol/json';
import { HISTORY_LIMIT, pickMessage, pickSession, SCHEMA_VERSION, trimForStorage } from './stored-chat';
import type { SessionSnapshot } from './transport';

export { createMemoryStore, type KeyValueStore, type MessageJournal, type PersistenceOptions } from './persistence-slots';
export { HISTORY_LIMIT, parseJson, pickMessage, SCHEMA_VERSION, trimForStorage } from './stored-chat';

/** What `load()` returns. */
export interface PersistedChat {
  session: SessionSnapshot | null;
  /** History tail plus unsent messages, in display order. */
  messages: ChatMessage[];
  /** Composer text not sent yet. */
  draft: string;
  /**
   * A resync the previous page asked for (a seq gap) and never finished: the saved cursor may be
   * past a hole, so the next start owes it.
   */
  resyncOwed: boolean;
}

/** Longest draft kept, characters. */
export const DRAFT_LIMIT = 10_000;

/** The chat's persistence, as core uses it. */
export interface ChatPersistence {
  load(): Promise<PersistedChat>;
  /** Saves the transport's snapshot; `resyncOwed` when a resync is pending (see {@link PersistedChat}). */
  saveSession(session: SessionSnapshot, resyncOwed?: boolean): Promise<void>;
  /** Saves the composer text not sent yet ('' deletes it). */
  saveDraft(text: string): Promise<void>;
  /**
   * Saves the history tail and the outbox (unsent own messages). Unsent messages another tab saved
   * under this namespace are kept, unless their clientId is in `forgotten` (deleted here); they are
   * returned so the caller can adopt them: a message typed in a tab that closed offline is still sent.
   */
  saveMessages(messages: readonly ChatMessage[], forgotten?: ReadonlySet<string>): Promise<ChatMessage[]>;
  /** Synchronously writes one unsent message to a write-ahead journal, before `send()` returns (see README "Durability"). Optional. */
  stage?(message: ChatMessage): void;
  /** Unsent messages any tab of this namespace saved (journal and stored outbox), for adoption. Optional. */
  loadUnsent?(): Promise<ChatMessage[]>;
  /** Deletes everything of this namespace (logout, identity switch). */
  wipe(): Promise<void>;
}

const isUnsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'failed';
/**
 * What another tab may take over: unsent, and not waiting for files, which live only in the page
 * that picked them (maybe still uploading there; adopted here, they would show as failed).
 */
const adoptable = (m: ChatMessage) => m.clientId !== undefined && isUnsent(m) && localRefs(m).length === 0;

/**
 * `pickMessage` of the messages saved, once per message object: messages are immutable (a change
 * is a new object), so a save during a burst validates only what is new since the last one.
 */
function pickOnce(): (m: ChatMessage) => ChatMessage {
  const cache = new WeakMap<ChatMessage, ChatMessage>();
  return (m) => {
    let out = cache.get(m);
    if (!out) {
      out = pickMessage(m) ?? m;
      cache.set(m, out);
    }
    return out;
  };
}

/** Adds journal entries missing from `messages` (same clientId = same message), placed by createdAt. */
function mergeJournal(messages: ChatMessage[], staged: readonly ChatMessage[]): ChatMessage[] {
  const known = new Set(messages.flatMap((m) => [m.id, ...(m.clientId !== undefined ? [m.clientId] : [])]));
  const out = [...messages];
  for (const m of staged) {
    if (known.has(m.clientId!) || known.has(m.id)) continue;
    known.add(m.clientId!);
    let at = out.length;
    while (at > 0 && out[at - 1]!.createdAt > m.createdAt) at--;
    out.splice(at, 0, m);
  }
  return out;
}

/** Creates the persistence over a key-value store (and, when given, a synchronous journal). */
export function createPersistence(options: PersistenceOptions): ChatPersistence {
  const { read, write, journal, storedMessages, remove, clear } = createSlots(options);
  const limit = options.historyLimit ?? HISTORY_LIMIT;
  const picked = pickOnce();
  return {
    async load() {
      const [sessionDoc, stored, draftDoc] = await Promise.all([read('session'), storedMessages(limit), read('draft')]);
      const draft = draftDoc && typeof draftDoc.draft === 'string' ? draftDoc.draft.slice(0, DRAFT_LIMIT) : '';
      const session = sessionDoc ? pickSession(sessionDoc.session) : null;
      // The stored copy wins over the journal's: it may already say `sent`.
      // Trimmed on load too: a store longer than the budget (an older version, a higher limit)
      // never reaches the list whole. Unsent messages are always kept.
      const messages = mergeJournal(
        stored.length > limit ? trimForStorage(stored, limit) : stored,
        journal((j) => j.entries(), []),
      );
      return { session, messages, draft, resyncOwed: sessionDoc?.resync === true };
    },
    saveSession: async (session, resyncOwed = false) =>
      void (await write('session', { v: SCHEMA_VERSION, session: pickSession(session), ...(resyncOwed ? { resync: true } : {}) })),
    saveDraft: async (text) =>
      void (await (text ? write('draft', { v: SCHEMA_VERSION, draft: text.slice(0, DRAFT_LIMIT) }) : remove('draft'))),
    async saveMessages(messages, forgotten) {
      const stored = await read('messages');
      const ours = new Set(messages.flatMap((m) => (m.clientId !== undefined ? [m.clientId] : [])));
      const foreign: ChatMessage[] = [];
      for (const raw of stored && Array.isArray(stored.messages) ? stored.messages : []) {
        // Only another tab's unsent messages are taken: the rest is not even validated.
        if (!isRecord(raw) || (raw.status !== 'queued' && raw.status !== 'failed' && raw.status !== 'sending')) continue;
        if (typeof raw.clientId !== 'string' || ours.has(raw.clientId) || forgotten?.has(raw.clientId)) continue;
        const m = pickMessage(raw);
        if (!m || m.clientId === undefined || ours.has(m.clientId) || forgotten?.has(m.clientId)) continue;
        if (m.status === 'queued' || m.status === 'failed') foreign.push(m);
      }
      const doc = [...trimForStorage(messages, limit).map(picked), ...foreign];
      // An entry leaves the journal once the main store has its message as sent (or it was
      // deleted here). Not merely once stored as queued: another tab's save that read the store
      // before this write can overwrite it without the message, and the journal is its last copy.
      if (await write('messages', { v: SCHEMA_VERSION, messages: doc })) {
        const done = [...doc.flatMap((m) => (m.clientId !== undefined && !isUnsent(m) ? [m.clientId] : [])), ...(forgotten ?? [])];
        journal((j) => j.drop(done), undefined);
      }
      return foreign.filter(adoptable);
    },
    stage(message) {
      // Validated like everything stored; the try/catch keeps `send()` from ever throwing here.
      journal((j) => {
        const m = pickMessage(message);
        if (m) j.stage(m);
      }, undefined);
    },
    async loadUnsent() {
      const all = await storedMessages();
      const known = new Set(all.flatMap((m) => (m.clientId !== undefined ? [m.clientId] : [])));
      const stored = all.filter(adoptable);
      const staged = journal((j) => j.entries(), []).filter((m) => !known.has(m.clientId!) && adoptable(m));
      return mergeJournal(stored, staged);
    },
    async wipe() {
      journal((j) => j.clear(), undefined);
      await clear();
    },
  };
}
