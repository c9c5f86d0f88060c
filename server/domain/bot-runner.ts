/**
 * Drives the bot: greeting in a new conversation, replies while no operator has the conversation,
 * with a short typing indicator before each batch of messages.
 * @module
 */
import type { Action } from '../../src/core/model';
import type { BotContext, BotOutput } from '../bot-types';
import type { ConversationRow } from '../db/rows';
import { availability, inConversation, later, type ServerContext } from './context';
import { emitMessage, emitTyping } from './emit';
import { refreshQueue, requestHandoffLocked } from './handoff';
import { followAvailability, takeCallbackRequest } from './offline';
import { BOT, botFor } from './snapshot';

/**
 * Who the bot talks to: language and segment, whether the session is verified (signed in or passed
 * the code; card and account actions need it), whether a person can join now, and the emergency line.
 */
async function botContext(ctx: ServerContext, conv: ConversationRow): Promise<BotContext> {
  const session = await ctx.store.session(conv.sessionId);
  const out: BotContext = {
    locale: conv.locale,
    segment: conv.segment,
    verified: session?.verified === true,
    operatorsOnline: availability(ctx).operatorsOnline,
  };
  if (ctx.config.emergencyPhone) out.emergencyPhone = ctx.config.emergencyPhone;
  return out;
}

/** Runs the bot for a conversation whose lock the caller holds; its answer is delivered later, under the lock. */
async function run(ctx: ServerContext, conv: ConversationRow, produce: (bot: BotContext) => BotOutput, greeting = false): Promise<void> {
  let out: BotOutput;
  try {
    out = produce(await botContext(ctx, conv));
  } catch (e) {
    ctx.log.error('bot failed', { conversation: conv.id, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  out = await followAvailability(ctx, conv, out, greeting);
  const urgent = out.priority === 'urgent' || out.handoff?.priority === 'urgent';
  const priority =
    urgent && conv.priority !== 'urgent'
      ? { priority: 'urgent' as const, priorityReason: out.handoff?.reason ?? out.topic ?? 'urgent' }
      : {};
  await ctx.store.patchConversation(
    conv.id,
    { botState: out.state, ...(out.topic ? { topic: out.topic } : {}), ...priority },
    ctx.config.now(),
  );
  // Already waiting and just recognised as urgent: ahead of the others at once.
  if ('priority' in priority && (conv.handoff === 'queued' || conv.handoff === 'offline')) await refreshQueue(ctx);
  if (out.topic || urgent) ctx.onQueueChange();
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
      await requestHandoffLocked(ctx, conv.id, {
        reason: out.handoff.reason,
        ...(out.handoff.topic ? { topic: out.handoff.topic } : {}),
        ...(urgent ? { priority: 'urgent' as const } : {}),
      });
    }
  };
  if (out.messages.length > 0) emitTyping(ctx, conv.id, BOT, true);
  later(ctx, ctx.config.botDelayMs, () => inConversation(ctx, conv.id, deliver));
}

/** Greets in a conversation that was just created. */
export function greet(ctx: ServerContext, conv: ConversationRow): Promise<void> {
  return inConversation(ctx, conv.id, () => run(ctx, conv, (bot) => ctx.bot.start(bot), true));
}

/** Answers a user message unless an operator has the conversation (caller holds the conversation's lock). */
export async function botReply(ctx: ServerContext, conv: ConversationRow, input: { text?: string; action?: Action }): Promise<void> {
  if (conv.operatorId) return;
  // At night "call me back on +44…" leaves a contact for the next shift, not a question for the bot.
  if (input.text && (await takeCallbackRequest(ctx, conv, input.text))) return;
  await run(ctx, conv, (bot) => ctx.bot.reply(bot, conv.botState, input));
}

/** Fresh bot state for a reopened conversation (its greeting is not sent again). */
export function freshBotState(ctx: ServerContext, conv: ConversationRow): BotOutput['state'] {
  try {
    // The greeting's state depends on neither verification nor availability.
    const bot: BotContext = {
      locale: conv.locale,
      segment: conv.segment,
      verified: false,
      operatorsOnline: availability(ctx).operatorsOnline,
    };
    return ctx.bot.start(bot).state;
  } catch {
    return {};
  }
}
