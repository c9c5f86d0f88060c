/**
 * The demo bot's script: a pure function from what the user sent to what the bot answers.
 * Topic buttons are postbacks whose `value` is an {@link Intent}; typed text is matched by keyword
 * (English and Russian alike, whatever the locale).
 * @module
 */
import type { Action, Part } from '../../core/model';
import type { ChatUser } from '../../core/transport';
import { en, ru, type BotText, type Intent } from './text';

/** What the bot says back. @internal */
export interface BotReply {
  parts: Part[];
  quickReplies?: Action[];
}

const TOPICS = ['cards', 'payments', 'app', 'security'] as const;

// First match wins: "block my card" is a block, not a question about cards.
const KEYWORDS: [Intent, RegExp][] = [
  ['block', /block|freeze|блок|замороз/i],
  ['person', /human|person|operator|agent|человек|оператор/i],
  ['cards', /card|карт/i],
  ['payments', /pay|transfer|плат[её]ж|перевод/i],
  ['app', /log ?in|sign in|password|\bapp\b|вход|войти|парол|приложен/i],
  ['security', /fraud|secur|scam|мошен|безопас/i],
  ['thanks', /thank|спасиб/i],
  ['hello', /^(hi|hello|hey|привет|здравствуй|добрый)\b/i],
];

const INTENTS = new Set<string>(KEYWORDS.map(([intent]) => intent));

const text = (value: string): Part => ({ kind: 'text', text: value });

/** The "Talk to a person" button. @internal */
export const personAction = (t: BotText): Action => ({ id: 'person', label: t.person, kind: 'handoff', value: 'handoff' });

const moreAction = (t: BotText): Action => ({ id: 'more', label: t.more, kind: 'postback', value: 'hello' });

const topicActions = (t: BotText): Action[] => [
  ...TOPICS.map((value, i): Action => ({ id: value, label: t.topics[i]!, kind: 'postback', value })),
  personAction(t),
];

/** Which intent a message carries: the button's value first, else a keyword. @internal */
export function intentOf(input: string, action?: Action): Intent | undefined {
  if (action && action.kind !== 'url' && INTENTS.has(action.value)) return action.value as Intent;
  return KEYWORDS.find(([, pattern]) => pattern.test(input))?.[0];
}

/** The first message of a conversation. @internal */
export function greeting(t: BotText, user: ChatUser): BotReply {
  const hi = t.hi
    .replace('{name}', user.name ? `, ${user.name}` : '')
    .replace('{biz}', user.segment === 'business' ? t.biz : '');
  return { parts: [text(hi)], quickReplies: topicActions(t) };
}

/**
 * Answers one user message. `misses` counts misunderstandings in a row: the first one shows the
 * topics again, the second offers a person (and starts counting afresh).
 * @internal
 */
export function answer(t: BotText, input: string, action: Action | undefined, misses: number): { reply: BotReply; misses: number } {
  const intent = input ? intentOf(input, action) : 'file';
  if (!intent) {
    return misses === 0
      ? { reply: { parts: [text(t.sorry[0])], quickReplies: topicActions(t) }, misses: 1 }
      : { reply: { parts: [text(t.sorry[1])], quickReplies: [personAction(t), moreAction(t)] }, misses: 0 };
  }
  const reply: BotReply = { parts: [text(t.answers[intent])] };
  if (intent === 'cards') {
    const [title, subtitle, block, help] = t.card;
    reply.parts.push({
      kind: 'card',
      title,
      subtitle,
      actions: [
        { id: 'block', label: block, kind: 'postback', value: 'block' },
        { id: 'help', label: help, kind: 'url', value: 'https://example.com/help/cards' },
      ],
    });
  } else if (intent === 'hello') {
    reply.quickReplies = topicActions(t);
  } else if (intent === 'person') {
    reply.quickReplies = [personAction(t)];
  } else if (intent !== 'thanks' && intent !== 'file') {
    reply.quickReplies = [personAction(t), moreAction(t)];
  }
  return { reply, misses: 0 };
}

/** The demo bot as the transport uses it: language, greeting, answers. @internal */
export interface Bot {
  name(): string;
  text(): BotText;
  setLocale(locale: string): void;
  greeting(user: ChatUser): BotReply;
  answer(conv: { misses: number }, input: string, action: Action | undefined, user: ChatUser): BotReply;
}

/** @internal */
export function createBot(): Bot {
  let t: BotText = en;
  return {
    name: () => t.bot,
    text: () => t,
    setLocale(locale) {
      t = /^ru\b/i.test(locale) ? ru : en;
    },
    greeting: (user) => greeting(t, user),
    answer(conv, input, action) {
      const r = answer(t, input, action, conv.misses);
      conv.misses = r.misses;
      return r.reply;
    },
  };
}
