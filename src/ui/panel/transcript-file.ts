/**
 * The customer's transcript file: the conversation in their language, locale and time zone
 * (through `src/protocol/transcript.ts`), saved through a Blob and an `<a download>` placed inside
 * the widget's own tree (so it works in the Shadow DOM); the object URL is revoked afterwards.
 * Rarely used, so the script-tag build ships it as a stage file of its own
 * (`support-chat.transcript.js`), fetched on the first click.
 * @module
 */
import type { ChatMessage } from '../../core/model';
import type { I18n } from '../../i18n';
import { type TranscriptInput, transcriptFileName, transcriptHtml, transcriptText } from '../../protocol/transcript';

/** The formats offered. */
export type TranscriptFormat = 'txt' | 'html';

/** A file ready to save. */
export interface TranscriptFile {
  name: string;
  type: string;
  body: string;
}

/** The reader's full locale tag for dates ("en-GB", "ru-RU") when the browser's agrees with the widget's language. */
function readerLocale(i18n: I18n): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag?.toLowerCase().split('-')[0] === i18n.lang) ?? i18n.lang;
}

/** Builds the file for `messages` (oldest first). */
export function transcriptFile(messages: readonly ChatMessage[], i18n: I18n, format: TranscriptFormat, now = new Date()): TranscriptFile {
  const input: TranscriptInput = {
    messages,
    locale: readerLocale(i18n),
    savedAt: now,
    dir: i18n.dir,
    labels: {
      title: i18n.t('ending.title'),
      you: i18n.t('message.you'),
      bot: i18n.t('message.bot'),
      operator: i18n.t('message.agent'),
      system: i18n.t('ending.system'),
      attachment: i18n.t('ending.attachment'),
      saved: i18n.t('ending.saved'),
    },
  };
  return format === 'html'
    ? { name: transcriptFileName(now, 'html'), type: 'text/html;charset=utf-8', body: transcriptHtml(input) }
    : { name: transcriptFileName(now, 'txt'), type: 'text/plain;charset=utf-8', body: transcriptText(input) };
}

/** Saves `file` through a temporary `<a download>` appended to `parent` (an element of the widget). */
export function saveFile(parent: Element, file: TranscriptFile): void {
  const doc = parent.ownerDocument;
  const view = doc.defaultView ?? globalThis;
  const url = view.URL.createObjectURL(new view.Blob([file.body], { type: file.type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.hidden = true;
  parent.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The download has taken the Blob by the next task; until then the URL must live.
    setTimeout(() => view.URL.revokeObjectURL(url), 0);
  }
}

/** Builds the transcript of `messages` in `format` and saves it (see {@link saveFile}). */
export function saveTranscript(parent: Element, messages: readonly ChatMessage[], i18n: I18n, format: TranscriptFormat): void {
  saveFile(parent, transcriptFile(messages, i18n, format));
}
