/**
 * The code step: one-time codes a customer proves themselves with before a person takes over.
 *
 * - Codes are random digits from the CSPRNG, stored only as HMAC-SHA256 (key derived from the
 *   server's identity secret, salted with the challenge id), compared in constant time, handed to
 *   the configured {@link CodeSender} and never logged; operators see them only in demo mode.
 * - Limits (server/verification/settings.ts): a code lives `ttlSeconds`, takes `maxAttempts` wrong
 *   guesses and is then **locked**; a new code needs `resendAfterSeconds` since the last one of the
 *   conversation and at most `maxCodesPerHour` codes per session and per user in any hour (counted
 *   in the database, so reconnects, new sockets and new conversations do not reset them). A lockout
 *   therefore lasts until a new code may be issued: the cooldown, or the hour when the hourly cap
 *   is used up — `resendAt` of the challenge says when. A client address gets at most
 *   `maxCodesPerAddressPerHour` codes over all its sessions (anonymous sessions are cheap).
 * - Asking for a person again while a code is pending gives the same challenge (no fresh attempts).
 *
 * Every entry point expects the caller to hold the conversation's lock (server/domain/handoff.ts).
 * Its state and hashing: code-step-state.ts; its limits: code-limits.ts.
 * @module
 */
import type { VerificationChallenge, VerificationPolicy } from '../../src/core/model';
import type { ChallengeRow, ConversationRow, SessionRow } from '../db/rows';
import { newId, newNumericCode } from '../ids';
import { destinationOf, nextCodeAt } from './code-limits';
import { hashCode, matches, step } from './code-step-state';
import { later, type ServerContext } from './context';
import { emit } from './emit';
import { ServiceError } from './errors';

/** The limits as announced in `capabilities.verificationPolicy`. */
export function verificationPolicy(ctx: ServerContext): VerificationPolicy {
  const { limits, fallback } = ctx.config.codes;
  const phone = ctx.config.emergencyPhone;
  return {
    ...limits,
    resend: true,
    fallback: fallback === 'phone' && !phone ? 'none' : fallback,
    ...(fallback === 'phone' && phone ? { phone } : {}),
  };
}

/** Wire form of a challenge (never the code). */
export function wireChallenge(ctx: ServerContext, c: ChallengeRow, conv?: Pick<ConversationRow, 'locale'>): VerificationChallenge {
  const { codeLength, maxAttempts } = ctx.config.codes.limits;
  return {
    id: c.id,
    method: 'sms_otp',
    prompt: conv?.locale === 'ru' ? `Введите ${codeLength}-значный код из SMS` : `Enter the ${codeLength}-digit code we sent you by SMS`,
    codeLength,
    expiresAt: new Date(c.expiresAt).toISOString(),
    attemptsLeft: c.status === 'locked' ? 0 : c.attemptsLeft,
    maxAttempts,
    resendAt: new Date(c.resendAt).toISOString(),
  };
}

/** The challenge a conversation waiting for its code shows (pending, locked or expired), if any. */
export async function shownChallenge(ctx: ServerContext, conv: ConversationRow): Promise<VerificationChallenge | undefined> {
  if (conv.handoff !== 'verification_required') return undefined;
  const c = await ctx.store.lastChallenge(conv.id);
  if (!c || (c.status !== 'pending' && c.status !== 'locked' && c.status !== 'expired')) return undefined;
  return wireChallenge(ctx, c, conv);
}

/** The live (pending, unexpired) challenge of a conversation. */
async function liveChallenge(ctx: ServerContext, conversationId: string): Promise<ChallengeRow | undefined> {
  const c = await ctx.store.pendingChallenge(conversationId);
  return c && c.expiresAt > ctx.config.now() ? c : undefined;
}

/** Conversations an operator should see as "verifying": those with a live code (expired ones are dropped). */
export async function awaitingCode(ctx: ServerContext, rows: ConversationRow[]): Promise<ConversationRow[]> {
  const live = await Promise.all(rows.map((r) => liveChallenge(ctx, r.id)));
  return rows.filter((_, i) => live[i] !== undefined);
}

/** Demo mode only: the code the demo sender "sent" for a live challenge, for the console. */
export async function demoCode(ctx: ServerContext, conversationId: string): Promise<string | undefined> {
  const s = step(ctx);
  if (!ctx.config.demo || !s.demo || !(await liveChallenge(ctx, conversationId))) return undefined;
  return s.demo.lastCode(conversationId);
}

