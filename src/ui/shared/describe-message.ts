/**
 * Plain-text summaries of messages, for announcements and accessible names.
 * @module
 */
import type { ChatMessage, Participant } from '../../core/model';
import type { I18n } from '../../i18n';
import { clipText, describePart } from '../parts/describe';

/** Display name of a participant, with a localised default per role. */
export function senderName(from: Participant, i18n: I18n): string {
  if (from.name?.trim()) return from.name.trim();
  if (from.role === 'user') return i18n.t('message.you');
  return i18n.t(from.role === 'agent' ? 'message.agent' : 'message.bot');
}

/**
 * The readable text of a message: its text parts, else card titles, else file names. Each part
 * is described through the part registry's table, cut to a bounded length.
 */
export function messageText(message: ChatMessage): { text: string; file: boolean } {
  const texts: string[] = [];
  const files: string[] = [];
  for (const part of message.parts) {
    const { text, file } = describePart(part);
    if (text) texts.push(text);
    if (file) files.push(file);
  }
  const text = clipText(texts.join(' ').trim());
  return text ? { text, file: false } : { text: clipText(files.join(', ')), file: files.length > 0 };
}
