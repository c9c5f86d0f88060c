/**
 * Rasa bot utterances → messages and outcomes. Shapes (both channels): `text` (REST already
 * split on blank lines), `buttons` (REST) or `quick_replies` (Socket.IO) of `{ title, payload }`,
 * `image` (REST) or `attachment: { type: 'image' | 'video', payload: { src } }`, a generic
 * template as cards, and `custom` (REST) or any other dict (Socket.IO's `send_custom_json`) read by
 * the custom rule. Sources: RasaHQ/rasa `rasa/core/channels/channel.py` (CollectingOutputChannel),
 * `rest.py`, `socketio.py` (SocketIOOutput); backend-protocols.md §2.
 * @module
 */
import type { Action, Part } from '../../core/model';
import type { IncomingMessage } from '../../core/transport';
import { isRecord } from '../../protocol/json';
import type { RasaCustomOutcome, RasaCustomRule } from './options';

type Json = Record<string, unknown>;
export type BotItem = { message: IncomingMessage } | { outcome: RasaCustomOutcome };

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const KNOWN = ['text', 'buttons', 'quick_replies', 'image', 'attachment', 'custom', 'recipient_id', 'metadata', 'elements'];

function actionsOf(list: unknown, idBase: string): Action[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw, i): Action[] => {
    if (!isRecord(raw)) return [];
    const label = str(raw.title);
    if (!label) return [];
    const url = str(raw.url);
    if ((raw.type === 'web_url' || raw.content_type === 'web_url') && url)
      return [{ id: `${idBase}:${i}`, label, kind: 'url', value: url }];
    return [{ id: `${idBase}:${i}`, label, kind: 'postback', value: str(raw.payload) ?? label }];
  });
}

const fileName = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'image');
  } catch {
    return 'image';
  }
};
const media = (id: string, url: string, kind: 'image' | 'video'): Part => ({
  kind: 'attachment',
  attachment: { id, name: fileName(url), mimeType: `${kind}/*`, size: 0, url },
});

function cardsOf(payload: Json, idBase: string): Part[] {
  const elements = Array.isArray(payload.elements) ? payload.elements : [];
  return elements.filter(isRecord).map((e, i) => {
    const title = str(e.title);
    const subtitle = str(e.subtitle);
    const imageUrl = str(e.image_url);
    const actions = actionsOf(e.buttons, `${idBase}:card${i}`);
    return {
      kind: 'card' as const,
      ...(title ? { title } : {}),
      ...(subtitle ? { subtitle } : {}),
      ...(imageUrl ? { imageUrl } : {}),
      ...(actions.length ? { actions } : {}),
    };
  });
}

function attachmentParts(a: unknown, id: string): Part[] {
  if (typeof a === 'string') return [media(id, a, 'image')];
  if (!isRecord(a)) return [];
  const payload = isRecord(a.payload) ? a.payload : {};
  const src = str(payload.src) ?? str(payload.url);
  if ((a.type === 'image' || a.type === 'video') && src) return [media(id, src, a.type)];
  if (a.type === 'template' && payload.template_type === 'generic') return cardsOf(payload, id);
  return [];
}

/** One utterance → its message (if it shows anything) and its outcome (if the rule reads one). */
export function fromBot(raw: unknown, id: string, conversationId: string, rule: RasaCustomRule): BotItem[] {
  if (!isRecord(raw)) return [];
  const items: BotItem[] = [];
  const parts: Part[] = [];
  const text = str(raw.text);
  if (text) parts.push({ kind: 'text', text });
  const image = str(raw.image);
  if (image) parts.push(media(`${id}:img`, image, 'image'));
  if (raw.attachment !== undefined) parts.push(...attachmentParts(raw.attachment, `${id}:att`));
  // REST names the payload `custom`; Socket.IO's send_custom_json emits the dict itself.
  const custom = raw.custom ?? (Object.keys(raw).some((k) => !KNOWN.includes(k)) && parts.length === 0 ? raw : undefined);
  if (custom !== undefined) {
    const outcome = rule(custom);
    if (outcome) items.push({ outcome });
    else parts.push({ kind: 'custom', type: (isRecord(custom) && str(custom.type)?.slice(0, 100)) || 'rasa.custom', data: custom });
  }
  const quickReplies = actionsOf(raw.buttons ?? raw.quick_replies, `${id}:qr`);
  if (parts.length === 0 && quickReplies.length > 0) parts.push({ kind: 'text', text: '' });
  if (parts.length > 0) {
    const message: IncomingMessage = {
      id,
      conversationId,
      from: { id: 'rasa', role: 'bot' },
      parts,
      ...(quickReplies.length ? { quickReplies } : {}),
      createdAt: new Date().toISOString(),
    };
    items.unshift({ message });
  }
  return items;
}
