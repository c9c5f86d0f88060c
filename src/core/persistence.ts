/**
 * What the chat keeps across reloads and closed tabs: the session, the history tail and the
 * outbox. Framework-free: it writes through a {@link KeyValueStore} the embed layer provides
 * (IndexedDB, localStorage or memory). Only an allow-list of fields is stored, the schema is
 * versioned, and anything corrupt, foreign or too old is dropped without throwing.
 * @module
 */
import { localRefs, UPLOAD_INTERRUPTED } from './attachments';
import type { Action, AttachmentRef, ChatMessage, MessageStatus, Part, Participant } from './model';
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

const STATUSES: ReadonlySet<string> = new Set(['queued', 'sending', 'sent', 'delivered', 'read', 'failed']);
const ROLES: ReadonlySet<string> = new Set(['user', 'bot', 'agent', 'system']);
const ACTION_KINDS: ReadonlySet<string> = new Set(['reply', 'postback', 'url', 'handoff']);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 100_000): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

/** Safe JSON parse: drops prototype-polluting keys. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) =>
    key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value,
  );
}

function pickParticipant(v: unknown): Participant | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id, 200);
  const role = str(v.role, 10);
  if (id === undefined || role === undefined || !ROLES.has(role)) return undefined;
  const name = str(v.name, 200);
  const avatarUrl = str(v.avatarUrl, 2000);
  return { id, role: role as Participant['role'], ...(name !== undefined ? { name } : {}), ...(avatarUrl !== undefined ? { avatarUrl } : {}) };
}

function pickAction(v: unknown): Action | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id, 200);
  const label = str(v.label, 500);
  const kind = str(v.kind, 20);
  const value = str(v.value, 4000);
  if (id === undefined || label === undefined || value === undefined || kind === undefined || !ACTION_KINDS.has(kind)) return undefined;
  return { id, label, kind: kind as Action['kind'], value };
}

function pickActions(v: unknown): Action[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map(pickAction).filter((a): a is Action => a !== undefined);
}

function pickAttachment(v: unknown): AttachmentRef | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id, 200);
  const name = str(v.name, 1000);
  const mimeType = str(v.mimeType, 200);
  if (id === undefined || name === undefined || mimeType === undefined || typeof v.size !== 'number') return undefined;
  const url = str(v.url, 4000);
  const thumbnailUrl = str(v.thumbnailUrl, 4000);
  // blob: URLs die with the page that made them.
  const keep = (u: string | undefined) => (u !== undefined && !u.startsWith('blob:') ? u : undefined);
  const u = keep(url);
  const t = keep(thumbnailUrl);
  return { id, name, mimeType, size: v.size, ...(u ? { url: u } : {}), ...(t ? { thumbnailUrl: t } : {}) };
}

function pickPart(v: unknown): Part | undefined {
  if (!isObj(v)) return undefined;
  if (v.kind === 'text') {
    const text = str(v.text);
    return text === undefined ? undefined : { kind: 'text', text };
  }
  if (v.kind === 'attachment') {
    const attachment = pickAttachment(v.attachment);
    return attachment ? { kind: 'attachment', attachment } : undefined;
  }
  if (v.kind === 'card') {
    const card: Part = { kind: 'card' };
    for (const k of ['title', 'subtitle', 'text', 'imageUrl'] as const) {
      const s = str(v[k], 4000);
      if (s !== undefined) card[k] = s;
    }
    const actions = pickActions(v.actions);
    if (actions) card.actions = actions;
    return card;
  }
  return undefined;
}

/** Copies only the allowed fields of a message; undefined when it is not a valid message. */
export function pickMessage(v: unknown): ChatMessage | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id, 200);
  const from = pickParticipant(v.from);
  const createdAt = str(v.createdAt, 40);
  const status = str(v.status, 12);
  if (id === undefined || !from || createdAt === undefined || status === undefined || !STATUSES.has(status)) return undefined;
  if (!Array.isArray(v.parts)) return undefined;
  const parts = v.parts.map(pickPart).filter((p): p is Part => p !== undefined);
  const m: ChatMessage = { id, from, parts, createdAt, status: status as MessageStatus };
  const clientId = str(v.clientId, 200);
  if (clientId !== undefined) m.clientId = clientId;
  const conversationId = str(v.conversationId, 200);
  if (conversationId !== undefined) m.conversationId = conversationId;
  if (typeof v.seq === 'number' && Number.isFinite(v.seq)) m.seq = v.seq;
  const quickReplies = pickActions(v.quickReplies);
  if (quickReplies?.length) m.quickReplies = quickReplies;
  const action = pickAction(v.action);
  if (action) m.action = action;
  if (status === 'failed' && isObj(v.error)) {
    const message = str(v.error.message, 2000) ?? 'failed';
    const code = str(v.error.code, 40) ?? 'network';
    m.error = { code: code as NonNullable<ChatMessage['error']>['code'], message, retryable: v.error.retryable === true };
  }
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

function pickSession(v: unknown): SessionSnapshot | null {
  if (!isObj(v)) return null;
  const s: SessionSnapshot = {};
  const token = str(v.sessionToken, 500);
  const conversationId = str(v.conversationId, 200);
  const cursor = str(v.cursor, 100);
  if (token !== undefined) s.sessionToken = token;
  if (conversationId !== undefined) s.conversationId = conversationId;
  if (cursor !== undefined) s.cursor = cursor;
  if (isObj(v.adapter)) {
    const adapter: Record<string, string | number | boolean> = {};
    for (const [k, val] of Object.entries(v.adapter)) {
      if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean') adapter[k] = val;
    }
    s.adapter = adapter;
  }
  return s;
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
