/**
 * Sync with the server's history: the full resync (a gap, a lost event, a first visit, one owed
 * by a previous page), retried with backoff when its answer is lost, and paging older history.
 * @module
 */
import { batch } from '@preact/signals-core';
import { backoffDelay } from '../backoff';
import { upsertMany } from '../message-list';
import type { ChatMessage } from '../model';
import type { IncomingMessage } from '../transport';
import { checkedPage } from './checked';
import type { Engine } from './context';

/** Messages per history page. */
const PAGE_SIZE = 50;

/** @internal */
export interface Sync {
  /**
   * Full resync from the newest history page. The page is authoritative: cached server messages
   * older than it are dropped (they stay reachable through "Load earlier"), so the list has no
   * holes and no duplicates; unsent own messages are kept. `silent` (first visit): history is not
   * news, so it neither counts as unread nor fires `message` events.
   */
  resync(silent: boolean): Promise<void>;
  /** Loads the previous page of history. */
  loadOlder(): Promise<void>;
  stop(): void;
}

/** Deps of {@link createSync}. @internal */
export interface SyncDeps {
  addMessage(message: ChatMessage): void;
}

/** @internal */
export function createSync(engine: Engine, deps: SyncDeps): Sync {
  const { s, transport } = engine;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = (error: Error) => engine.reportError(error);
  /** Merges a page of history: not news, so no unread count and no `message` events. */
  const mergeHistory = (messages: readonly IncomingMessage[]) => {
    s.messages.value = upsertMany(
      s.messages.peek(),
      messages.map((m) => ({ ...m, status: m.status ?? 'sent' })),
    );
  };
  const applyPage = (page: { messages: IncomingMessage[]; hasMore: boolean }, silent: boolean) => {
    const seqs = page.messages.flatMap((m) => (m.seq !== undefined ? [m.seq] : []));
    const oldest = seqs.length ? Math.min(...seqs) : undefined;
    batch(() => {
      // When the page does not reach back into the cache, what lies between is unknown: drop the
      // older cached messages rather than show a hole.
      const bridges =
        oldest !== undefined && s.messages.peek().some((m) => m.seq !== undefined && m.seq >= oldest && m.from.role !== 'user');
      if (oldest !== undefined && page.hasMore && !bridges) {
        s.messages.value = s.messages.peek().filter((m) => m.seq === undefined || m.seq >= oldest);
      }
      if (silent) mergeHistory(page.messages);
      else for (const m of page.messages) deps.addMessage({ ...m, status: m.status ?? 'sent' });
      s.hasMoreHistory.value = page.hasMore;
    });
  };
  const resync = async (silent: boolean): Promise<void> => {
    if (!transport.fetchHistory || engine.destroyed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    engine.resyncWanted = !silent;
    try {
      const page = checkedPage(transport.name, await transport.fetchHistory({ limit: PAGE_SIZE }), report);
      if (engine.destroyed) return;
      engine.resyncWanted = false;
      attempt = 0;
      applyPage(page, silent);
      engine.historyCursor = page.before;
    } catch (error) {
      if (engine.destroyed) return;
      // A lost history answer must not leave the gap for good: try again with backoff, and at once
      // when the connection comes back.
      if (attempt === 0) engine.reportError(error);
      engine.resyncWanted = true;
      timer = setTimeout(() => void resync(false), backoffDelay(attempt++));
    }
  };
  return {
    resync,
    async loadOlder() {
      if (engine.destroyed || !transport.fetchHistory || !s.hasMoreHistory.peek()) return;
      try {
        const before = engine.historyCursor;
        const page = checkedPage(transport.name, await transport.fetchHistory({ ...(before ? { before } : {}), limit: PAGE_SIZE }), report);
        if (engine.destroyed) return;
        batch(() => {
          mergeHistory(page.messages);
          s.hasMoreHistory.value = page.hasMore;
        });
        engine.historyCursor = page.before;
      } catch (error) {
        engine.reportError(error);
      }
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
