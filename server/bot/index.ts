/**
 * The reference server's scripted bank support bot (no external AI).
 * Content lives in `content/*.json`; the engine is generic over it.
 * @module
 */
import { compileContent } from './compile';
import type { BotContent } from './content-types';
import { createEngine, type ContentByLocale } from './engine';
import { loadBundledContent } from './load';
import type { Bot } from './types';
import { validateContent } from './validate';

export type { Bot, BotContext, BotInput, BotMessage, BotOutput, BotPriority, BotState } from './types';
export type { BotContent } from './content-types';
export { ContentError, validateContent } from './validate';
export { HANDOFF_REASONS } from './turn';

/** Options of `createBot`, mostly for tests and custom deployments. */
export interface CreateBotOptions {
  /**
   * Content to use instead of the bundled files, per locale (validated here).
   * `en` is required because it is the fallback for unknown locales.
   */
  content?: { en: unknown } & Partial<Record<'ru', unknown>>;
}

/** Creates the bot. Without options it uses the bundled `content/en.json` and `content/ru.json`. */
export function createBot(options: CreateBotOptions = {}): Bot {
  if (!options.content) return createEngine(loadBundledContent());
  const contents: ContentByLocale = { en: compileContent(validateContent(options.content.en, 'content.en')) };
  if (options.content.ru !== undefined) {
    contents.ru = compileContent(validateContent(options.content.ru, 'content.ru') as BotContent);
  }
  return createEngine(contents);
}
