/**
 * The periodic clean-up of limits: ended windows (in the store and in memory) and uploads never
 * attached to a message after `uploadTtlMs` (row first, then the bytes, so a file is never listed
 * without its bytes). An unref'd timer: it never keeps the process alive.
 * @module
 */
import type { BlobStore } from '../blobs/blob-store';
import type { ServerContext } from '../domain/context';
import { limitsOf } from './limiter';

/** Uploads removed per batch. */
const BATCH = 100;

/** One sweep; returns how many unattached uploads were deleted. */
export async function sweepOnce(ctx: ServerContext, blobs: BlobStore): Promise<number> {
  const now = ctx.config.now();
  await ctx.store.limits.purgeWindows(now);
  limitsOf(ctx).windows.sweep();
  let removed = 0;
  for (let round = 0; round < 10; round++) {
    const stale = await ctx.store.limits.staleUploads(now - ctx.config.extraLimits.uploadTtlMs, BATCH);
    for (const u of stale) {
      if (!(await ctx.store.limits.deleteStaleUpload(u.id))) continue;
      await blobs.remove(u.id);
      removed++;
    }
    if (stale.length < BATCH) break;
  }
  if (removed > 0) ctx.log.info('unattached uploads deleted', { count: removed });
  return removed;
}

/** The sweep interval: a quarter of the upload TTL, between 250 ms and 10 minutes. */
export function sweepIntervalMs(uploadTtlMs: number): number {
  return Math.min(10 * 60_000, Math.max(250, Math.floor(uploadTtlMs / 4)));
}

/** Starts sweeping; returns the stop function. */
export function startSweeper(ctx: ServerContext, blobs: BlobStore): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(ctx, blobs)
      .catch((e: unknown) => ctx.log.error('limit sweep failed', { error: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        running = false;
      });
  }, sweepIntervalMs(ctx.config.extraLimits.uploadTtlMs));
  timer.unref();
  return () => {
    clearInterval(timer);
    limitsOf(ctx).leases.close();
  };
}
