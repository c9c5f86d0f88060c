/**
 * The demo bot's content (src/transports/memory/bot-content.ts) is generated from the reference
 * server's bot content. This test fails when the two differ; to regenerate after editing
 * server/bot/content/*.json run
 *   UPDATE_MEMORY_BOT=1 npx vitest run test/transports/memory-content.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BotContent } from '../../server/bot/content-types';
import { BOT_CONTENT } from '../../src/transports/memory/bot-content';
import type { BotData } from '../../src/transports/memory/bot-data';

const LOCALES = ['en', 'ru'] as const;
/**
 * Keywords kept per topic and for "a person, please": the first ones, which the content lists
 * most telling first. Few, because the memory stage file has an 8 KB budget.
 */
const KEYWORDS = 1;
const HUMAN_KEYWORDS = 3;
const serverContent = (locale: string): BotContent =>
  JSON.parse(readFileSync(new URL(`../../server/bot/content/${locale}.json`, import.meta.url), 'utf8')) as BotContent;

/** The subset the emulator carries: greetings, topics (not sub-questions, flows or cards), fallbacks. */
function subsetOf(c: BotContent): BotData {
  const { greeting, topics } = c.segments.private;
  const { talkToPerson, backToTopics, tryAgain, menuPrompt } = c.ui;
  return {
    ui: { talkToPerson, backToTopics, tryAgain, menuPrompt },
    greeting,
    topics,
    nodes: Object.fromEntries(
      topics.map((id) => {
        const n = c.nodes[id]!;
        return [id, { title: n.title, text: n.text, keywords: (n.keywords ?? []).slice(0, KEYWORDS) }];
      }),
    ),
    human: c.intents.human.keywords.slice(0, HUMAN_KEYWORDS),
    fallback: c.fallback,
  };
}

function render(): string {
  const data = Object.fromEntries(LOCALES.map((l) => [l, subsetOf(serverContent(l))]));
  return [
    '// Generated from server/bot/content/*.json by test/transports/memory-content.test.ts: do not edit.',
    '// Regenerate: UPDATE_MEMORY_BOT=1 npx vitest run test/transports/memory-content.test.ts',
    "import type { BotData } from './bot-data';",
    '',
    '/** The demo bot content per locale (a subset of the reference server bot). @internal */',
    `export const BOT_CONTENT: Record<'en' | 'ru', BotData> = ${JSON.stringify(data, null, 2)};`,
    '',
  ].join('\n');
}

describe('memory transport: demo bot content', () => {
  it('is the subset of the reference server bot content', () => {
    if (process.env.UPDATE_MEMORY_BOT) writeFileSync(new URL('../../src/transports/memory/bot-content.ts', import.meta.url), render());
    const hint = 'server/bot/content changed: run UPDATE_MEMORY_BOT=1 npx vitest run test/transports/memory-content.test.ts';
    for (const locale of LOCALES) expect(BOT_CONTENT[locale], hint).toEqual(subsetOf(serverContent(locale)));
  });
});
