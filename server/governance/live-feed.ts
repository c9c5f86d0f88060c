/**
 * Need-to-know on an operator connection: the live feed filter (events and typing of the
 * conversations this console may see), `view` (a preview of a waiting conversation, or a full view,
 * audited), and the audit of accept and close. The per-connection state (the conversation being
 * previewed, the ones held) lives here, keyed by the connection.
 * @module
 */
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { conversationDetail } from '../domain/operator-view';
import type { ConversationRow } from '../db/rows';
import type { HubFrame } from '../hub';
import type { ConversationDetail, OperatorServerFrame } from '../operator-protocol';
import type { OperatorConnection } from '../ws/operator-registry';
import { audit, type AuditAction } from './audit';
import { seesAll, seesLive, viewDecision } from './need-to-know';

interface FeedState {
  /** The conversation of the last `view`. */
  previewing?: string;
  /** Conversations this operator holds or held until the frame that ends their part. */
  held: Set<string>;
  /** Frames of this console pass one after the other (the lookups keep their order). */
  chain: Promise<void>;
}

const states = new WeakMap<OperatorConnection, FeedState>();

function stateOf(conn: OperatorConnection): FeedState {
  let s = states.get(conn);
  if (!s) states.set(conn, (s = { held: new Set(), chain: Promise.resolve() }));
  return s;
}

/** Updates `held` from what a frame says about this operator (joined, left, closed, handed back). */
function followHolding(s: FeedState, me: string, conversationId: string, frame: HubFrame, phase: 'before' | 'after'): void {
  if (frame.t !== 'event') return;
  const e = frame.event;
  if (phase === 'before' && e.type === 'participant' && e.action === 'joined' && e.participant.id === me) s.held.add(conversationId);
  if (phase === 'after' && (e.type === 'conversation' || (e.type === 'handoff' && e.state !== 'accepted'))) {
    if (e.type === 'handoff' || e.state === 'closed') s.held.delete(conversationId);
  }
}

function toConsole(conversationId: string, frame: HubFrame, me: string): OperatorServerFrame | undefined {
  if (frame.t === 'event') return { t: 'event', conversationId, seq: frame.seq, event: frame.event };
  if (frame.t === 'typing' && frame.from.id !== me) return { t: 'typing', conversationId, from: frame.from, on: frame.on };
  return undefined;
}

/**
 * The `subscribeAll` listener of an operator console: supervisors get every conversation's
 * events and typing; operators only those of the conversations they hold or are previewing.
 */
export function operatorFeed(
  ctx: ServerContext,
  conn: OperatorConnection,
  send: (f: OperatorServerFrame) => void,
): (conversationId: string, frame: HubFrame) => void {
  const p = conn.principal;
  const s = stateOf(conn);
  return (conversationId, frame) => {
    const out = toConsole(conversationId, frame, p.id);
    if (!out) return;
    if (seesAll(p)) return send(out);
    s.chain = s.chain
      .then(async () => {
        followHolding(s, p.id, conversationId, frame, 'before');
        const conv = await ctx.store.conversation(conversationId);
        if (!conv) return;
        if (conv.operatorId === p.id) s.held.add(conversationId);
        else if (conv.operatorId !== null) s.held.delete(conversationId);
        if (seesLive(p, conv, s.previewing, s.held.has(conversationId))) send(out);
        followHolding(s, p.id, conversationId, frame, 'after');
      })
      .catch((e: unknown) => ctx.log.error('operator feed failed', { error: e instanceof Error ? e.message : String(e) }));
  };
}

/** Whether the operator held the conversation at some point (a `participant joined` of theirs). */
export async function heldBefore(ctx: ServerContext, conversationId: string, operatorId: string): Promise<boolean> {
  let after = 0;
  for (;;) {
    const page = await ctx.store.eventsAfter(conversationId, after, 500);
    for (const { event } of page) {
      if (event.type === 'participant' && event.action === 'joined' && event.participant.id === operatorId) return true;
    }
    if (page.length < 500) return false;
    after = page[page.length - 1]!.seq;
  }
}

/** Looks up a conversation or throws `not_found`. */
async function conversationOf(ctx: ServerContext, conversationId: string): Promise<ConversationRow> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  return conv;
}

/** Whether `principal` may fully view (or export) the conversation; throws `forbidden` with a reason otherwise. */
export async function checkView(
  ctx: ServerContext,
  principal: OperatorConnection['principal'],
  conv: ConversationRow,
  held = false,
): Promise<'view' | 'preview'> {
  let d = viewDecision(principal, conv, held);
  if (d === 'forbidden' && conv.operatorId === null) d = viewDecision(principal, conv, await heldBefore(ctx, conv.id, principal.id));
  if (d === 'forbidden')
    throw new ServiceError(
      'forbidden',
      conv.operatorId ? 'another operator holds this conversation' : 'this conversation is not in your queue',
    );
  return d;
}

/** `view`: the transcript of a conversation this console may see; a waiting one is a preview. Audited. */
export async function viewConversation(ctx: ServerContext, conn: OperatorConnection, conversationId: string): Promise<ConversationDetail> {
  const s = stateOf(conn);
  const conv = await conversationOf(ctx, conversationId);
  const d = await checkView(ctx, conn.principal, conv, s.held.has(conversationId));
  s.previewing = conversationId;
  await audit(ctx, { actor: conn.principal, action: d, conversationId, userKey: conv.userKey });
  return conversationDetail(ctx, conversationId);
}

/** Audits an action of this console on a conversation (accept, close); an accepted one joins its feed. */
export async function auditAction(
  ctx: ServerContext,
  conn: OperatorConnection,
  action: AuditAction,
  conversationId: string,
): Promise<void> {
  if (action === 'accept') stateOf(conn).held.add(conversationId);
  const conv = await ctx.store.conversation(conversationId);
  await audit(ctx, { actor: conn.principal, action, conversationId, ...(conv ? { userKey: conv.userKey } : {}) });
}
