/**
 * Plain-text summaries of messages, for announcements and accessible names.
 * @module
 */
import type { ChatMessage, Participant } from '../../core/model';
import type { I18n } from '../../i18n';

/** Display name of a participant, with a localised default per role. */
export function senderName(from: Participant, i18n: I18n): string {
  if (from.name?.trim()) return from.name.trim();
  if (from.role === 'user') return i18n.t('message.you');
  return i18n.t(from.role === 'agent' ? 'message.agent' : 'message.bot');
}

/** The readable text of a message: its text parts, else card titles, else file names. */
export function messageText(message: ChatMessage): { text: string; file: boolean } {
  const texts: string[] = [];
  const files: string[] = [];
  for (const part of message.parts) {
    if (part.kind === 'text') texts.push(part.text);
    else if (part.kind === 'card') texts.push([part.title, part.text].filter(Boolean).join('. '));
    else if (part.kind === 'attachment') files.push(part.attachment.name);
  }
  const text = texts.filter(Boolean).join(' ').trim();
  return text ? { text, file: false } : { text: files.join(', '), file: files.length > 0 };
}
