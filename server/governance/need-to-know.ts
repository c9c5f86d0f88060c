/**
 * Need-to-know (issue 10 item 2): what an operator may see of a conversation. Pure decisions of a
 * principal and a conversation; the callers (operator.ts, live-feed.ts, the queue broadcast, the
 * transcript export) fetch the facts and act on the answer.
 *
 * - A `supervisor` sees everything.
 * - An `operator` sees the queue (waiting and verifying conversations, as summaries), and the
 *   conversations they hold; a waiting one may be *previewed* (the transcript before accepting,
 *   audited). A conversation another operator holds, or one with no human at all (the bot's), is
 *   not theirs. One they held before (closed since, or handed back) stays readable to them.
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { ConversationRow } from '../db/rows';
import type { QueueSnapshot } from '../operator-protocol';

/** The facts a decision needs. */
export type ConversationFacts = Pick<ConversationRow, 'id' | 'operatorId' | 'handoff' | 'state'>;

/** What a `view` is: a full `view`, a `preview` of a waiting conversation, or refused. */
export type ViewDecision = 'view' | 'preview' | 'forbidden';

const WAITING = new Set<ConversationRow['handoff']>(['requested', 'queued', 'offline', 'verification_required']);

/** Whether the principal sees every conversation. */
export function seesAll(p: Pick<OperatorPrincipal, 'role'>): boolean {
  return p.role === 'supervisor';
}

/** Whether the conversation waits for an operator (queue, next shift or code step) and nobody holds it. */
export function isWaiting(c: ConversationFacts): boolean {
  return c.operatorId === null && c.state !== 'closed' && WAITING.has(c.handoff);
}

/**
 * What a `view` of the conversation is for this principal. `heldBefore`: the principal held it
 * earlier (it has since been closed or handed back).
 */
export function viewDecision(p: Pick<OperatorPrincipal, 'id' | 'role'>, c: ConversationFacts, heldBefore = false): ViewDecision {
  if (seesAll(p) || c.operatorId === p.id) return 'view';
  if (c.operatorId !== null) return 'forbidden';
  if (isWaiting(c)) return 'preview';
  return heldBefore ? 'view' : 'forbidden';
}

/** Whether a transcript export is allowed (as a full view; a preview does not export). */
export function mayExport(p: Pick<OperatorPrincipal, 'id' | 'role'>, c: ConversationFacts, heldBefore = false): boolean {
  return viewDecision(p, c, heldBefore) === 'view';
}

/**
 * Whether the live feed (events, typing) of the conversation reaches this console: supervisors
 * always; an operator for conversations they hold, the one they are previewing (while it still
 * waits), and one they held until the frame that ends their part (`wasHolding`).
 */
export function seesLive(
  p: Pick<OperatorPrincipal, 'id' | 'role'>,
  c: ConversationFacts,
  previewing: string | undefined,
  wasHolding: boolean,
): boolean {
  if (seesAll(p) || c.operatorId === p.id) return true;
  if (c.operatorId !== null) return false;
  return (previewing === c.id && isWaiting(c)) || wasHolding;
}

/** The queue as this principal may see it: waiting and verifying for all; `active` only their own unless supervisor. */
export function queueFor(p: Pick<OperatorPrincipal, 'id' | 'role'>, q: QueueSnapshot): QueueSnapshot {
  if (seesAll(p)) return q;
  return { ...q, active: q.active.filter((i) => i.operator?.id === p.id) };
}
