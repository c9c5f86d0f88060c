/**
 * Drives the bot: greeting in a new conversation, replies while no operator has the conversation,
 * with a short typing indicator before each batch of messages.
 * @module
 */
import type { Action } from '../../src/core/model';
import type { BotContext, BotOutput } from '../bot-types';
import type { ConversationRow } from '../db/rows';
import { inConversation, later, type ServerContext } from './context';
import { emitMessage, emitTyping } from './emit';
import { requestHandoffLocked } from './handoff';
import { followAvailability, takeCallbackRequest } from './offline';
import { BOT, botFor } from './snapshot';

function botContext(conv: ConversationRow): BotContext {
  return { locale: conv.locale, segment: conv.segment };
}

/** Runs the bot for a conversation whose lock the caller holds; its answer is delivered later, under the lock. */
async function run(ctx: ServerContext, conv: ConversationRow, produce: () => BotOutput, greeting = false): Promise<void> {
  let out: BotOutput;
  try {
    out = produce();
  } catch (e) {
    ctx.log.error('bot failed', { conversation: conv.id, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  out = await followAvailability(ctx, conv, out, greeting);
  await ctx.store.patchConversation(conv.id, { botState: out.state, ...(out.topic ? { topic: out.topic } : {}) }, ctx.config.now());
  if (out.topic) ctx.onQueueChange();
  const deliver = async (): Promise<void> => {
    const now = await ctx.store.conversation(conv.id);
    if (!now || now.operatorId) return; // a human took over meanwhile: the bot stays silent
    for (const m of out.messages) {
      await emitMessage(ctx, conv.id, {
        from: botFor(conv.locale),
        parts: m.parts,
        ...(m.quickReplies ? { quickReplies: m.quickReplies } : {}),
      });
    }
    if (out.messages.length > 0) emitTyping(ctx, conv.id, BOT, false);
    if (out.handoff) {
      await requestHandoffLocked(ctx, conv.id, { reason: out.handoff.reason, ...(out.handoff.topic ? { topic: out.handoff.topic } : {}) });
    }
  };
  if (out.messages.length > 0) emitTyping(ctx, conv.id, BOT, true);
  later(ctx, ctx.config.botDelayMs, () => inConversation(ctx, conv.id, deliver));
}

/** Greets in a conversation that was just created. */
export function greet(ctx: ServerContext, conv: ConversationRow): Promise<void> {
  return inConversation(ctx, conv.id, () => run(ctx, conv, () => ctx.bot.start(botContext(conv)), true));
}

/** Answers a user message unless an operator has the conversation (caller holds the conversation's lock). */
export async function botReply(ctx: ServerContext, conv: ConversationRow, input: { text?: string; action?: Action }): Promise<void> {
  if (conv.operatorId) return;
  // At night "call me back on +44…" leaves a contact for the next shift, not a question for the bot.
  if (input.text && (await takeCallbackRequest(ctx, conv, input.text))) return;
  await run(ctx, conv, () => ctx.bot.reply(botContext(conv), conv.botState, input));
}

/** Fresh bot state for a reopened conversation (its greeting is not sent again). */
export function freshBotState(ctx: ServerContext, conv: ConversationRow): BotOutput['state'] {
  try {
    return ctx.bot.start(botContext(conv)).state;
  } catch {
    return {};
  }
}
