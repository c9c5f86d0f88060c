/**
 * The start-up phases `restoring` → `ready` → `live` (see `ChatLifecycle`). While the saved state
 * is being restored, actions that change the message list or the draft are queued here and
 * applied right after it, in call order: restored unsent messages stay ahead of newer ones.
 * @module
 */
import { upsertMany } from '../message-list';
import type { Engine } from './context';

/** @internal */
export interface Lifecycle {
  /** The one restore (resolved at once without persistence). Never rejects. */
  restored(): Promise<void>;
  /** Runs `op` now, or after the restore when it is still going (in call order). */
  whenRestored(op: () => void): void;
  /** True while the restore runs and calls are being queued. */
  restoring(): boolean;
  /** Calls are waiting for the restore. */
  hasQueued(): boolean;
  /** `start()` connected. */
  goLive(): void;
}

/** Starts the restore at once when there is a persistence. @internal */
export function createLifecycle(engine: Engine): Lifecycle {
  const { s, persistence } = engine;
  const queue: Array<() => void> = [];
  /** Queued calls are being applied: calls they make run inline, as they would have. */
  let draining = false;
  const apply = () => {
    draining = true;
    try {
      while (queue.length > 0 && !engine.destroyed) {
        try {
          queue.shift()!();
        } catch (error) {
          engine.reportError(error);
        }
      }
    } finally {
      queue.length = 0;
      draining = false;
      if (!engine.destroyed) s.lifecycle.value = 'ready';
    }
  };
  const load = async (p: NonNullable<typeof persistence>) => {
    try {
      const saved = await p.load();
      if (engine.destroyed) return;
      engine.savedSession = saved.session;
      // The page before asked for a resync and was gone before it finished: still owed.
      if (saved.resyncOwed) engine.resyncWanted = true;
      // A draft set meanwhile is queued and applied after this, so what was typed last wins.
      if (saved.draft && !s.draft.peek()) s.draft.value = saved.draft;
      s.messages.value = upsertMany(s.messages.peek(), saved.messages);
    } catch (error) {
      // Nothing saved to show: the chat goes on from memory rather than not at all.
      if (!engine.destroyed) engine.reportError(error);
    } finally {
      apply();
    }
  };
  let restored = Promise.resolve();
  if (persistence) {
    s.lifecycle.value = 'restoring';
    restored = load(persistence);
  }
  return {
    restored: () => restored,
    restoring: () => s.lifecycle.peek() === 'restoring' && !draining,
    hasQueued: () => queue.length > 0,
    whenRestored(op) {
      if (s.lifecycle.peek() === 'restoring' && !draining) queue.push(op);
      else op();
    },
    goLive() {
      if (!engine.destroyed) s.lifecycle.value = 'live';
    },
  };
}
