/**
 * The operator sockets open on this process, by console session and account, so that a logout,
 * a disabled account or a password reset closes them at once; and a periodic re-check per socket,
 * so that the same done on another process (or by the CLI), and an expiry, close them too.
 * @module
 */
import type { ServerContext } from '../domain/context';
import { type OperatorAuth, stillValid } from './sessions';

interface Live {
  auth: OperatorAuth;
  close(reason: string): void;
}

const open = new WeakMap<ServerContext, Set<Live>>();

function sockets(ctx: ServerContext): Set<Live> {
  let set = open.get(ctx);
  if (!set) open.set(ctx, (set = new Set()));
  return set;
}

/**
 * Watches one operator socket: `close` is called when its session or account ends. `token` is the
 * session token it came with (re-checked every `sessionCheckMs`). Returns the unwatch function.
 */
export function watchOperatorSocket(
  ctx: ServerContext,
  auth: OperatorAuth,
  token: string | undefined,
  close: (reason: string) => void,
): () => void {
  const live: Live = { auth, close };
  sockets(ctx).add(live);
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    stillValid(ctx, auth, token)
      .then((ok) => {
        if (!ok) close('session ended');
      })
      .catch(() => undefined) // the store did not answer: try again next time
      .finally(() => (checking = false));
  }, ctx.config.accounts.sessionCheckMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sockets(ctx).delete(live);
  };
}

/** Closes this process's sockets of a session or of an account. */
export function closeOperatorSockets(ctx: ServerContext, of: { sessionId?: string; accountId?: string }, reason: string): void {
  for (const live of [...sockets(ctx)]) {
    const hit =
      (of.sessionId !== undefined && live.auth.sessionId === of.sessionId) ||
      (of.accountId !== undefined && live.auth.account.id === of.accountId);
    if (hit) live.close(reason);
  }
}
