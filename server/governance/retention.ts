/**
 * Retention (issue 10 item 6): a sweeper that deletes closed conversations (with their messages,
 * events, ratings, contacts, challenges and attached files), verification records and audit
 * entries older than their configured ages (`config.governance.retention`; 0 keeps forever). It
 * runs at start and then periodically on an unref'd timer, in batches with a yield between them so
 * it never holds the event loop long. Deletes are idempotent: several processes may sweep one
 * database at once.
 * @module
 */
import { setImmediate as yieldNow } from 'node:timers/promises';
import type { ServerContext } from '../domain/context';
import { auditRecord } from './audit';
import { type ErasureDeps, removeBlobs } from './erasure';
import type { GovernanceSettings } from './settings';

const DAY_MS = 86_400_000;
/** A bound on batches per run (a run that finds this much more work continues on the next). */
const MAX_BATCHES = 10_000;

/** What one sweep deleted. */
export interface SweepCounts {
  conversations: number;
  messages: number;
  files: number;
  challenges: number;
  auditEntries: number;
}

async function batches(run: () => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await run();
    total += n;
    if (n < batchSize) break;
    await yieldNow();
  }
  return total;
}

/** One pass of the sweeper: deletes what is older than the retention ages at `deps.now()`. */
export async function sweepOnce(deps: ErasureDeps, settings: GovernanceSettings['retention']): Promise<SweepCounts> {
  const g = deps.store.governance;
  const now = deps.now();
  const size = settings.batchSize;
  const out: SweepCounts = { conversations: 0, messages: 0, files: 0, challenges: 0, auditEntries: 0 };
  if (settings.conversationDays > 0) {
    const cutoff = now - settings.conversationDays * DAY_MS;
    await batches(async () => {
      const ids = await g.closedBefore(cutoff, size);
      if (ids.length === 0) return 0;
      const { counts, blobKeys } = await g.purgeConversations(ids);
      out.conversations += counts.conversations;
      out.messages += counts.messages;
      out.challenges += counts.challenges;
      out.files += (await removeBlobs(deps.blobs, blobKeys)).removed;
      return ids.length;
    }, size);
  }
  if (settings.challengeDays > 0) {
    const cutoff = now - settings.challengeDays * DAY_MS;
    out.challenges += await batches(() => g.deleteChallengesBefore(cutoff, size), size);
  }
  if (settings.auditDays > 0) {
    const cutoff = now - settings.auditDays * DAY_MS;
    out.auditEntries = await batches(() => g.deleteAuditBefore(cutoff, size), size);
  }
  if (out.conversations + out.challenges + out.auditEntries > 0) {
    const detail = `${out.conversations} conversations, ${out.messages} messages, ${out.files} files, ${out.challenges} challenges, ${out.auditEntries} audit entries`;
    await g.appendAudit(auditRecord({ actor: 'system', action: 'retention', detail }, deps.now()));
  }
  return out;
}

/** The running sweeper; `stop` clears its timer and waits for a pass in progress. */
export interface RetentionSweeper {
  /** Runs a pass now (after the one in progress, if any). */
  sweep(): Promise<SweepCounts | undefined>;
  stop(): Promise<void>;
}

/** Starts the sweeper: a pass now, then one every `sweepEveryMs` (0: only the first). */
export function startRetention(ctx: ServerContext): RetentionSweeper {
  const settings = ctx.config.governance.retention;
  const deps: ErasureDeps = { store: ctx.store, blobs: ctx.blobs, now: () => ctx.config.now() };
  let running: Promise<SweepCounts | undefined> = Promise.resolve(undefined);
  let stopped = false;
  let pending = 0;
  const sweep = (): Promise<SweepCounts | undefined> => {
    pending++;
    running = running.then(async () => {
      pending--;
      if (stopped) return undefined;
      try {
        const counts = await sweepOnce(deps, settings);
        if (counts.conversations + counts.challenges + counts.auditEntries > 0) ctx.log.info('retention sweep', { ...counts });
        return counts;
      } catch (e) {
        ctx.log.error('retention sweep failed', { error: e instanceof Error ? e.message : String(e) });
        return undefined;
      }
    });
    return running;
  };
  // A timer tick while a pass is still queued adds none (passes never pile up).
  const tick = (): void => {
    if (pending === 0) void sweep();
  };
  const first = setTimeout(tick, 0);
  first.unref();
  const timer = settings.sweepEveryMs > 0 ? setInterval(tick, settings.sweepEveryMs) : undefined;
  timer?.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(first);
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
