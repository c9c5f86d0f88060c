/**
 * Handoff to a human: verification (OTP), queue, operator accept, close and rating.
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import type { Participant } from '../../src/core/model';
import type { ConversationRow, SessionRow } from '../db/rows';
import { isOpen } from '../hours';
import { newId, newNumericCode } from '../ids';
import { availability, type ServerContext } from './context';
import { emit, emitMessage } from './emit';
import { ServiceError } from './errors';
import { botFor, etaFor, operatorParticipant, wireChallenge } from './snapshot';
import { offlineNotice } from './texts';
import type { VerificationResult } from '../../src/protocol/enums';

/** OTP policy. */
export const OTP = { digits: 6, attempts: 3, ttlMs: 5 * 60_000 } as const;

function conversationOrThrow(ctx: ServerContext, id: string): ConversationRow {
  const conv = ctx.store.conversation(id);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  return conv;
}

/** Reopens a closed conversation with the bot. */
export function reopen(ctx: ServerContext, conv: ConversationRow, botState: Record<string, unknown>): void {
  ctx.store.patchConversation(
    conv.id,
    { state: 'open', handoff: 'none', operatorId: null, operatorName: null, queuedAt: null, botState },
    ctx.config.now(),
  );
  emit(ctx, conv.id, { type: 'conversation', state: 'open', reason: 'reopened' });
}

/** Starts (or restarts) the handoff of a conversation, as if the user asked for a person. */
export function requestHandoff(ctx: ServerContext, conversationId: string, request: { reason?: string; topic?: string }): void {
  const conv = conversationOrThrow(ctx, conversationId);
  if (conv.handoff === 'accepted' || conv.handoff === 'queued' || conv.handoff === 'offline') return;
  const now = ctx.config.now();
  if (conv.state === 'closed') {
    ctx.store.patchConversation(conv.id, { state: 'open', handoff: 'none' }, now);
    emit(ctx, conv.id, { type: 'conversation', state: 'open', reason: 'reopened' });
  }
  if (request.topic) ctx.store.patchConversation(conv.id, { topic: request.topic }, now);
  ctx.log.info('handoff requested', { conversation: conv.id, reason: request.reason ?? null });
  if (!isOpen(ctx.schedule, now)) return leaveForNextShift(ctx, conv, request.reason);
  const session = ctx.store.session(conv.sessionId);
  if (ctx.config.verification && !session?.verified) return issueChallenge(ctx, conv, request.reason);
  enqueue(ctx, conv.id, request.reason);
}

function issueChallenge(ctx: ServerContext, conv: ConversationRow, reason: string | undefined): void {
  const now = ctx.config.now();
  const row = {
    id: newId('vc'),
    conversationId: conv.id,
    code: newNumericCode(OTP.digits),
    attemptsLeft: OTP.attempts,
    expiresAt: now + OTP.ttlMs,
    createdAt: now,
  };
  ctx.store.insertChallenge(row);
  ctx.store.patchConversation(conv.id, { handoff: 'verification_required' }, now);
  // The demo's "SMS gateway": the code goes to the log and to the operator console.
  ctx.log.info('verification code sent by SMS (demo: logged)', { conversation: conv.id, challenge: row.id, code: row.code });
  emit(ctx, conv.id, {
    type: 'handoff',
    state: 'verification_required',
    challenge: wireChallenge({ ...row, status: 'pending' }),
    ...(reason ? { reason } : {}),
  });
  ctx.onQueueChange();
}

function leaveForNextShift(ctx: ServerContext, conv: ConversationRow, reason: string | undefined): void {
  const now = ctx.config.now();
  const avail = availability(ctx);
  ctx.store.patchConversation(conv.id, { handoff: 'offline', queuedAt: conv.queuedAt ?? now }, now);
  emit(ctx, conv.id, { type: 'handoff', state: 'offline', reason: reason ?? 'outside_hours', availability: avail });
  emitMessage(ctx, conv.id, {
    from: botFor(conv.locale),
    parts: [{ kind: 'text', text: offlineNotice(conv.locale, avail.nextOpenAt, ctx.config.timeZone) }],
  });
  ctx.onQueueChange();
}

/** Puts a conversation in the operator queue and tells the customer where they are. */
export function enqueue(ctx: ServerContext, conversationId: string, reason?: string): void {
  const conv = conversationOrThrow(ctx, conversationId);
  const now = ctx.config.now();
  ctx.store.patchConversation(conv.id, { handoff: 'queued', state: 'queued', queuedAt: conv.queuedAt ?? now }, now);
  emit(ctx, conv.id, { type: 'handoff', state: 'queued', ...(reason ? { reason } : {}) });
  refreshQueue(ctx);
  ctx.onQueueChange();
}

/** Sends `queue` events to every waiting conversation whose position or ETA changed. */
export function refreshQueue(ctx: ServerContext): void {
  const seen = new Set<string>();
  ctx.store.queue().forEach((conv, i) => {
    seen.add(conv.id);
    if (conv.handoff !== 'queued') return;
    const position = i + 1;
    const etaSeconds = etaFor(ctx, position);
    const key = `${position}:${etaSeconds}`;
    if (ctx.queueAnnounced.get(conv.id) === key) return;
    ctx.queueAnnounced.set(conv.id, key);
    emit(ctx, conv.id, { type: 'queue', position, etaSeconds });
  });
  for (const id of [...ctx.queueAnnounced.keys()]) if (!seen.has(id)) ctx.queueAnnounced.delete(id);
}

