/**
 * Handoff to a human: the code step (server/domain/verification.ts), queue, operator accept, close and rating.
 *
 * The exported entry points take the conversation's lock (`inConversation`) around their whole
 * read → decide → patch → emit sequence; the `…Locked` helpers expect the caller to hold it.
 * @module
 */
import type { Participant, VerificationChallenge } from '../../src/core/model';
import type { ConversationRow, SessionRow } from '../db/rows';
import { isOpen } from '../hours';
import { availability, inConversation, type ServerContext } from './context';
import { emit, emitMessage } from './emit';
import { ServiceError } from './errors';
import { botFor, etaFor, operatorParticipant } from './snapshot';
import { emitNote, setHandoffNoteLocked } from './queue-actions';
import { CONTACT_LEFT, offlineNotice, repeatOffline } from './offline';
import { type CodeOutcome, dropCode, requireCode, resendCode, tryCode } from './verification';
import { storedText } from './masking';

/** What a handoff request carries. `priority` is the server's own (the bot's): clients never set it. */
export interface HandoffRequest {
  reason?: string;
  topic?: string;
  priority?: 'urgent';
  /** The customer's note for the operator. */
  note?: string;
}

async function conversationOrThrow(ctx: ServerContext, id: string): Promise<ConversationRow> {
  const conv = await ctx.store.conversation(id);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  return conv;
}

/** Reopens a closed conversation with the bot (caller holds the conversation's lock). */
export async function reopenLocked(ctx: ServerContext, conv: ConversationRow, botState: Record<string, unknown>): Promise<void> {
  await ctx.store.patchConversation(
    conv.id,
    { state: 'open', handoff: 'none', operatorId: null, operatorName: null, operatorAvatar: null, queuedAt: null, botState },
    ctx.config.now(),
  );
  await emit(ctx, conv.id, { type: 'conversation', state: 'open', reason: 'reopened' });
}

/** Starts (or restarts) the handoff of a conversation, as if the user asked for a person. */
export function requestHandoff(ctx: ServerContext, conversationId: string, request: HandoffRequest): Promise<void> {
  return inConversation(ctx, conversationId, () => requestHandoffLocked(ctx, conversationId, request));
}

/** {@link requestHandoff} for a caller that holds the conversation's lock. */
export async function requestHandoffLocked(ctx: ServerContext, id: string, request: HandoffRequest): Promise<void> {
  let conv = await conversationOrThrow(ctx, id);
  const now = ctx.config.now();
  if (request.note !== undefined && conv.state !== 'closed') await setHandoffNoteLocked(ctx, conv.id, request.note);
  if (request.priority === 'urgent' && conv.priority !== 'urgent') {
    await ctx.store.patchConversation(conv.id, { priority: 'urgent', priorityReason: request.reason ?? request.topic ?? 'urgent' }, now);
    conv = await conversationOrThrow(ctx, id);
    if (conv.handoff === 'queued' || conv.handoff === 'offline') {
      await refreshQueue(ctx); // moves ahead of the others at once
      ctx.onQueueChange();
    }
  }
  // Asked again while left for the next shift: say so again (never a spinner for nobody).
  if (conv.handoff === 'offline') return repeatOffline(ctx, conv);
  if (conv.handoff === 'accepted' || conv.handoff === 'queued') return;
  if (conv.state === 'closed') {
    await ctx.store.patchConversation(conv.id, { state: 'open', handoff: 'none' }, now);
    await emit(ctx, conv.id, { type: 'conversation', state: 'open', reason: 'reopened' });
  }
  if (request.topic) await ctx.store.patchConversation(conv.id, { topic: request.topic }, now);
  ctx.log.info('handoff requested', { conversation: conv.id, reason: request.reason ?? null });
  if (!isOpen(ctx.schedule, now)) return leaveForNextShift(ctx, conv, request.reason);
  const session = await ctx.store.session(conv.sessionId);
  if (ctx.config.verification && !session?.verified) return requireCode(ctx, conv, request.reason);
  await enqueueLocked(ctx, conv.id, request.reason);
}

async function leaveForNextShift(ctx: ServerContext, conv: ConversationRow, reason: string | undefined): Promise<void> {
  const now = ctx.config.now();
  const avail = availability(ctx);
  await ctx.store.patchConversation(conv.id, { handoff: 'offline', queuedAt: conv.queuedAt ?? now }, now);
  await emit(ctx, conv.id, { type: 'handoff', state: 'offline', reason: reason ?? 'outside_hours', availability: avail });
  // A contact left with the request gets its own confirmation instead (server/domain/offline.ts).
  if (reason !== CONTACT_LEFT) {
    await emitMessage(ctx, conv.id, {
      from: botFor(conv.locale),
      parts: [{ kind: 'text', text: await offlineNotice(ctx, conv, avail) }],
    });
  }
  ctx.onQueueChange();
}

