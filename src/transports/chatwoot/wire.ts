/**
 * The Chatwoot shapes this adapter reads, trimmed to the fields it uses. Sources (public):
 * chatwoot/chatwoot `app/views/public/api/v1/models/_message.json.jbuilder`,
 * `_conversation.json.jbuilder`, `swagger/definitions/resource/public/*.yml`,
 * `app/models/message.rb#push_event_data` (the realtime form, with `echo_id`).
 * Everything is untrusted: read with the guards below, never assumed.
 * @module
 */
import { isRecord } from '../../protocol/json';

export type Json = Record<string, unknown>;

/** `message_type` values. */
export const INCOMING = 0;
export const OUTGOING = 1;
export const ACTIVITY = 2;
export const TEMPLATE = 3;

export const asRecord = (v: unknown): Json => (isRecord(v) ? v : {});
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const asNumber = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
};

/** A message's numeric id (Chatwoot ids grow with time, so they order and page). */
export const messageId = (m: Json): number | undefined => asNumber(m.id);

/** `message_type` as a number (the realtime form may carry the name instead). */
export function messageType(m: Json): number {
  const t = m.message_type;
  if (typeof t === 'number') return t;
  return { incoming: INCOMING, outgoing: OUTGOING, activity: ACTIVITY, template: TEMPLATE }[String(t)] ?? OUTGOING;
}

/** `created_at` as ISO-8601: unix seconds in the public API, sometimes an ISO string. */
export function createdAt(m: Json): string {
  const v = m.created_at;
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  return new Date().toISOString();
}

/** The contact's `source_id` (one stored jbuilder writes it twice; read defensively). */
export const sourceIdOf = (contact: Json): string | undefined =>
  asString(contact.source_id) ?? asString(asRecord(asArray(contact.contact_inboxes)[0]).source_id);
