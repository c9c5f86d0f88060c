/**
 * Public types of the scripted support bot used by the reference server.
 * @module
 */
import type { Action, Part } from '../../src/core/model';
import type { UserSegment } from '../../src/protocol/enums';

/** Who the bot is talking to, and what the server can offer them right now. */
export interface BotContext {
  locale: 'en' | 'ru';
  segment: UserSegment;
  /**
   * The customer is known to be the account holder (signed in, or passed the one-time code).
   * Card and account actions are carried out only when true; otherwise the bot explains how to
   * confirm who they are and offers a person.
   */
  verified: boolean;
  /** A person can join now (within operator hours). When false, urgent answers say so honestly. */
  operatorsOnline: boolean;
  /** 24/7 emergency line offered by urgent answers while no operator is online (e.g. `+7 800 555-35-35`). */
  emergencyPhone?: string;
}

/** JSON-serialisable per-conversation state; the server stores it and hands it back. */
export type BotState = Record<string, unknown>;

/** One bot message. */
export interface BotMessage {
  parts: Part[];
  quickReplies?: Action[];
}

/** Priority of a conversation the bot recognised as urgent (fraud, a suspicious call, a lost card). */
export type BotPriority = 'urgent';

/** What the bot answers to one input. */
export interface BotOutput {
  messages: BotMessage[];
  state: BotState;
  /**
   * Set when the bot decides the person needs a human (asked for one, or 2 misunderstandings + accepted offer).
   * `priority` is `'urgent'` when the conversation was recognised as urgent: it goes ahead in the queue.
   */
  handoff?: { reason: string; topic?: string; priority?: BotPriority };
  /** Topic key chosen so far (e.g. 'cards'), shown to the operator. */
  topic?: string;
  /**
   * `'urgent'` whenever this input was recognised as an urgent case, the person pressed the urgent
   * "person now" button, or the bot hands an urgent conversation off. The server stores it on the
   * conversation (queue order, console mark).
   */
  priority?: BotPriority;
  /**
   * What the bot made of the input, for logs, analytics and tests: `node:<id>`, `flow:<id>` (asks to
   * confirm), `flow-done:<id>`, `flow-cancelled:<id>`, `verify:<id>` (an action that needs a verified
   * customer), `urgent:<id>`, `callback`, `human`, `yes`/`no` (to an offer), `menu`, `smalltalk:<kind>`,
   * `fallback` or `fallback:offer`.
   */
  intent?: string;
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
