/**
 * Closed tabs lose nothing: a page takes over the unsent messages another tab of the same chat
 * left behind (it was closed or reloaded offline) and sends them, with their own clientIds so the
 * server stores each once. Triggers: the other tab says goodbye, the leader lock passes here, and
 * a slow timer for tabs that could say nothing (crash, killed process).
 * @module
 */
import type { Chat } from '../core/chat';
import type { LeaderElection } from '../tabs/leader';

/** How often a page looks for unsent messages a closed tab left behind, ms (one storage read). */
export const ADOPT_INTERVAL_MS = 2500;
/** After a goodbye, the second look: a page without the journal saves asynchronously, ms. */
export const ADOPT_AGAIN_MS = 1000;

/** A running watch. */
export interface UnsentWatch {
  /** Looks now and once more shortly (another tab is going away). */
  soon(): void;
  /** Stops every timer and listener. */
  stop(): void;
}

/** Starts adopting other tabs' unsent messages into `chat`. */
export function watchUnsent(chat: Chat, election: LeaderElection | null, intervalMs = ADOPT_INTERVAL_MS): UnsentWatch {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  const adopt = () => {
    if (!stopped && !chat.destroyed) chat.adoptUnsent().catch(() => undefined);
  };
  const soon = () => {
    if (stopped) return;
    adopt();
    const t = setTimeout(() => {
      timers.delete(t);
      adopt();
    }, ADOPT_AGAIN_MS);
    timers.add(t);
  };
  const ticker = setInterval(adopt, intervalMs);
  // The lock passes here when the leader tab closed: it may have held unsent messages.
  const offLeader = election?.onChange((leader) => {
    if (leader) soon();
  });
  return {
    soon,
    stop() {
      stopped = true;
      clearInterval(ticker);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      offLeader?.();
    },
  };
}
