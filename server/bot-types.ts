/**
 * The bot contract the server drives, as `server/bot/` defines it (`createBot()` implements it).
 * Re-exported here so server modules depend on the contract, not on the bot's internals.
 * @module
 */
export type { Bot, BotContext, BotMessage, BotOutput, BotPriority, BotState } from './bot/types';
