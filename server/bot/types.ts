/**
 * Public types of the scripted support bot used by the reference server.
 * @module
 */
import type { Action, Part } from '../../src/core/model';
import type { UserSegment } from '../../src/protocol/enums';

/** Who the bot is talking to. */
export interface BotContext {
  locale: 'en' | 'ru';
  segment: UserSegment;
}

/** JSON-serialisable per-conversation state; the server stores it and hands it back. */
export type BotState = Record<string, unknown>;

/** One bot message. */
export interface BotMessage {
  parts: Part[];
  quickReplies?: Action[];
}

/** What the bot answers to one input. */
export interface BotOutput {
  messages: BotMessage[];
  state: BotState;
  /** Set when the bot decides the person needs a human (asked for one, or 2 misunderstandings + accepted offer). */
  handoff?: { reason: string; topic?: string; priority?: 'urgent' };
  /** Topic key chosen so far (e.g. 'cards'), shown to the operator. */
  topic?: string;
  /**
   * Set when the bot recognised an urgent case (fraud, stolen money, a suspicious call, a lost or
   * stolen card): the server stores it on the conversation, whose handoff then waits ahead of the
   * others and is marked in the console. Only the server's bot can set it, never a client.
   */
  priority?: 'urgent';
}

/** What the person did: typed text, pressed a button, or both (`reply` buttons). */
export interface BotInput {
  text?: string;
  action?: Action;
}

/** The scripted bot. Pure: the same context, state and input always give the same output (ids aside). */
export interface Bot {
  /** Greeting and topic menu for the segment. */
  start(ctx: BotContext): BotOutput;
  /** Answers one input given the state returned by the previous call. */
  reply(ctx: BotContext, state: BotState, input: BotInput): BotOutput;
}
