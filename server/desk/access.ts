/**
 * Who may see what in the desk tools: a supervisor every conversation; an operator those waiting
 * for an operator and those they hold (the same rule as search).
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { ConversationRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';

/** True when the conversation waits for any operator. */
export function isWaiting(conv: ConversationRow): boolean {
  return conv.state !== 'closed' && !conv.operatorId && (conv.handoff === 'queued' || conv.handoff === 'offline');
}

/** True when `who` may see the conversation in the desk tools. */
export function maySee(who: OperatorPrincipal, conv: ConversationRow): boolean {
  return who.role === 'supervisor' || conv.operatorId === who.id || isWaiting(conv);
}

/** The conversation, when `who` may see it; else `not_found` / `forbidden`. */
export async function visibleConversation(ctx: ServerContext, who: OperatorPrincipal, conversationId: string): Promise<ConversationRow> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  if (!maySee(who, conv)) throw new ServiceError('forbidden', 'this conversation is not yours');
  return conv;
}

/** Throws `forbidden` unless `who` is a supervisor. */
export function requireSupervisor(who: OperatorPrincipal): void {
  if (who.role !== 'supervisor') throw new ServiceError('forbidden', 'only a supervisor may do this');
}
