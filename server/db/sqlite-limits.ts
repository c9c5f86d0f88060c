/**
 * The embedded SQLite engine of {@link LimitStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import type { Lease, LimitStore, StaleUpload, Taken, TakeRequest } from './limits-store';

/** Runs a write and settles once it is committed (the store's group commit, sqlite-batch.ts). */
export type SqliteWrite = <T>(work: () => T) => Promise<T>;

/**
 * Limit storage on one SQLite database (its tables are created by the schema migrations). Window
 * takes and leases go through `write`: in the server, the turn's one transaction.
 */
export function createSqliteLimits(db: Database.Database, write: SqliteWrite = async (work) => work()): LimitStore {
  const ensure = db.prepare('INSERT INTO rate_windows (key, window_start, used, expires_at) VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING');
  const used = db.prepare('SELECT used FROM rate_windows WHERE key = ? AND window_start = ?');
  const add = db.prepare('UPDATE rate_windows SET used = used + ? WHERE key = ? AND window_start = ?');
  const purge = db.prepare('DELETE FROM rate_windows WHERE expires_at <= ?');
  const purgeLeases = db.prepare('DELETE FROM limit_leases WHERE expires_at <= ?');
  const live = db.prepare('SELECT COUNT(*) AS n FROM limit_leases WHERE key = ? AND expires_at > ?');
  const lease = db.prepare('INSERT OR REPLACE INTO limit_leases (key, holder, process, expires_at) VALUES (?, ?, ?, ?)');
  const release = db.prepare('DELETE FROM limit_leases WHERE key = ? AND holder = ?');
  const renew = db.prepare('UPDATE limit_leases SET expires_at = ? WHERE process = ?');
  const attach = db.prepare('UPDATE uploads SET attached_at = COALESCE(attached_at, ?) WHERE id = ?');
  const stale = db.prepare('SELECT id, size FROM uploads WHERE attached_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?');
  const drop = db.prepare('DELETE FROM uploads WHERE id = ? AND attached_at IS NULL');
  // One transaction: atomic against other connections to the same file (BEGIN IMMEDIATE).
  const take = db.transaction((r: TakeRequest): Taken => {
    ensure.run(r.key, r.windowStart, r.windowStart + r.windowMs);
    const before = (used.get(r.key, r.windowStart) as { used: number }).used;
    const left = Math.max(0, r.max - before);
    const granted = left >= r.min ? Math.min(left, r.want) : 0;
    if (granted > 0) add.run(granted, r.key, r.windowStart);
    return { granted, used: before + granted };
  });
  const acquire = db.transaction((l: Lease, max: number, expiresAt: number, now: number): boolean => {
    if ((live.get(l.key, now) as { n: number }).n >= max) return false;
    lease.run(l.key, l.holder, l.process, expiresAt);
    return true;
  });
  const attachAll = db.transaction((ids: readonly string[], now: number): number => {
    let n = 0;
    for (const id of ids) n += attach.run(now, id).changes;
    return n;
  });
  return {
    async take(r) {
      return write(() => take.immediate(r));
    },
    async purgeWindows(now) {
      purgeLeases.run(now);
      return purge.run(now).changes;
    },
    async acquireLease(l, max, expiresAt, now) {
      return write(() => acquire.immediate(l, max, expiresAt, now));
    },
    async releaseLease(key, holder) {
      await write(() => release.run(key, holder));
    },
    async renewLeases(process, expiresAt) {
      await write(() => renew.run(expiresAt, process));
    },
    async markUploadsAttached(ids, now) {
      return attachAll(ids, now);
    },
    async staleUploads(createdBefore, limit) {
      return stale.all(createdBefore, limit) as StaleUpload[];
    },
    async deleteStaleUpload(id) {
      return drop.run(id).changes > 0;
    },
  };
}
