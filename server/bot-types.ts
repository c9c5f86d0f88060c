/**
 * The bot contract the server drives (implemented in server/bot/index.ts by `createBot()`).
 * Mirrored here so the server compiles and tests run against the interface.
 * @module
 */
import type { Action, Part } from '../src/core/model';

/** Who the bot talks to. */
export interface BotContext {
  locale: 'en' | 'ru';
  segment: 'private' | 'business';
}
/** JSON-serialisable per-conversation bot state. */
export type BotState = Record<string, unknown>;
/** One bot message. */
export interface BotMessage {
  parts: Part[];
  quickReplies?: Action[];
}
/** What the bot answers. */
export interface BotOutput {
  messages: BotMessage[];
  state: BotState;
  handoff?: { reason: string; topic?: string };
  topic?: string;
}
/** A conversational bot. */
export interface Bot {
  start(ctx: BotContext): BotOutput;
  reply(ctx: BotContext, state: BotState, input: { text?: string; action?: Action }): BotOutput;
}
