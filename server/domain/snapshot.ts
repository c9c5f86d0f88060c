/**
 * Read models: the conversation snapshot in `welcome`, queue positions, participants.
 * @module
 */
import type { Participant } from '../../src/core/model';
import type { WireConversation } from '../../src/protocol/frames';
import type { ConversationRow, SessionRow } from '../db/rows';
import { AVERAGE_HANDLE_SECONDS, type ServerContext } from './context';
import { shownChallenge } from './verification';
import { CONTACT_LEFT, pendingContact } from './offline';

/** The customer as a participant of their conversation. */
export function userParticipant(conv: Pick<ConversationRow, 'userKey'>, session?: SessionRow): Participant {
  const p: Participant = { id: conv.userKey.slice(2), role: 'user' };
  if (session?.profile.name) p.name = session.profile.name;
  return p;
}

/** The operator who has a conversation. */
export function operatorParticipant(conv: ConversationRow): Participant | undefined {
  if (!conv.operatorId) return undefined;
  return {
    id: conv.operatorId,
    role: 'agent',
    ...(conv.operatorName ? { name: conv.operatorName } : {}),
    ...(conv.operatorAvatar ? { avatarUrl: conv.operatorAvatar } : {}),
  };
}

/** The bot participant. */
export const BOT: Participant = { id: 'bot', role: 'bot', name: 'Assistant' };

/** The bot as it introduces itself in the conversation's language. */
export function botFor(locale: string | undefined): Participant {
  return locale === 'ru' ? { ...BOT, name: 'Ассистент' } : BOT;
}

/** 1-based queue position and ETA of a conversation, or null when it is not waiting. */
export async function queueInfo(ctx: ServerContext, conversationId: string): Promise<{ position: number; etaSeconds: number } | null> {
  const queue = await ctx.store.queue();
  const i = queue.findIndex((c) => c.id === conversationId);
  if (i < 0) return null;
  return { position: i + 1, etaSeconds: etaFor(ctx, i + 1) };
}

/** Estimated wait for a queue position. */
export function etaFor(ctx: ServerContext, position: number): number {
  return Math.ceil((position * AVERAGE_HANDLE_SECONDS) / Math.max(1, ctx.operators.online()));
}

/** Full state snapshot of a conversation (for `welcome`). */
export async function conversationSnapshot(ctx: ServerContext, conv: ConversationRow): Promise<WireConversation> {
  const snap: WireConversation = { id: conv.id, state: conv.state, handoff: conv.handoff, lastSeq: conv.lastSeq, readUpTo: conv.readUpTo };
  const challenge = await shownChallenge(ctx, conv);
  if (challenge) snap.challenge = challenge;
  const op = operatorParticipant(conv);
  if (op) snap.operator = op;
  if (conv.handoff === 'queued' || conv.handoff === 'offline') {
    const q = await queueInfo(ctx, conv.id);
    snap.queue = q ?? { position: null };
  }
  if (conv.handoff === 'offline' && (await pendingContact(ctx, conv))) snap.handoffReason = CONTACT_LEFT;
  return snap;
}
