/**
 * The code step's limits: when the next code may be issued for a conversation, given the
 * cooldown and the hourly caps per session, per user, per phone and per client address (counted in the store,
 * so reconnects, new sockets and new conversations do not reset them).
 * @module
 */
import type { ConversationRow, SessionRow } from '../db/rows';
import { step } from './code-step-state';
import type { ServerContext } from './context';

const HOUR = 3_600_000;

/** Notes the client address a session speaks from (WebSocket hello, HTTP requests). */
export function noteRemote(ctx: ServerContext, sessionId: string, remote: string): void {
  const m = step(ctx).remotes;
  m.delete(sessionId);
  m.set(sessionId, remote);
  if (m.size > 100_000) m.delete(m.keys().next().value!);
}

/** The digits of the phone a code goes to ('' when unknown): codes per phone are capped like per user. */
export function destinationOf(phone: string | undefined): string {
  return (phone ?? '').replace(/\D/g, '').slice(0, 20);
}

/** When the next code may be issued for this conversation and session (≤ now: at once). */
export async function nextCodeAt(
  ctx: ServerContext,
  conv: ConversationRow,
  session: Pick<SessionRow, 'id' | 'profile'>,
  now: number,
  including = false,
): Promise<number> {
  const sessionId = session.id;
  const destination = destinationOf(session.profile.phone);
  const { resendAfterSeconds, maxCodesPerHour } = ctx.config.codes.limits;
  const perAddress = ctx.config.codes.maxCodesPerAddressPerHour;
  const remote = step(ctx).remotes.get(sessionId) ?? '';
  const since = now - HOUR + 1;
  const none = Promise.resolve([] as number[]);
  const [last, bySession, byUser, byRemote, byDestination] = await Promise.all([
    ctx.store.lastChallenge(conv.id),
    ctx.store.challengeTimes({ sessionId }, since),
    ctx.store.challengeTimes({ userKey: conv.userKey }, since),
    remote && perAddress > 0 ? ctx.store.challengeTimes({ remote }, since) : none,
    destination ? ctx.store.challengeTimes({ destination }, since) : none,
  ]);
  const lastAt = including ? now : last ? last.createdAt : -Infinity;
  const capAt = (times: number[], max: number): number => {
    const all = including ? [...times, now] : times;
    return max > 0 && all.length >= max ? all[all.length - max]! + HOUR : -Infinity;
  };
  return Math.max(
    lastAt + resendAfterSeconds * 1000,
    capAt(bySession, maxCodesPerHour),
    capAt(byUser, maxCodesPerHour),
    remote ? capAt(byRemote, perAddress) : -Infinity,
    destination ? capAt(byDestination, maxCodesPerHour) : -Infinity,
  );
}
