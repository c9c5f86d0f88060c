/**
 * Shape of the demo bot's content: a subset of the reference server's `BotContent`
 * (`server/bot/content-types.ts`) with the same field names, so the subset is a plain copy.
 * @module
 */

/** A topic answer. @internal */
export interface BotNode {
  title: string;
  text: string;
  keywords: string[];
}

/** One language of the demo bot. @internal */
export interface BotData {
  ui: { talkToPerson: string; backToTopics: string; tryAgain: string; menuPrompt: string };
  /** The private segment's greeting and topic menu (the business segment is left out). */
  greeting: string;
  topics: string[];
  nodes: Record<string, BotNode>;
  /** Words asking for a person (`intents.human.keywords`). */
  human: string[];
  fallback: { notUnderstood: string; offerPerson: string };
}
