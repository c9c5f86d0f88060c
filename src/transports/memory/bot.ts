/**
 * The demo bot: a tiny interpreter over a subset of the reference server's bot content
 * (`bot-content.ts`, generated from `server/bot/content/*.json`), so the two bots say the same
 * things. It knows the topic menu, topic answers, "a person, please" and the two
 * fallbacks of the private segment; the business segment, sub-questions, cards and confirmation
 * flows are left out to keep the stage file under its size budget.
 * Buttons carry the server's postback values (`menu`, `node:<id>`).
 * @module
 */
import type { Action, Part } from '../../core/model';
import { tokenize } from '../../protocol/bot-text';
import { BOT_CONTENT } from './bot-content';
import type { BotData } from './bot-data';

/** What the bot says back; `handoff` asks the transport to start one (the user asked for a person). @internal */
export interface BotReply {
  parts: Part[];
  quickReplies?: Action[];
  handoff?: boolean;
}

/** Input positions `keyword` covers (none when it does not occur): `word*` stems, phrases, ` + `. */
function coverage(tokens: string[], keyword: string): number[] {
  const covered: number[] = [];
  for (const part of keyword.split(' + ')) {
    const words = part
      .trim()
      .split(/\s+/)
      .map((w) => ({ stem: w.endsWith('*'), text: tokenize(w)[0] ?? w }));
    let found = false;
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (words.every((w, j) => (w.stem ? tokens[i + j]!.startsWith(w.text) : tokens[i + j] === w.text))) {
        found = true;
        for (let j = 0; j < words.length; j++) covered.push(i + j);
      }
    }
    if (!found) return [];
  }
  return covered;
}

/** How many input words the keywords cover (the server's score). @internal */
export function score(tokens: string[], keywords: readonly string[]): number {
  return new Set(keywords.flatMap((k) => coverage(tokens, k))).size;
}

/** @internal */
export interface Bot {
  setLocale(locale: string): void;
  greeting(): BotReply;
  /** Answers one user message; `conv.misses` counts misunderstandings in a row. */
  answer(conv: { misses: number }, input: string, action: Action | undefined): BotReply;
}

/** @internal */
export function createBot(): Bot {
  let d: BotData = BOT_CONTENT.en;
  let n = 0;
  const act = (kind: Action['kind'], label: string, value: string): Action => ({ id: `b${++n}`, label, kind, value });
  const person = () => act('handoff', d.ui.talkToPerson, 'handoff');
  const menu = (label = d.ui.backToTopics) => act('postback', label, 'menu');
  const say = (text: string, replies: Action[] = []): BotReply => ({
    parts: [{ kind: 'text', text }],
    quickReplies: [...replies, person()],
  });
  const menuOf = (text: string) =>
    say(
      text,
      d.topics.map((id) => act('postback', d.nodes[id]!.title, `node:${id}`)),
    );
  const node = (id: string): BotReply => {
    const parts: Part[] = [{ kind: 'text', text: d.nodes[id]!.text }];
    return { parts, quickReplies: [menu(), person()] };
  };

  return {
    setLocale(locale) {
      d = /^ru\b/i.test(locale) ? BOT_CONTENT.ru : BOT_CONTENT.en;
    },
    greeting: () => menuOf(d.greeting),
    answer(conv, input, action) {
      const value = action?.kind === 'postback' ? action.value : '';
      if (value === 'menu') return menuOf(d.ui.menuPrompt);
      const picked = value.startsWith('node:') ? value.slice(5) : '';
      if (d.nodes[picked]) {
        conv.misses = 0;
        return node(picked);
      }
      const tokens = tokenize(input);
      if (!tokens.length) return menuOf(d.ui.menuPrompt);
      if (score(tokens, d.human)) return { parts: [], handoff: true };
      let best = '';
      let bestScore = 0;
      for (const id of d.topics) {
        const s = score(tokens, d.nodes[id]!.keywords);
        if (s > bestScore) [best, bestScore] = [id, s];
      }
      if (best) {
        conv.misses = 0;
        return node(best);
      }
      if (conv.misses++ === 0) return menuOf(d.fallback.notUnderstood);
      conv.misses = 0;
      return { parts: [{ kind: 'text', text: d.fallback.offerPerson }], quickReplies: [person(), menu(d.ui.tryAgain)] };
    },
  };
}
