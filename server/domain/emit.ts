/**
 * Durable events: stored with the next seq, then fanned out. The store allocates the seq and
 * appends atomically; publishing right after keeps the hub's order equal to seq order per
 * conversation for the callers that hold the conversation's lock.
 * @module
 */
import type { Part, Participant, Action } from '../../src/core/model';
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { AppendedMessage } from '../db/chat-store';
import { newId } from '../ids';
import type { ServerContext } from './context';
import { publishSummary } from './conversations';

/** Stores an event and publishes it; returns its seq. */
export async function emit(ctx: ServerContext, conversationId: string, event: WireEvent): Promise<number> {
  const seq = await ctx.store.appendEvent(conversationId, event, ctx.config.now());
  ctx.hub.publish(conversationId, { t: 'event', seq, conversationId, event });
  if (event.type === 'conversation') publishSummary(ctx, conversationId);
  return seq;
}

/** What a new message needs. */
export interface NewMessage {
  from: Participant;
  parts: Part[];
  clientId?: string;
  quickReplies?: Action[];
  action?: Action;
}

/**
 * Stores a message (deduplicated by clientId) and publishes its event when it is new.
 * @returns the stored message and whether it was created now.
 */
export async function emitMessage(ctx: ServerContext, conversationId: string, m: NewMessage): Promise<AppendedMessage> {
  const now = ctx.config.now();
  const draft: Omit<WireMessage, 'seq'> = {
    id: newId('m'),
    ...(m.clientId !== undefined ? { clientId: m.clientId } : {}),
    conversationId,
    from: m.from,
    parts: m.parts,
    ...(m.quickReplies && m.quickReplies.length > 0 ? { quickReplies: m.quickReplies } : {}),
    ...(m.action ? { action: m.action } : {}),
    createdAt: new Date(now).toISOString(),
  };
  const result = await ctx.store.appendMessage(draft, now);
  if (result.created) {
    ctx.metrics.inc('sc_messages_total', { role: m.from.role });
    ctx.hub.publish(conversationId, {
      t: 'event',
      seq: result.message.seq,
      conversationId,
      event: { type: 'message', message: result.message },
    });
    publishSummary(ctx, conversationId);
  }
  return result;
}

/** Publishes an ephemeral typing signal (never stored). */
export function emitTyping(ctx: ServerContext, conversationId: string, from: Participant, on: boolean): void {
  ctx.hub.publish(conversationId, { t: 'typing', conversationId, from, on });
}
