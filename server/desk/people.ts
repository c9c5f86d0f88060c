/**
 * The customer's other conversations (`desk.history`) and who is online (`desk.online`).
 * @module
 */
import type { WireMessage } from '../../src/protocol/frames';
import type { OperatorPrincipal } from '../auth/principal';
import type { PresentOperator } from '../bus/bus';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { audit } from '../governance/audit';
import { firstWords, topicLabel } from '../domain/handoff-preview';
import type { DeskOnlineOperator, DeskPastConversation } from '../operator-protocol/desk';
import { visibleConversation } from './access';

/** At most this many past conversations are listed. */
export const MAX_PAST = 20;

/** The other conversations of the same customer (user key: the signed-in user, else the anonymous one), newest first. */
export async function pastConversations(
  ctx: ServerContext,
  who: OperatorPrincipal,
  conversationId: string,
): Promise<DeskPastConversation[]> {
  const conv = await visibleConversation(ctx, who, conversationId);
  const rows = (await ctx.store.conversationsOf(conv.userKey, MAX_PAST + 1)).filter((c) => c.id !== conv.id).slice(0, MAX_PAST);
  return Promise.all(
    rows.map(async (c) => {
      const title = c.topic ? topicLabel(c.topic, 'en') : await firstWords(ctx, c);
      return {
        conversationId: c.id,
        state: c.state,
        createdAt: new Date(c.createdAt).toISOString(),
        updatedAt: new Date(c.updatedAt).toISOString(),
        ...(title ? { title } : {}),
      };
    }),
  );
}

/**
 * Operators online by account (with the number of their consoles): this process's, and those the
 * other processes reported with names (`remote`, from presence on the bus); `remote` in the answer
 * counts the rest heard of by id only (a process of an older version).
 */
export function onlineOperators(
  local: readonly OperatorPrincipal[],
  totalOnline: number,
  remote: readonly PresentOperator[] = [],
): { operators: DeskOnlineOperator[]; remote: number } {
  const byId = new Map<string, DeskOnlineOperator>();
  const add = (p: OperatorPrincipal, consoles: number): void => {
    const known = byId.get(p.id);
    if (known) known.consoles += consoles;
    else byId.set(p.id, { id: p.id, name: p.name, role: p.role, consoles });
  };
  for (const p of local) add(p, 1);
  for (const p of remote) add(p, p.consoles);
  const operators = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { operators, remote: Math.max(0, totalOnline - operators.length) };
}

/**
 * The transcript (newest 200 messages, oldest first) of another conversation of the customer of
 * `conversationId`, read-only; audited as `view`.
 */
export async function pastTranscript(
  ctx: ServerContext,
  who: OperatorPrincipal,
  conversationId: string,
  pastId: string,
): Promise<WireMessage[]> {
  const conv = await visibleConversation(ctx, who, conversationId);
  const past = await ctx.store.conversation(pastId);
  if (!past || past.userKey !== conv.userKey) throw new ServiceError('not_found', 'not a conversation of this customer');
  await audit(ctx, {
    actor: who,
    action: 'view',
    conversationId: pastId,
    userKey: past.userKey,
    detail: `past conversation, from ${conversationId}`,
  });
  return (await ctx.store.messagesBefore(pastId, Number.MAX_SAFE_INTEGER, 200)).reverse();
}
