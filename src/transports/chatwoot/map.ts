/**
 * Chatwoot messages → the SDK's messages: `message_type` and `sender.type` give the role (a
 * contact's own, an agent, an agent bot, an activity line), `echo_id` gives back our clientId,
 * `input_select` items become quick replies, `cards` become cards, attachments keep their URLs.
 * The message id is also the `seq`: ids grow with time within a conversation (with gaps).
 * @module
 */
import type { Action, AttachmentRef, Participant, Part } from '../../core/model';
import type { IncomingMessage } from '../../core/transport';
import { ACTIVITY, asArray, asNumber, asRecord, asString, createdAt, INCOMING, type Json, messageId, messageType } from './wire';

/** Quick-reply action ids: `cw:<message id>:<index>`, so `send` knows which message it answers. */
export const ACTION_PREFIX = 'cw:';

export function participantOf(m: Json): Participant {
  const type = messageType(m);
  const sender = asRecord(m.sender);
  const name = asString(sender.name) ?? asString(sender.available_name);
  const id = asNumber(sender.id);
  const withName = (p: Participant): Participant => (name ? { ...p, name } : p);
  if (type === INCOMING) return withName({ id: id !== undefined ? `contact:${id}` : 'contact', role: 'user' });
  if (type === ACTIVITY) return { id: 'chatwoot', role: 'system' };
  const senderType = String(sender.type ?? '').toLowerCase();
  if (senderType === 'user' || senderType === 'agent')
    return withName({ id: id !== undefined ? `agent:${id}` : 'agent', role: 'agent', ...avatar(sender) });
  return withName({ id: id !== undefined ? `bot:${id}` : 'bot', role: 'bot', ...avatar(sender) });
}

function avatar(sender: Json): { avatarUrl?: string } {
  const url = asString(sender.thumbnail) ?? asString(sender.avatar_url);
  return url && /^https?:/i.test(url) ? { avatarUrl: url } : {};
}

const MIME_BY_FILE_TYPE: Record<string, string> = {
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
};

function attachmentOf(a: Json): AttachmentRef | null {
  const url = asString(a.data_url);
  const id = asNumber(a.id);
  if (!url || id === undefined) return null;
  let name = 'file';
  try {
    name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'file');
  } catch {}
  const thumb = asString(a.thumb_url);
  return {
    id: `cw-att:${id}`,
    name,
    mimeType: asString(a.content_type) ?? MIME_BY_FILE_TYPE[String(a.file_type)] ?? 'application/octet-stream',
    size: asNumber(a.file_size) ?? 0,
    url,
    ...(thumb ? { thumbnailUrl: thumb } : {}),
  };
}

function cardsOf(attrs: Json): Part[] {
  return asArray(attrs.items).map((raw) => {
    const item = asRecord(raw);
    const actions: Action[] = asArray(item.actions).flatMap((rawAction, i): Action[] => {
      const a = asRecord(rawAction);
      const label = asString(a.text);
      if (!label) return [];
      const uri = asString(a.uri);
      if (a.type === 'link' && uri) return [{ id: `card:${i}`, label, kind: 'url' as const, value: uri }];
      return [{ id: `card:${i}`, label, kind: 'reply' as const, value: asString(a.payload) ?? label }];
    });
    const title = asString(item.title);
    const text = asString(item.description);
    const imageUrl = asString(item.media_url);
    return {
      kind: 'card' as const,
      ...(title ? { title } : {}),
      ...(text ? { text } : {}),
      ...(imageUrl ? { imageUrl } : {}),
      ...(actions.length ? { actions } : {}),
    };
  });
}

/** `input_select` items as quick replies answering message `id`. */
function quickRepliesOf(id: number, attrs: Json): Action[] {
  return asArray(attrs.items).flatMap((raw, i) => {
    const item = asRecord(raw);
    const label = asString(item.title);
    if (!label) return [];
    return [{ id: `${ACTION_PREFIX}${id}:${i}`, label, kind: 'postback' as const, value: asString(item.value) ?? label }];
  });
}

/** The SDK form of a Chatwoot message, or null for one we do not show (private notes, no id). */
export function toIncoming(m: Json, conversationId: string): IncomingMessage | null {
  const id = messageId(m);
  if (id === undefined || m.private === true) return null;
  const parts: Part[] = [];
  const content = asString(m.content);
  if (content) parts.push({ kind: 'text', text: content });
  for (const raw of asArray(m.attachments)) {
    const a = attachmentOf(asRecord(raw));
    if (a) parts.push({ kind: 'attachment', attachment: a });
  }
  const attrs = asRecord(m.content_attributes);
  if (m.content_type === 'cards') parts.push(...cardsOf(attrs));
  const quickReplies = m.content_type === 'input_select' && !attrs.submitted_values ? quickRepliesOf(id, attrs) : [];
  const echo = asString(m.echo_id);
  if (parts.length === 0 && quickReplies.length === 0) return null;
  return {
    id: String(id),
    ...(echo && messageType(m) === INCOMING ? { clientId: echo } : {}),
    conversationId,
    seq: id,
    from: participantOf(m),
    parts,
    ...(quickReplies.length ? { quickReplies } : {}),
    createdAt: createdAt(m),
  };
}
