/**
 * What the operator receives with a handoff, computed once for both sides: the customer sees it
 * before a person takes over (`handoff.preview`), the console shows it first in the conversation's
 * context. Topic in words, the buttons pressed on the way, the last typed questions, the files,
 * the page and the customer's note.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { HandoffPreview } from '../../src/core/model';
import type { WireMessage } from '../../src/protocol/frames';
import type { ConversationRow } from '../db/rows';
import type { ServerContext } from './context';

type Locale = 'en' | 'ru';

/** Typed questions listed in the summary. */
const QUESTIONS = 3;
/** Buttons listed in the topic path. */
const PATH = 4;
/** Longest question or first words shown, characters. */
const CLIP = 160;
/** Messages read back to build the summary. */
const LOOKBACK = 200;

let labels: Record<Locale, Map<string, string>> | undefined;

function readLabels(locale: Locale): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const raw = JSON.parse(readFileSync(new URL(`../bot/content/${locale}.json`, import.meta.url), 'utf8')) as {
      nodes?: Record<string, { title?: unknown }>;
      flows?: Record<string, { title?: unknown }>;
    };
    for (const group of [raw.flows ?? {}, raw.nodes ?? {}]) {
      for (const [id, v] of Object.entries(group)) if (typeof v?.title === 'string') out.set(id, v.title);
    }
  } catch {
    // No content file: labels fall back to the key in words.
  }
  return out;
}

/** A topic key in words, in `locale` (the bot content's titles; else the key itself, humanised). */
export function topicLabel(topic: string, locale: Locale): string {
  labels ??= { en: readLabels('en'), ru: readLabels('ru') };
  return labels[locale].get(topic) ?? labels.en.get(topic) ?? topic.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

const clip = (text: string, max = CLIP): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
};

const typedText = (m: WireMessage): string =>
  m.action
    ? ''
    : m.parts
        .flatMap((p) => (p.kind === 'text' ? [p.text] : []))
        .join(' ')
        .trim();

/** The page the customer opened the chat on, from the hello metadata. */
export function pageOf(metadata: Record<string, string> | undefined): string | undefined {
  const page = metadata?.url ?? metadata?.pageUrl ?? metadata?.page;
  return page ? page.slice(0, 1000) : undefined;
}

/** The customer's messages of a conversation, oldest first. */
async function customerMessages(ctx: ServerContext, conv: ConversationRow): Promise<WireMessage[]> {
  const rows = await ctx.store.messagesBefore(conv.id, Number.MAX_SAFE_INTEGER, LOOKBACK);
  return rows.filter((m) => m.from.role === 'user').reverse();
}

/** First words found per conversation (they never change once written), per server. */
const firstCache = new WeakMap<ServerContext, Map<string, string>>();

/** The customer's first typed words (the console's title when no topic was chosen). */
export async function firstWords(ctx: ServerContext, conv: ConversationRow): Promise<string | undefined> {
  let cache = firstCache.get(ctx);
  if (!cache) firstCache.set(ctx, (cache = new Map()));
  const known = cache.get(conv.id);
  if (known !== undefined) return known;
  const first = (await customerMessages(ctx, conv)).map(typedText).find((t) => t.length > 0);
  if (!first) return undefined;
  if (cache.size > 10_000) cache.clear();
  cache.set(conv.id, clip(first, 60));
  return cache.get(conv.id);
}

/** What the operator receives with this conversation, with the topic in `locale` (the conversation's by default). */
export async function handoffPreview(ctx: ServerContext, conv: ConversationRow, locale: Locale = conv.locale): Promise<HandoffPreview> {
  const mine = await customerMessages(ctx, conv);
  const path: string[] = [];
  for (const m of mine) {
    const label = m.action && m.action.kind !== 'handoff' && m.action.kind !== 'url' ? clip(m.action.label, 80) : '';
    if (label && path.at(-1) !== label) path.push(label);
  }
  const questions = mine
    .map(typedText)
    .filter((t) => t.length > 0)
    .slice(-QUESTIONS)
    .map((t) => clip(t));
  const attachments = mine.flatMap((m) => m.parts.flatMap((p) => (p.kind === 'attachment' ? [{ name: p.attachment.name }] : [])));
  const session = await ctx.store.session(conv.sessionId);
  const page = pageOf(session?.metadata);
  return {
    ...(conv.topic ? { topic: conv.topic, topicLabel: topicLabel(conv.topic, locale) } : {}),
    path: path.slice(-PATH),
    questions,
    attachments,
    ...(page ? { pageUrl: page } : {}),
    ...(conv.handoffNote ? { note: conv.handoffNote } : {}),
    ...(conv.priority === 'urgent' ? { urgent: true } : {}),
  };
}