/** Moves conversations left for the next shift into the live queue once operators are on. */
export function openShift(ctx: ServerContext): void {
  for (const conv of ctx.store.queue()) {
    if (conv.handoff !== 'offline') continue;
    ctx.store.patchConversation(conv.id, { handoff: 'queued', state: 'queued' }, ctx.config.now());
    emit(ctx, conv.id, { type: 'handoff', state: 'queued', reason: 'shift_started' });
  }
  refreshQueue(ctx);
  ctx.onQueueChange();
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(32, ' ').slice(0, 32));
  const y = Buffer.from(b.padEnd(32, ' ').slice(0, 32));
  return timingSafeEqual(x, y) && a.length === b.length;
}

/** Checks a one-time code; on success the session is verified and the handoff goes on. */
export function submitVerification(
  ctx: ServerContext,
  session: SessionRow,
  challengeId: string,
  code: string,
): { result: VerificationResult; attemptsLeft?: number } {
  const c = ctx.store.challenge(challengeId);
  if (!c) throw new ServiceError('not_found', 'unknown challenge');
  const conv = conversationOrThrow(ctx, c.conversationId);
  if (conv.userKey !== session.userKey) throw new ServiceError('forbidden', 'this challenge belongs to another user');
  if (c.status === 'passed') return { result: sameCode(c.code, code.trim()) ? 'ok' : 'expired' };
  if (c.status !== 'pending') return { result: 'expired', attemptsLeft: 0 };
  const now = ctx.config.now();
  if (now >= c.expiresAt) {
    ctx.store.updateChallenge(c.id, c.attemptsLeft, 'failed');
    ctx.onQueueChange();
    return { result: 'expired', attemptsLeft: 0 };
  }
  if (!sameCode(c.code, code.trim())) {
    const left = c.attemptsLeft - 1;
    ctx.store.updateChallenge(c.id, left, left > 0 ? 'pending' : 'failed');
    ctx.log.info('verification code refused', { conversation: conv.id, attemptsLeft: left });
    if (left === 0) ctx.onQueueChange();
    return { result: 'invalid', attemptsLeft: left };
  }
  ctx.store.updateChallenge(c.id, c.attemptsLeft, 'passed');
  ctx.store.markVerified(session.id);
  if (conv.sessionId !== session.id) ctx.store.markVerified(conv.sessionId);
  ctx.log.info('verification passed', { conversation: conv.id });
  if (conv.handoff === 'verification_required') {
    if (!isOpen(ctx.schedule, now)) leaveForNextShift(ctx, conv, undefined);
    else enqueue(ctx, conv.id);
  }
  return { result: 'ok' };
}

/** An operator takes a waiting conversation; exactly one operator wins. */
export function accept(ctx: ServerContext, operator: Participant, conversationId: string): ConversationRow {
  const now = ctx.config.now();
  if (!ctx.store.assign(conversationId, operator.id, operator.name ?? operator.id, now)) {
    const conv = conversationOrThrow(ctx, conversationId);
    if (conv.operatorId === operator.id) return conv;
    if (conv.operatorId) throw new ServiceError('forbidden', `already taken by ${conv.operatorName ?? 'another operator'}`);
    throw new ServiceError('closed', 'this conversation is not waiting for an operator');
  }
  ctx.log.info('operator accepted', { conversation: conversationId, operator: operator.id });
  emit(ctx, conversationId, { type: 'participant', action: 'joined', participant: operator });
  emit(ctx, conversationId, { type: 'handoff', state: 'accepted' });
  ctx.queueAnnounced.delete(conversationId);
  markReadByOperator(ctx, conversationId, operator);
  refreshQueue(ctx);
  ctx.onQueueChange();
  return ctx.store.conversation(conversationId)!;
}

/** The operator has seen everything up to the last seq: a durable `read` event for the customer. */
export function markReadByOperator(ctx: ServerContext, conversationId: string, operator: Participant, upTo?: number): void {
  const conv = conversationOrThrow(ctx, conversationId);
  const target = Math.min(upTo ?? conv.lastSeq, conv.lastSeq);
  if (target <= conv.readUpTo) return;
  ctx.store.patchConversation(conv.id, { readUpTo: target }, ctx.config.now());
  emit(ctx, conv.id, { type: 'read', by: operator, upTo: target });
}

/** Closes a conversation (by the customer or the operator). Idempotent. */
export function closeConversation(ctx: ServerContext, conversationId: string, by: 'user' | 'agent'): void {
  const conv = conversationOrThrow(ctx, conversationId);
  if (conv.state === 'closed') return;
  const now = ctx.config.now();
  const op = operatorParticipant(conv);
  if (op) emit(ctx, conv.id, { type: 'participant', action: 'left', participant: op });
  ctx.store.patchConversation(conv.id, { state: 'closed', handoff: 'none', operatorId: null, operatorName: null, queuedAt: null }, now);
  emit(ctx, conv.id, { type: 'conversation', state: 'closed', reason: by === 'user' ? 'closed_by_user' : 'closed_by_agent' });
  ctx.queueAnnounced.delete(conv.id);
  ctx.log.info('conversation closed', { conversation: conv.id, by });
  refreshQueue(ctx);
  ctx.onQueueChange();
}

/** Stores a 1–5 rating of a closed conversation. */
export function rate(ctx: ServerContext, conv: ConversationRow, score: number, comment: string | undefined): void {
  if (conv.state !== 'closed') throw new ServiceError('invalid', 'a conversation can be rated once it is closed');
  ctx.store.insertRating(conv.id, score, comment ?? null, ctx.config.now());
  ctx.log.info('conversation rated', { conversation: conv.id, score });
  ctx.onQueueChange();
}