/** Puts a conversation in the operator queue and tells the customer where they are (caller holds the lock). */
async function enqueueLocked(ctx: ServerContext, conversationId: string, reason?: string): Promise<void> {
  const conv = await conversationOrThrow(ctx, conversationId);
  const now = ctx.config.now();
  await ctx.store.patchConversation(conv.id, { handoff: 'queued', state: 'queued', queuedAt: conv.queuedAt ?? now }, now);
  await emit(ctx, conv.id, { type: 'handoff', state: 'queued', ...(reason ? { reason } : {}) });
  await refreshQueue(ctx);
  ctx.onQueueChange();
}

/**
 * Sends `queue` events to every waiting conversation whose position or ETA changed. Positions come
 * from the store's queue (the same on every process); each announcement is claimed in the store
 * first (`store.announcements`), so with several processes a change reaches the customer once.
 */
export async function refreshQueue(ctx: ServerContext): Promise<void> {
  const queue = await ctx.store.queue();
  for (const [i, conv] of queue.entries()) {
    if (conv.handoff !== 'queued') continue;
    const position = i + 1;
    const etaSeconds = etaFor(ctx, position);
    if (!(await ctx.store.announcements.claimAnnouncement(conv.id, `${position}:${etaSeconds}`))) continue;
    await emit(ctx, conv.id, { type: 'queue', position, etaSeconds });
  }
}

/**
 * Moves conversations left for the next shift into the live queue once operators are on. Their
 * `queuedAt` is kept, so those with a contact stay first and the rest keep their order.
 */
export async function openShift(ctx: ServerContext): Promise<void> {
  for (const waiting of await ctx.store.queue()) {
    if (waiting.handoff !== 'offline') continue;
    await inConversation(ctx, waiting.id, async () => {
      const conv = await ctx.store.conversation(waiting.id);
      if (conv?.handoff !== 'offline' || conv.state === 'closed') return; // changed meanwhile
      await ctx.store.patchConversation(conv.id, { handoff: 'queued', state: 'queued' }, ctx.config.now());
      await emit(ctx, conv.id, { type: 'handoff', state: 'queued', reason: 'shift_started' });
    });
  }
  await refreshQueue(ctx);
  ctx.onQueueChange();
}

/** Checks a one-time code (server/domain/verification.ts); on success the session is verified and the handoff goes on. */
export async function submitVerification(ctx: ServerContext, session: SessionRow, challengeId: string, code: string): Promise<CodeOutcome> {
  const first = await ctx.store.challenge(challengeId);
  if (!first) throw new ServiceError('not_found', 'unknown challenge');
  return inConversation(ctx, first.conversationId, async () => {
    const conv = await conversationOrThrow(ctx, first.conversationId);
    if (conv.userKey !== session.userKey) throw new ServiceError('forbidden', 'this challenge belongs to another user');
    // Re-read under the lock; the store's compare-and-set also guards against other processes.
    for (;;) {
      const outcome = await tryCode(ctx, conv, (await ctx.store.challenge(challengeId))!, code.trim());
      if (outcome === 'passed') {
        await passedLocked(ctx, conv, session);
        return { result: 'ok' };
      }
      if (outcome) return outcome;
    }
  });
}

async function passedLocked(ctx: ServerContext, conv: ConversationRow, session: SessionRow): Promise<void> {
  await ctx.store.markVerified(session.id);
  if (conv.sessionId !== session.id) await ctx.store.markVerified(conv.sessionId);
  ctx.log.info('verification passed', { conversation: conv.id });
  const fresh = (await ctx.store.conversation(conv.id))!;
  if (fresh.handoff === 'verification_required') {
    if (!isOpen(ctx.schedule, ctx.config.now())) await leaveForNextShift(ctx, fresh, undefined);
    else await enqueueLocked(ctx, conv.id);
  }
}

/** The conversation of a challenge, owned by the session's user (else not_found / forbidden). */
async function challengeConversation(ctx: ServerContext, session: SessionRow, challengeId: string): Promise<string> {
  const c = await ctx.store.challenge(challengeId);
  if (!c) throw new ServiceError('not_found', 'unknown challenge');
  const conv = await conversationOrThrow(ctx, c.conversationId);
  if (conv.userKey !== session.userKey) throw new ServiceError('forbidden', 'this challenge belongs to another user');
  return conv.id;
}

/** `verify.resend`: a new code (cooldown and hourly limits permitting; else `rate_limited` with the wait). */
export async function resendVerification(ctx: ServerContext, session: SessionRow, challengeId: string): Promise<VerificationChallenge> {
  const id = await challengeConversation(ctx, session, challengeId);
  return inConversation(ctx, id, async () => resendCode(ctx, session, await conversationOrThrow(ctx, id)));
}

