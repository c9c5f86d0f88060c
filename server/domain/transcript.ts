/**
 * The operator's export of a conversation: the whole history as plain text or a self-contained
 * HTML page, written by the same serializer as the customer's download
 * (`src/protocol/transcript.ts`), in the conversation's language (or the one asked for) and the
 * operator's time zone, with the rating at the end.
 * @module
 */
import type { ChatMessage } from '../../src/core/model';
import { type TranscriptLabels, transcriptFileName, transcriptHtml, transcriptText } from '../../src/protocol/transcript';
import type { ServerContext } from './context';
import { ServiceError } from './errors';

/** The formats of an export. */
export type TranscriptFormat = 'txt' | 'html';

/** What {@link exportTranscript} is asked for. */
export interface ExportOptions {
  format: TranscriptFormat;
  /** BCP 47 tag for dates and words. @default the conversation's locale */
  locale?: string;
  /** IANA zone for dates. @default the server's operator time zone */
  timeZone?: string;
}

/** A file to send. */
export interface TranscriptExport {
  fileName: string;
  contentType: string;
  body: string;
}

interface Words extends TranscriptLabels {
  conversation: string;
  rating: (score: number) => string;
}

const WORDS: Record<'en' | 'ru', Words> = {
  en: {
    title: 'Conversation transcript',
    you: 'Customer',
    bot: 'Assistant',
    operator: 'Operator',
    system: 'Notice',
    attachment: 'Attachment',
    saved: 'Saved',
    conversation: 'Conversation',
    rating: (score) => `Rating: ${score} out of 5`,
  },
  ru: {
    title: 'Расшифровка диалога',
    you: 'Клиент',
    bot: 'Помощник',
    operator: 'Оператор',
    system: 'Уведомление',
    attachment: 'Вложение',
    saved: 'Сохранено',
    conversation: 'Диалог',
    rating: (score) => `Оценка: ${score} из 5`,
  },
};

/** At most this many messages go into one export. */
const MAX_MESSAGES = 10_000;
const PAGE = 500;

/** Every message of a conversation, oldest first. */
async function allMessages(ctx: ServerContext, conversationId: string): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  let before = Number.MAX_SAFE_INTEGER;
  while (out.length < MAX_MESSAGES) {
    const page = await ctx.store.messagesBefore(conversationId, before, PAGE);
    if (page.length === 0) break;
    for (const m of page) out.push({ ...m, status: 'sent' });
    const oldest = Math.min(...page.map((m) => m.seq));
    if (oldest >= before || page.length < PAGE) break;
    before = oldest;
  }
  return out.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** Builds the export of one conversation. */
export async function exportTranscript(ctx: ServerContext, conversationId: string, o: ExportOptions): Promise<TranscriptExport> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  const locale = o.locale ?? conv.locale;
  const words = WORDS[locale.toLowerCase().startsWith('ru') ? 'ru' : 'en'];
  const rating = await ctx.store.lastRating(conv.id);
  const footer = [`${words.conversation}: ${conv.id}`];
  if (rating) footer.push(`${words.rating(rating.score)}${rating.comment ? ` — ${rating.comment}` : ''}`);
  const savedAt = new Date(ctx.config.now());
  const input = {
    messages: await allMessages(ctx, conv.id),
    labels: words,
    locale,
    timeZone: o.timeZone ?? ctx.config.timeZone,
    savedAt,
    footer,
  };
  return o.format === 'html'
    ? { fileName: transcriptFileName(savedAt, 'html'), contentType: 'text/html; charset=utf-8', body: transcriptHtml(input) }
    : { fileName: transcriptFileName(savedAt, 'txt'), contentType: 'text/plain; charset=utf-8', body: transcriptText(input) };
}
