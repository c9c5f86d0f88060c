/**
 * What the chat keeps across reloads and closed tabs: the session, the history tail and the
 * outbox. Framework-free: it writes through a {@link KeyValueStore} the embed layer provides
 * (IndexedDB, localStorage or memory). Only an allow-list of fields is stored, the schema is
 * versioned, and anything corrupt, foreign or too old is dropped without throwing.
 * @module
 */
import { localRefs, UPLOAD_INTERRUPTED } from './attachments';
import { anyOf, boolean, check, lenient, number, object, record, string } from '../protocol/check';
import { isRecord, parseJson as parseProtocolJson } from '../protocol/json';
import { storedMessage } from '../protocol/messages';
import type { ChatMessage, Part } from './model';
import type { SessionSnapshot } from './transport';

/** Minimal async key-value storage. Implementations must not throw synchronously. */
export interface KeyValueStore {
  readonly kind: 'indexeddb' | 'localstorage' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keys starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

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

/**
 * Synchronous storage of unsent messages, one entry per clientId (see `src/storage/journal.ts`).
 * Methods may throw (quota, storage disabled): the persistence catches and reports.
 */
export interface MessageJournal {
  /** Writes (or overwrites) the entry of this message, synchronously. */
  stage(message: ChatMessage): void;
  /** Every valid entry, oldest first (createdAt, then staging order). */
  entries(): ChatMessage[];
  /** Removes the entries of these clientIds. */
  drop(clientIds: Iterable<string>): void;
  /** Removes every entry. */
  clear(): void;
}

/** Current schema version. Bump it and add a migration to `MIGRATIONS` when the shape changes. */
export const SCHEMA_VERSION = 1;
/** How many messages of history are kept locally; older ones are fetched from the server. */
export const HISTORY_LIMIT = 500;

type Json = Record<string, unknown>;
const isObj = isRecord;

/** Safe JSON parse: drops prototype-polluting keys (the protocol's parser). */
export function parseJson(text: string): unknown {
  return parseProtocolJson(text);
}

// blob: URLs die with the page that made them: a stored one would point at nothing.
const withoutBlobUrls = (p: Part): Part => {
  if (p.kind !== 'attachment') return p;
  const { url, thumbnailUrl, ...rest } = p.attachment;
  const keep = (u: string | undefined) => (u !== undefined && !u.startsWith('blob:') ? u : undefined);
  const u = keep(url);
  const t = keep(thumbnailUrl);
  return { kind: 'attachment', attachment: { ...rest, ...(u ? { url: u } : {}), ...(t ? { thumbnailUrl: t } : {}) } };
};

/**
 * Copies only the allowed fields of a message (the protocol's stored-message validator, so every
 * part kind the registry knows, custom parts included, survives a reload); undefined when it is
 * not a valid message.
 */
export function pickMessage(v: unknown): ChatMessage | undefined {
  const r = check(storedMessage, v);
  if (!r.ok) return undefined;
  const m: ChatMessage = { ...r.value, parts: r.value.parts.map(withoutBlobUrls) };
  if (m.status !== 'failed') delete m.error;
  else if (!m.error && isObj(v) && isObj(v.error)) m.error = { code: 'network', message: 'failed', retryable: false };
  // A message that was in flight when the page died goes back to the queue (same clientId).
  if (m.status === 'sending') m.status = 'queued';
  // ...unless it still waits for files that died with that page: it fails and says so, never
  // stuck "uploading". Messages whose files were all uploaded resume normally.
  if (m.status === 'queued' && localRefs(m).length > 0) {
    m.status = 'failed';
    m.error = { ...UPLOAD_INTERRUPTED };
  }
  return m;
}

const sessionChecker = object({
  sessionToken: lenient(string({ max: 500 })),
  conversationId: lenient(string({ max: 200 })),
  cursor: lenient(string({ max: 100 })),
  adapter: lenient(record(anyOf<string | number | boolean>(string(), number(), boolean), { maxEntries: 100, dropInvalid: true })),
});

function pickSession(v: unknown): SessionSnapshot | null {
  const r = check(sessionChecker, v);
  return r.ok ? r.value : null;
}

/** Upgrades stored documents of older versions; unknown versions are dropped. */
const MIGRATIONS: Record<number, (doc: Json) => Json> = {
  // v0 (pre-release) kept `history` instead of `messages`.
  0: (doc) => ({ ...doc, v: 1, messages: Array.isArray(doc.history) ? doc.history : [] }),
};

function migrate(doc: Json): Json | null {
  let d = doc;
  for (let guard = 0; guard < 10; guard++) {
    const v = typeof d.v === 'number' ? d.v : 0;
    if (v === SCHEMA_VERSION) return d;
    const step = MIGRATIONS[v];
    if (!step) return null;
    d = step(d);
  }
  return null;
}

/** Keeps the newest `HISTORY_LIMIT` server messages plus every unsent own message. */
export function trimForStorage(messages: readonly ChatMessage[]): ChatMessage[] {
  const unsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed';
  const sent = messages.filter((m) => !unsent(m));
  const keepFrom = Math.max(0, sent.length - HISTORY_LIMIT);
  const cutoff = sent[keepFrom];
  const out: ChatMessage[] = [];
  let seenCutoff = cutoff === undefined;
  for (const m of messages) {
    if (m === cutoff) seenCutoff = true;
    if (unsent(m) || seenCutoff) out.push(m);
  }
  return out;
}

/** Options of {@link createPersistence}. */
export interface PersistenceOptions {
  store: KeyValueStore;
  /** Key prefix, already namespaced per site, user and instance. */
  namespace: string;
  /** Called once per distinct problem (quota, corrupt data); the chat goes on. */
  onError?: (error: Error) => void;
  /** Used instead of `store` after a write fails (quota, storage disabled). */
  fallback?: () => KeyValueStore;
  /** Write-ahead journal for `stage()`; without one, `stage()` does nothing (see README "Durability"). */
  journal?: MessageJournal;
}

const isUnsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'failed';
/**
 * What another tab may take over: unsent, and not waiting for files, which live only in the page
 * that picked them (maybe still uploading there; adopted here, they would show as failed).
 */
const adoptable = (m: ChatMessage) => m.clientId !== undefined && isUnsent(m) && localRefs(m).length === 0;

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

/** The valid messages of a stored `messages` document, each once (by clientId or id). */
function pickStored(doc: Json | null): ChatMessage[] {
  const raw = doc && Array.isArray(doc.messages) ? doc.messages : [];
  const messages: ChatMessage[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const m = pickMessage(item);
    if (!m) continue;
    const k = m.clientId ?? m.id;
    if (seen.has(k) || seen.has(m.id)) continue;
    seen.add(k);
    seen.add(m.id);
    messages.push(m);
  }
  return messages;
}

/** Slot documents and the journal of one persistence; every storage error is caught and reported once. */
function createSlots(options: PersistenceOptions) {
  let store = options.store;
  const key = (slot: string) => `${options.namespace}:${slot}`;
  const reported = new Set<string>();
  const report = (kind: string, error: Error) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    options.onError?.(error);
  };

