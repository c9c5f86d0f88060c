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

// Rich-text markup an announcement should not read out: `**`, `__`, backticks, and a
// `[label](url)` link, which reads as its label. Bounded quantifiers: no runaway backtracking.
const MARKUP = /\*\*|__|`|\[([^\]\n]{0,200})\]\([^)\s]{0,2048}\)/g;

/**
 * The readable text of a message: its text parts, else card titles, else file names. Each part
 * is described through the part registry's table, cut to a bounded length. Bot and operator
 * text (formatted when shown) is read without its markup.
 */
export function messageText(message: ChatMessage): { text: string; file: boolean } {
  const texts: string[] = [];
  const files: string[] = [];
  for (const part of message.parts) {
    const { text, file } = describePart(part);
    if (text) texts.push(text);
    if (file) files.push(file);
  }
  let joined = texts.join(' ');
  if (message.from.role === 'bot' || message.from.role === 'agent') joined = joined.replace(MARKUP, (_, label?: string) => label ?? '');
  const text = clipText(joined.trim());
  return text ? { text, file: false } : { text: clipText(files.join(', ')), file: files.length > 0 };
}