/** In-process test hook: the last code the demo sender delivered (undefined with other senders). */
export function deliveredCode(ctx: ServerContext, conversationId: string): string | undefined {
  return step(ctx).demo?.lastCode(conversationId);
}

/**
 * Issues a new code (limits permitting) and tells the customer: the conversation's handoff becomes
 * `verification_required` with the new challenge. Throws `rate_limited` (with the wait) otherwise.
 */
function issue(ctx: ServerContext, conv: ConversationRow, session: SessionRow, reason?: string): Promise<ChallengeRow> {
  // The hourly limits span the user's conversations: their check and insert run one at a time per user.
  return ctx.serial.run(`v:${conv.userKey}`, () => issueLocked(ctx, conv, session, reason));
}

async function issueLocked(ctx: ServerContext, conv: ConversationRow, session: SessionRow, reason?: string): Promise<ChallengeRow> {
  const now = ctx.config.now();
  const allowedAt = await nextCodeAt(ctx, conv, session, now);
  if (allowedAt > now) throw new ServiceError('rate_limited', 'a new code cannot be sent yet', allowedAt - now);
  const { codeLength, ttlSeconds, maxAttempts } = ctx.config.codes.limits;
  const id = newId('vc');
  const code = newNumericCode(codeLength);
  const row: Omit<ChallengeRow, 'status'> = {
    id,
    conversationId: conv.id,
    sessionId: session.id,
    userKey: conv.userKey,
    remote: step(ctx).remotes.get(session.id) ?? '',
    destination: destinationOf(session.profile.phone),
    codeHash: hashCode(ctx, id, code),
    attemptsLeft: maxAttempts,
    expiresAt: now + ttlSeconds * 1000,
    resendAt: await nextCodeAt(ctx, conv, session, now, true),
    createdAt: now,
  };
  const s = step(ctx);
  // Sent first: when the sender fails nothing changes (the previous code, if any, still works).
  try {
    await s.sender.send({
      to: { userKey: conv.userKey, userId: session.userId, ...(session.profile.phone ? { phone: session.profile.phone } : {}) },
      code,
      locale: conv.locale,
      conversationId: conv.id,
    });
  } catch {
    ctx.log.warn('verification code not delivered', { conversation: conv.id, challenge: id });
    throw new ServiceError('server', 'the code could not be sent; please try again in a moment');
  }
  await ctx.store.insertChallenge(row);
  for (const [pid, p] of s.pending) if (p.conversationId === conv.id) s.pending.delete(pid);
  ctx.log.info('verification code issued', { conversation: conv.id, challenge: id });
  await ctx.store.patchConversation(conv.id, { handoff: 'verification_required' }, now);
  const issued: ChallengeRow = { ...row, status: 'pending' };
  await emit(ctx, conv.id, {
    type: 'handoff',
    state: 'verification_required',
    challenge: wireChallenge(ctx, issued, conv),
    ...(reason ? { reason } : {}),
  });
  track(ctx, issued);
  ctx.onQueueChange();
  return issued;
}

/**
 * The handoff asks for a code: keeps a pending one (same challenge, same attempts), else issues a
 * new one. While the limits forbid a new code for a conversation already at this step, nothing
 * changes (its challenge tells the customer when to ask again).
 */
export async function requireCode(ctx: ServerContext, conv: ConversationRow, reason: string | undefined): Promise<void> {
  if (await liveChallenge(ctx, conv.id)) return;
  const session = await ctx.store.session(conv.sessionId);
  if (!session) throw new ServiceError('not_found', 'unknown session');
  try {
    await issue(ctx, conv, session, reason);
  } catch (e) {
    if (!(e instanceof ServiceError && e.code === 'rate_limited' && conv.handoff === 'verification_required')) throw e;
  }
}

/** `verify.resend`: a new code for the conversation of `challengeId`, limits permitting. */
export async function resendCode(ctx: ServerContext, session: SessionRow, conv: ConversationRow): Promise<VerificationChallenge> {
  if (conv.handoff !== 'verification_required') throw new ServiceError('invalid', 'this conversation is not waiting for a code');
  return wireChallenge(ctx, await issue(ctx, conv, session), conv);
}

