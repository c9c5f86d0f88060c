/**
 * What a stored chat document may contain: the allow-list of fields (thin over the protocol's
 * validators), the schema version and its migrations, and the history tail that is kept. Pure:
 * no storage access (see `persistence-slots.ts` for that).
 * @module
 */
import { localRefs, UPLOAD_INTERRUPTED } from './attachments';
import { anyOf, boolean, check, lenient, number, object, record, string } from '../protocol/check';
import { isRecord, parseJson as parseProtocolJson } from '../protocol/json';
import { storedMessage } from '../protocol/messages';
import type { ChatMessage, Part } from './model';
import type { SessionSnapshot } from './transport';

/** Current schema version. Bump it and add a migration to `MIGRATIONS` when the shape changes. */
export const SCHEMA_VERSION = 1;
/** How many messages of history are kept locally by default; older ones are fetched from the server. */
export const HISTORY_LIMIT = 1000;

/** A stored document, as read back. */
export type Json = Record<string, unknown>;
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

/** The allowed fields of a stored session snapshot; null when it is not one. */
export function pickSession(v: unknown): SessionSnapshot | null {
  const r = check(sessionChecker, v);
  return r.ok ? r.value : null;
}

/** Upgrades stored documents of older versions; unknown versions are dropped. */
const MIGRATIONS: Record<number, (doc: Json) => Json> = {
  // v0 (pre-release) kept `history` instead of `messages`.
  0: (doc) => ({ ...doc, v: 1, messages: Array.isArray(doc.history) ? doc.history : [] }),
};

/** The document at {@link SCHEMA_VERSION}; null when its version is unknown. */
export function migrate(doc: Json): Json | null {
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

const isUnsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed';

/**
 * Keeps the newest `limit` server messages plus every unsent own message, in order. Walks from
 * the newest end; older than the cut, only the status of each message is looked at.
 */
export function trimForStorage(messages: readonly ChatMessage[], limit = HISTORY_LIMIT): ChatMessage[] {
  let kept = 0;
  let cut = messages.length;
  while (cut > 0 && (kept < limit || isUnsent(messages[cut - 1]!))) {
    if (!isUnsent(messages[--cut]!)) kept++;
  }
  if (cut === 0) return messages.slice();
  const out: ChatMessage[] = [];
  for (let i = 0; i < cut; i++) if (isUnsent(messages[i]!)) out.push(messages[i]!);
  for (let i = cut; i < messages.length; i++) out.push(messages[i]!);
  return out;
}

const looksUnsent = (v: unknown) => isObj(v) && (v.status === 'queued' || v.status === 'sending' || v.status === 'failed');

/**
 * The valid messages of a stored `messages` document, each once (by clientId or id). With a
 * `limit`, only the newest `limit` entries and the unsent ones before them are validated at all:
 * a store far over the budget costs the budget to load, not its length.
 */
export function pickStored(doc: Json | null, limit = Number.POSITIVE_INFINITY): ChatMessage[] {
  const raw = doc && Array.isArray(doc.messages) ? doc.messages : [];
  let cut = raw.length;
  for (let kept = 0; cut > 0 && kept < limit; cut--) if (!looksUnsent(raw[cut - 1])) kept++;
  const messages: ChatMessage[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    if (i < cut && !looksUnsent(item)) continue;
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
