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
}

/** Creates the persistence over a key-value store. */
export function createPersistence(options: PersistenceOptions): ChatPersistence {
  let store = options.store;
  const key = (slot: string) => `${options.namespace}:${slot}`;
  const reported = new Set<string>();
  const report = (kind: string, error: Error) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    options.onError?.(error);
  };

  const write = async (slot: string, doc: unknown) => {
    const text = JSON.stringify(doc);
    try {
      await store.set(key(slot), text);
    } catch (error) {
      report('write', new Error(`support-chat: saving the chat failed (${(error as Error)?.name ?? 'error'}); continuing in memory`));
      if (options.fallback && store.kind !== 'memory') {
        store = options.fallback();
        await store.set(key(slot), text).catch(() => undefined);
      }
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
    async load() {
      const [sessionDoc, messagesDoc, draftDoc] = await Promise.all([read('session'), read('messages'), read('draft')]);
      const draft = draftDoc && typeof draftDoc.draft === 'string' ? draftDoc.draft.slice(0, DRAFT_LIMIT) : '';
      const session = sessionDoc ? pickSession(sessionDoc.session) : null;
      const raw = messagesDoc && Array.isArray(messagesDoc.messages) ? messagesDoc.messages : [];
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
      return { session, messages, draft, resyncOwed: sessionDoc?.resync === true };
    },
    saveSession: (session, resyncOwed = false) =>
      write('session', { v: SCHEMA_VERSION, session: pickSession(session), ...(resyncOwed ? { resync: true } : {}) }),
    saveDraft: (text) =>
      text ? write('draft', { v: SCHEMA_VERSION, draft: text.slice(0, DRAFT_LIMIT) }) : store.remove(key('draft')).catch(() => undefined),
    async saveMessages(messages, forgotten) {
      const stored = await read('messages');
      const ours = new Set(messages.flatMap((m) => (m.clientId !== undefined ? [m.clientId] : [])));
      const foreign: ChatMessage[] = [];
      for (const raw of stored && Array.isArray(stored.messages) ? stored.messages : []) {
        const m = pickMessage(raw);
        if (!m || m.clientId === undefined || ours.has(m.clientId) || forgotten?.has(m.clientId)) continue;
        if (m.status === 'queued' || m.status === 'failed') foreign.push(m);
      }
      await write('messages', { v: SCHEMA_VERSION, messages: [...trimForStorage(messages).map((m) => pickMessage(m) ?? m), ...foreign] });
      return foreign;
    },
    async wipe() {
      try {
        const keys = await store.keys(`${options.namespace}:`);
        await Promise.all(keys.map((k) => store.remove(k)));
      } catch {
        // Storage unavailable: nothing was stored there either.
      }
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
