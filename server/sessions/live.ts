/**
 * The customer connections of each session on this process, so that ending a session (logout,
 * rotation) closes every socket of it at once. Other processes notice within
 * `sessions.recheckMs` (each connection re-reads its session; see `watchSession`).
 * @module
 */
import type { SessionRevokeReason, SessionRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { hashToken } from '../ids';
import { type SessionEnd, sessionEnd, sessionEndsAt } from './lifetime';

/** Ends one connection because its session ended. */
export type EndConnection = (why: SessionEnd) => void;

const registries = new WeakMap<ServerContext, Map<string, Set<EndConnection>>>();

function registry(ctx: ServerContext): Map<string, Set<EndConnection>> {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = new Map()));
  return r;
}

/** The session of a bearer token while it is valid (not revoked, idle, too old or with an expired identity). */
export async function liveSessionOfToken(ctx: ServerContext, token: string): Promise<SessionRow | undefined> {
  const row = await ctx.store.sessionByTokenHash(hashToken(token));
  if (!row || sessionEnd(ctx.config.sessions, row, ctx.config.now()) !== null) return undefined;
  return row;
}

/**
 * Notes that the session was used now (idle expiry). Writes at most once per tenth of the idle
 * lifetime (at most hourly) per session: the idle clock is that precise, and busy sessions cost no
 * write per request.
 */
export async function sessionUsed(ctx: ServerContext, row: SessionRow): Promise<void> {
  const now = ctx.config.now();
  const every = Math.min(3_600_000, ctx.config.sessions.idleMs / 10);
  if (now - row.lastSeenAt < every) return;
  await ctx.store.seenSession(row.id, now, now - every);
  row.lastSeenAt = now;
}

/** Ends a session: its token is refused from now on and its connections here are closed. */
export async function revokeSession(ctx: ServerContext, session: SessionRow, reason: SessionRevokeReason): Promise<boolean> {
  const done = await ctx.store.revokeSession(session.id, ctx.config.now(), reason);
  if (done) ctx.log.info('session revoked', { session: session.id, reason });
  const ends = registry(ctx).get(session.id);
  if (ends) for (const end of [...ends]) end('revoked');
  return done;
}

/**
 * Watches the session of one connection: `end` is called once when it ends (revoked here or on
 * another process, idle, too old, identity expired). Returns the stop function.
 */
export function watchSession(ctx: ServerContext, session: SessionRow, end: EndConnection): () => void {
  const r = registry(ctx);
  let set = r.get(session.id);
  if (!set) r.set(session.id, (set = new Set()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const s = r.get(session.id);
    s?.delete(once);
    if (s?.size === 0) r.delete(session.id);
  };
  const once: EndConnection = (why) => {
    if (stopped) return;
    stop();
    end(why);
  };
  set.add(once);
  const check = async () => {
    const row = await ctx.store.session(session.id).catch(() => session);
    if (stopped) return;
    const why = row ? sessionEnd(ctx.config.sessions, row, ctx.config.now()) : 'revoked';
    if (why) return once(why);
    schedule(row ?? session);
  };
  const schedule = (row: SessionRow) => {
    const wait = Math.min(ctx.config.sessions.recheckMs, Math.max(0, sessionEndsAt(ctx.config.sessions, row) - ctx.config.now()));
    // A connection keeps its session in use: the idle clock is reset by the re-read.
    timer = setTimeout(() => void sessionUsed(ctx, row).then(check, check), Math.min(wait, 2 ** 31 - 1));
    timer.unref?.();
  };
  schedule(session);
  return stop;
}