  /** Journal access never throws: a full or disabled storage is reported once, the chat goes on. */
  const journal = <T>(fn: (j: MessageJournal) => T, otherwise: T): T => {
    if (!options.journal) return otherwise;
    try {
      return fn(options.journal);
    } catch (error) {
      report('journal', new Error(`support-chat: the unsent-message journal failed (${(error as Error)?.name ?? 'error'})`));
      return otherwise;
    }
  };

  /** True when the document was stored (in the store, not a fallback). */
  const write = async (slot: string, doc: unknown): Promise<boolean> => {
    const text = JSON.stringify(doc);
    try {
      await store.set(key(slot), text);
      return true;
    } catch (error) {
      report('write', new Error(`support-chat: saving the chat failed (${(error as Error)?.name ?? 'error'}); continuing in memory`));
      if (options.fallback && store.kind !== 'memory') {
        store = options.fallback();
        await store.set(key(slot), text).catch(() => undefined);
      }
      return false;
    }
  };

  const read = async (slot: string): Promise<Json | null> => {
    let text: string | null;
    try {
      text = await store.get(key(slot));
    } catch (error) {
      report('read', new Error(`support-chat: reading the saved chat failed (${(error as Error)?.name ?? 'error'})`));
      return null;
    }
    if (text === null) return null;
    try {
      const doc = parseJson(text);
      if (!isObj(doc)) throw new Error('not an object');
      const migrated = migrate(doc);
      if (!migrated) throw new Error(`unknown schema version ${String(doc.v)}`);
      return migrated;
    } catch (error) {
      report('corrupt', new Error(`support-chat: dropped unreadable saved chat data (${(error as Error).message})`));
      await store.remove(key(slot)).catch(() => undefined);
      return null;
    }
  };

  return {
    read,
    write,
    journal,
    storedMessages: async () => pickStored(await read('messages')),
    remove: (slot: string) => store.remove(key(slot)).catch(() => undefined),
    async clear() {
      try {
        const keys = await store.keys(`${options.namespace}:`);
        await Promise.all(keys.map((k) => store.remove(k)));
      } catch {
        // Storage unavailable: nothing was stored there either.
      }
    },
  };
}

/** Creates the persistence over a key-value store (and, when given, a synchronous journal). */
export function createPersistence(options: PersistenceOptions): ChatPersistence {
  const { read, write, journal, storedMessages, remove, clear } = createSlots(options);
  return {
    async load() {
      const [sessionDoc, stored, draftDoc] = await Promise.all([read('session'), storedMessages(), read('draft')]);
      const draft = draftDoc && typeof draftDoc.draft === 'string' ? draftDoc.draft.slice(0, DRAFT_LIMIT) : '';
      const session = sessionDoc ? pickSession(sessionDoc.session) : null;
      // The stored copy wins over the journal's: it may already say `sent`.
      const messages = mergeJournal(stored, journal((j) => j.entries(), []));
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
        const m = pickMessage(raw);
        if (!m || m.clientId === undefined || ours.has(m.clientId) || forgotten?.has(m.clientId)) continue;
        if (m.status === 'queued' || m.status === 'failed') foreign.push(m);
      }
      const doc = [...trimForStorage(messages).map((m) => pickMessage(m) ?? m), ...foreign];
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

/** An in-memory store (storage disabled, or tests). */
export function createMemoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (k) => map.get(k) ?? null,
    set: async (k, v) => void map.set(k, v),
    remove: async (k) => void map.delete(k),
    keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)),
  };
}
