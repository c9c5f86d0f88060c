/**
 * Transfer of a conversation to another online operator, or back to the queue (`desk.transfer`).
 * The holder (or a supervisor) hands it over; the change of operator is one compare-and-set in the
 * store (so two transfers, or a transfer and a close, cannot both win), under the conversation's
 * lock. The customer sees the usual system lines ("Anna left the chat", "Boris joined the chat");
 * the target finds it under "In progress" with the next queue push. The target may be signed in on
 * another server process (known from presence on the bus): the store is shared, and the queue
 * change goes over the bus, so that process pushes the queue to the target's consoles. Audited as
 * `transfer`.
 * @module
 */
import type { Participant } from '../../src/core/model';
import type { OperatorPrincipal } from '../auth/principal';
import type { TransferTarget } from '../db/desk-store';
import { inConversation, type ServerContext } from '../domain/context';
import { emit } from '../domain/emit';
import { ServiceError } from '../domain/errors';
import { refreshQueue } from '../domain/handoff';
import { emitNote } from '../domain/queue-actions';
import { operatorParticipant } from '../domain/snapshot';
import { audit } from '../governance/audit';

/** Where to: an operator id, or `null` for the queue. Online operators as the registry knows them. */
export interface TransferRequest {
  conversationId: string;
  to: string | null;
  /** The operators on this process. */
  online: readonly OperatorPrincipal[];
  /** The operators other processes reported over the bus. */
  elsewhere?: readonly OperatorPrincipal[];
}

async function targetOf(ctx: ServerContext, req: TransferRequest, holder: string): Promise<TransferTarget> {
  if (req.to === null) return null;
  if (req.to === holder) throw new ServiceError('invalid', 'the conversation is already with that operator');
  const here = req.online.find((o) => o.id === req.to);
  if (here) return { id: here.id, name: here.name, avatarUrl: here.avatarUrl ?? null };
  const there = req.elsewhere?.find((o) => o.id === req.to);
  if (!there) throw new ServiceError('invalid', 'that operator is not online');
  // Heard over the bus: the shared accounts table has the last word (a disabled account takes nothing).
  const account = await ctx.store.accounts.accountById(there.id);
  if (account?.disabled) throw new ServiceError('invalid', 'that operator is not online');
  if (account) return { id: account.id, name: account.displayName, avatarUrl: account.avatarUrl };
  return { id: there.id, name: there.name, avatarUrl: there.avatarUrl ?? null };
}

/** Hands the conversation over; returns the new holder (null: the queue). */
export function transferConversation(ctx: ServerContext, who: OperatorPrincipal, req: TransferRequest): Promise<TransferTarget> {
  return inConversation(ctx, req.conversationId, async () => {
    const conv = await ctx.store.conversation(req.conversationId);
    if (!conv) throw new ServiceError('not_found', 'unknown conversation');
    const from = operatorParticipant(conv);
    if (conv.state === 'closed' || !conv.operatorId || !from)
      throw new ServiceError('invalid', 'only a conversation in progress can be transferred');
    if (conv.operatorId !== who.id && who.role !== 'supervisor') throw new ServiceError('forbidden', 'accept the conversation first');
    const target = await targetOf(ctx, req, conv.operatorId);
    const now = ctx.config.now();
    if (!(await ctx.store.desk.transfer(conv.id, conv.operatorId, target, now)))
      throw new ServiceError('invalid', 'the conversation changed meanwhile; try again');
    await emit(ctx, conv.id, { type: 'participant', action: 'left', participant: from });
    await emitNote(ctx, conv, { kind: 'left', ...(from.name ? { name: from.name } : {}) });
    if (target) {
      const joined: Participant = {
        id: target.id,
        role: 'agent',
        name: target.name,
        ...(target.avatarUrl ? { avatarUrl: target.avatarUrl } : {}),
      };
      await emit(ctx, conv.id, { type: 'participant', action: 'joined', participant: joined });
      await emitNote(ctx, conv, { kind: 'joined', name: target.name });
    } else {
      await emit(ctx, conv.id, { type: 'handoff', state: 'queued', reason: 'transferred' });
      await refreshQueue(ctx);
    }
    ctx.log.info('conversation transferred', { conversation: conv.id, from: conv.operatorId, to: target?.id ?? 'queue' });
    await audit(ctx, {
      actor: who,
      action: 'transfer',
      conversationId: conv.id,
      userKey: conv.userKey,
      detail: `from ${conv.operatorId} to ${target?.id ?? 'queue'}`,
    });
    ctx.onQueueChange();
    return target;
  });
}