/** Outcome of one code submission, as sent in the ack. */
export interface CodeOutcome {
  result: 'ok' | 'invalid' | 'expired';
  attemptsLeft?: number;
  /** Out of attempts (sent with `result: 'expired'` so that older clients offer a new code). */
  locked?: true;
  challenge?: VerificationChallenge;
}

/** One submission against the challenge as read; undefined when it changed meanwhile (read again). */
export async function tryCode(
  ctx: ServerContext,
  conv: ConversationRow,
  c: ChallengeRow,
  code: string,
): Promise<CodeOutcome | 'passed' | undefined> {
  if (c.status === 'passed') return matches(ctx, c, code) ? { result: 'ok' } : { result: 'expired' };
  const shown = (row: ChallengeRow) => wireChallenge(ctx, row, conv);
  if (c.status === 'locked') return { result: 'expired', locked: true, attemptsLeft: 0, challenge: shown(c) };
  if (c.status !== 'pending') return { result: 'expired', attemptsLeft: 0, challenge: shown(c) };
  if (ctx.config.now() >= c.expiresAt) {
    if (!(await ctx.store.updateChallenge(c.id, c.attemptsLeft, c.attemptsLeft, 'expired'))) return undefined;
    untrack(ctx, c.id);
    return { result: 'expired', attemptsLeft: 0, challenge: shown({ ...c, status: 'expired' }) };
  }
  if (!matches(ctx, c, code)) {
    const left = c.attemptsLeft - 1;
    const status = left > 0 ? 'pending' : 'locked';
    if (!(await ctx.store.updateChallenge(c.id, c.attemptsLeft, left, status))) return undefined;
    ctx.log.info('verification code refused', { conversation: conv.id, attemptsLeft: left });
    const after = shown({ ...c, attemptsLeft: left, status });
    if (left > 0) return { result: 'invalid', attemptsLeft: left, challenge: after };
    untrack(ctx, c.id);
    ctx.onQueueChange();
    return { result: 'expired', locked: true, attemptsLeft: 0, challenge: after };
  }
  if (!(await ctx.store.updateChallenge(c.id, c.attemptsLeft, c.attemptsLeft, 'passed'))) return undefined;
  untrack(ctx, c.id);
  step(ctx).demo?.forget(conv.id);
  return 'passed';
}

/** `verify.skip` (fallback `queue`): ends the pending code so the customer can wait unverified. */
export async function dropCode(ctx: ServerContext, conv: ConversationRow): Promise<void> {
  if (ctx.config.codes.fallback !== 'queue') throw new ServiceError('forbidden', 'this server does not queue unverified customers');
  if (conv.handoff !== 'verification_required') throw new ServiceError('invalid', 'this conversation is not waiting for a code');
  const c = await ctx.store.pendingChallenge(conv.id);
  if (c) {
    await ctx.store.updateChallenge(c.id, c.attemptsLeft, c.attemptsLeft, 'replaced');
    untrack(ctx, c.id);
  }
  step(ctx).demo?.forget(conv.id);
}

// ---------------------------------------------------------------- expiry sweep

function track(ctx: ServerContext, c: ChallengeRow): void {
  const s = step(ctx);
  s.pending.set(c.id, { conversationId: c.conversationId, expiresAt: c.expiresAt });
  if (!s.sweeping) {
    s.sweeping = true;
    later(ctx, ctx.config.codes.sweepMs, () => sweep(ctx));
  }
}

function untrack(ctx: ServerContext, id: string): void {
  step(ctx).pending.delete(id);
}

/** Marks pending codes past their expiry `expired` and updates the consoles (which drop them). */
async function sweep(ctx: ServerContext): Promise<void> {
  const s = step(ctx);
  const now = ctx.config.now();
  let changed = false;
  for (const [id, p] of [...s.pending]) {
    if (p.expiresAt > now) continue;
    s.pending.delete(id);
    const c = await ctx.store.challenge(id);
    if (c?.status === 'pending' && (await ctx.store.updateChallenge(id, c.attemptsLeft, c.attemptsLeft, 'expired'))) changed = true;
  }
  if (changed) {
    ctx.log.info('verification codes expired');
    ctx.onQueueChange();
  }
  s.sweeping = s.pending.size > 0;
  if (s.sweeping) later(ctx, ctx.config.codes.sweepMs, () => sweep(ctx));
}

export { noteRemote } from './code-limits';