/** `verify.skip`: with `verificationFallback: 'queue'`, the customer waits for a person without a code (shown "not verified"). */
export async function skipVerification(ctx: ServerContext, session: SessionRow, challengeId: string): Promise<void> {
  const id = await challengeConversation(ctx, session, challengeId);
  await inConversation(ctx, id, async () => {
    await dropCode(ctx, await conversationOrThrow(ctx, id));
    ctx.log.info('handoff without verification', { conversation: id });
    if (!isOpen(ctx.schedule, ctx.config.now())) await leaveForNextShift(ctx, await conversationOrThrow(ctx, id), 'unverified');
    else await enqueueLocked(ctx, id, 'unverified');
  });
}

/** An operator takes a waiting conversation; exactly one operator wins (the store's compare-and-set). */
export function accept(ctx: ServerContext, operator: Participant, conversationId: string): Promise<ConversationRow> {
  return inConversation(ctx, conversationId, async () => {
    const now = ctx.config.now();
    if (!(await ctx.store.assign(conversationId, operator.id, operator.name ?? operator.id, now))) {
      const conv = await conversationOrThrow(ctx, conversationId);
      if (conv.operatorId === operator.id) return conv;
      if (conv.operatorId) throw new ServiceError('forbidden', `already taken by ${conv.operatorName ?? 'another operator'}`);
      throw new ServiceError('closed', 'this conversation is not waiting for an operator');
    }
    await ctx.store.patchConversation(conversationId, { operatorAvatar: operator.avatarUrl ?? null }, now);
    ctx.log.info('operator accepted', { conversation: conversationId, operator: operator.id });
    await emit(ctx, conversationId, { type: 'participant', action: 'joined', participant: operator });
    await emitNote(ctx, await conversationOrThrow(ctx, conversationId), {
      kind: 'joined',
      ...(operator.name ? { name: operator.name } : {}),
    });
    await emit(ctx, conversationId, { type: 'handoff', state: 'accepted' });
    await ctx.store.announcements.forgetAnnouncement(conversationId);
    await markReadLocked(ctx, conversationId, operator);
    await refreshQueue(ctx);
    ctx.onQueueChange();
    return (await ctx.store.conversation(conversationId))!;
  });
}

/** The operator has seen everything up to the last seq: a durable `read` event for the customer. */
export function markReadByOperator(ctx: ServerContext, conversationId: string, operator: Participant, upTo?: number): Promise<void> {
  return inConversation(ctx, conversationId, () => markReadLocked(ctx, conversationId, operator, upTo));
}

async function markReadLocked(ctx: ServerContext, conversationId: string, operator: Participant, upTo?: number): Promise<void> {
  const conv = await conversationOrThrow(ctx, conversationId);
  const target = Math.min(upTo ?? conv.lastSeq, conv.lastSeq);
  if (target <= conv.readUpTo) return;
  await ctx.store.patchConversation(conv.id, { readUpTo: target }, ctx.config.now());
  await emit(ctx, conv.id, { type: 'read', by: operator, upTo: target });
}

/** Closes a conversation (by the customer or the operator). Idempotent. */
export function closeConversation(ctx: ServerContext, conversationId: string, by: 'user' | 'agent'): Promise<void> {
  return inConversation(ctx, conversationId, async () => {
    const conv = await conversationOrThrow(ctx, conversationId);
    if (conv.state === 'closed') return;
    const now = ctx.config.now();
    const op = operatorParticipant(conv);
    if (op) {
      await emit(ctx, conv.id, { type: 'participant', action: 'left', participant: op });
      await emitNote(ctx, conv, { kind: 'left', ...(op.name ? { name: op.name } : {}) });
    }
    const closed = {
      state: 'closed',
      handoff: 'none',
      operatorId: null,
      operatorName: null,
      operatorAvatar: null,
      queuedAt: null,
      priority: 'normal',
      priorityReason: null,
      handoffNote: null,
    } as const;
    await ctx.store.patchConversation(conv.id, closed, now);
    await emit(ctx, conv.id, { type: 'conversation', state: 'closed', reason: by === 'user' ? 'closed_by_user' : 'closed_by_agent' });
    await emitNote(ctx, conv, { kind: 'closed' });
    await ctx.store.announcements.forgetAnnouncement(conv.id);
    ctx.log.info('conversation closed', { conversation: conv.id, by });
    await refreshQueue(ctx);
    ctx.onQueueChange();
  });
}

/** Stores a 1–5 rating of a closed conversation. */
export function rate(ctx: ServerContext, conversationId: string, score: number, comment: string | undefined): Promise<void> {
  return inConversation(ctx, conversationId, async () => {
    const conv = await conversationOrThrow(ctx, conversationId);
    if (conv.state !== 'closed') throw new ServiceError('invalid', 'a conversation can be rated once it is closed');
    await ctx.store.insertRating(conv.id, score, comment !== undefined ? storedText(ctx, comment) : null, ctx.config.now());
    ctx.log.info('conversation rated', { conversation: conv.id, score });
    ctx.onQueueChange();
  });
}
