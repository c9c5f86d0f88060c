/**
 * The PostgreSQL engine of {@link LimitStore}.
 * @module
 */
import type { PgAccess } from './pg-access';
import type { LimitStore, TakeRequest } from './limits-store';

/** Limit storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgLimits(pg: PgAccess): LimitStore {
  return {
    // The upsert locks the window's row (inserted or existing) until the transaction ends, so
    // concurrent takes from any process run one after the other and see each other's grants.
    take: (r: TakeRequest) =>
      pg.tx(async (q) => {
        const { rows } = await q(
          `INSERT INTO rate_windows (key, window_start, used, expires_at) VALUES ($1, $2, 0, $3)
           ON CONFLICT (key, window_start) DO UPDATE SET used = rate_windows.used RETURNING used`,
          [r.key, r.windowStart, r.windowStart + r.windowMs],
        );
        const before = Number(rows[0]!.used);
        const left = Math.max(0, r.max - before);
        const granted = left >= r.min ? Math.min(left, r.want) : 0;
        if (granted > 0)
          await q('UPDATE rate_windows SET used = used + $1 WHERE key = $2 AND window_start = $3', [granted, r.key, r.windowStart]);
        return { granted, used: before + granted };
      }),
    async purgeWindows(now) {
      await pg.query('DELETE FROM limit_leases WHERE expires_at <= $1', [now]);
      return (await pg.query('DELETE FROM rate_windows WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
    // Takers of one key queue on a transaction-scoped advisory lock of the key, so the count and the
    // insert are one step for them (also across processes).
    acquireLease: (l, max, expiresAt, now) =>
      pg.tx(async (q) => {
        await q('SELECT pg_advisory_xact_lock(hashtext($1))', [l.key]);
        const { rows } = await q('SELECT COUNT(*) AS n FROM limit_leases WHERE key = $1 AND expires_at > $2', [l.key, now]);
        if (Number(rows[0]!.n) >= max) return false;
        await q(
          `INSERT INTO limit_leases (key, holder, process, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key, holder) DO UPDATE SET process = excluded.process, expires_at = excluded.expires_at`,
          [l.key, l.holder, l.process, expiresAt],
        );
        return true;
      }),
    async releaseLease(key, holder) {
      await pg.query('DELETE FROM limit_leases WHERE key = $1 AND holder = $2', [key, holder]);
    },
    async renewLeases(process, expiresAt) {
      await pg.query('UPDATE limit_leases SET expires_at = $1 WHERE process = $2', [expiresAt, process]);
    },
    async markUploadsAttached(ids, now) {
      if (ids.length === 0) return 0;
      const res = await pg.query('UPDATE uploads SET attached_at = COALESCE(attached_at, $1) WHERE id = ANY($2::text[])', [now, [...ids]]);
      return res.rowCount ?? 0;
    },
    async staleUploads(createdBefore, limit) {
      const { rows } = await pg.query(
        'SELECT id, size FROM uploads WHERE attached_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2',
        [createdBefore, limit],
      );
      return rows.map((r) => ({ id: String(r.id), size: Number(r.size) }));
    },
    async deleteStaleUpload(id) {
      return ((await pg.query('DELETE FROM uploads WHERE id = $1 AND attached_at IS NULL', [id])).rowCount ?? 0) > 0;
    },
  };
}
