/**
 * Conformance suite of the limit storage (`store.limits`, server/db/limits-store.ts) and of the
 * shared windows on top of it: every engine must pass it. The factory opens two handles on one
 * fresh database, as two server processes would hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatStore } from '../../server/db/chat-store';
import { SharedWindows } from '../../server/limits/windows';

/** Two handles on one fresh, empty database. */
export type PairFactory = () => Promise<[ChatStore, ChatStore]>;

const T0 = 1_700_000_000_000; // a multiple of 10 s
const W = { key: 'frames:s:s1', windowStart: T0, windowMs: 10_000, max: 100 };

export function limitStoreConformance(name: string, open: PairFactory): void {
  describe(`LimitStore conformance: ${name}`, () => {
    const opened: ChatStore[] = [];
    const pair = async (): Promise<[ChatStore, ChatStore]> => {
      const p = await open();
      opened.push(...p);
      return p;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('grants chunks up to the maximum, then what is left, then nothing; all-or-nothing costs', async () => {
      const [a] = await pair();
      expect(await a.limits.take({ ...W, want: 40, min: 1 })).toEqual({ granted: 40, used: 40 });
      expect(await a.limits.take({ ...W, want: 50, min: 1 })).toEqual({ granted: 50, used: 90 });
      expect(await a.limits.take({ ...W, want: 20, min: 1 })).toEqual({ granted: 10, used: 100 });
      expect(await a.limits.take({ ...W, want: 20, min: 1 })).toEqual({ granted: 0, used: 100 });
      // Another key and the next window start from zero.
      expect(await a.limits.take({ ...W, key: 'frames:ip:1.2.3.4', want: 5, min: 1 })).toEqual({ granted: 5, used: 5 });
      expect(await a.limits.take({ ...W, windowStart: T0 + 10_000, want: 5, min: 1 })).toEqual({ granted: 5, used: 5 });
      // A cost bigger than what is left is refused whole.
      const bytes = { ...W, key: 'upload-bytes:s:s1', max: 1000 };
      expect(await a.limits.take({ ...bytes, want: 700, min: 700 })).toEqual({ granted: 700, used: 700 });
      expect(await a.limits.take({ ...bytes, want: 400, min: 400 })).toEqual({ granted: 0, used: 700 });
      expect(await a.limits.take({ ...bytes, want: 300, min: 300 })).toEqual({ granted: 300, used: 1000 });
    });

    it('concurrent takes from two processes never grant more than the maximum', async () => {
      const [a, b] = await pair();
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).limits.take({ ...W, key: 'race', want: 3, min: 1 })),
      );
      const granted = results.reduce((n, r) => n + r.granted, 0);
      expect(granted).toBe(100);
      expect(results.every((r) => r.used <= 100)).toBe(true);
      expect((await a.limits.take({ ...W, key: 'race', want: 1, min: 1 })).granted).toBe(0);
    });

    it('purges ended windows only', async () => {
      const [a] = await pair();
      await a.limits.take({ ...W, want: 100, min: 1 });
      await a.limits.take({ ...W, windowStart: T0 + 10_000, want: 1, min: 1 });
      expect(await a.limits.purgeWindows(T0 + 10_000)).toBe(1);
      expect(await a.limits.purgeWindows(T0 + 10_000)).toBe(0);
      expect(await a.limits.take({ ...W, windowStart: T0 + 10_000, want: 1, min: 1 })).toEqual({ granted: 1, used: 2 });
    });

    it('shared windows hold one budget over two processes and many callers, spending chunks locally', async () => {
      const [a, b] = await pair();
      let now = T0 + 1;
      const clock = (): number => now;
      const wa = new SharedWindows(a.limits, clock);
      const wb = new SharedWindows(b.limits, clock);
      const rule = { max: 100, windowMs: 10_000 };
      const verdicts = await Promise.all(Array.from({ length: 400 }, (_, i) => (i % 2 ? wa : wb).hit('frames:s:x', rule)));
      expect(verdicts.filter((v) => v === null)).toHaveLength(100);
      const refused = verdicts.filter((v): v is number => v !== null);
      expect(refused.every((ms) => ms > 0 && ms <= 10_000)).toBe(true);
      // Refused from memory now, without the store; the next window has a fresh budget.
      expect(wa.hit('frames:s:x', rule)).toBe(9_999);
      now = T0 + 10_000;
      expect(await wb.hit('frames:s:x', rule)).toBeNull();
      // Costs (bytes) are all or nothing.
      const bytes = { max: 1000, windowMs: 10_000 };
      expect(await wa.spend('bytes', bytes, 600)).toBeNull();
      expect(await wb.spend('bytes', bytes, 600)).toBeGreaterThan(0);
      expect(await wb.spend('bytes', bytes, 400)).toBeNull();
    });

    it('leases: at most max live ones per key, released or lapsed ones free a place, renewal keeps them', async () => {
      const [a, b] = await pair();
      const lease = (holder: string, process = 'p1') => ({ key: 'sockets:s:s1', holder, process });
      expect(await a.limits.acquireLease(lease('h1'), 2, T0 + 30_000, T0)).toBe(true);
      expect(await b.limits.acquireLease(lease('h2', 'p2'), 2, T0 + 30_000, T0)).toBe(true);
      expect(await a.limits.acquireLease(lease('h3'), 2, T0 + 30_000, T0)).toBe(false);
      await b.limits.releaseLease('sockets:s:s1', 'h2');
      expect(await a.limits.acquireLease(lease('h3'), 2, T0 + 30_000, T0)).toBe(true);
      // p1 renews; p2's later lease lapses when its process stops renewing.
      await a.limits.renewLeases('p1', T0 + 90_000);
      expect(await b.limits.acquireLease(lease('h4', 'p2'), 3, T0 + 30_000, T0)).toBe(true);
      expect(await b.limits.acquireLease(lease('h5', 'p2'), 3, T0 + 90_000, T0 + 60_000)).toBe(true);
      expect(await b.limits.acquireLease(lease('h6', 'p2'), 3, T0 + 90_000, T0 + 60_000)).toBe(false);
      await a.limits.purgeWindows(T0 + 95_000);
      expect(await a.limits.acquireLease(lease('h7'), 1, T0 + 120_000, T0 + 95_000)).toBe(true);
    });

    it('concurrent lease takers on two processes never exceed the maximum', async () => {
      const [a, b] = await pair();
      const got = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).limits.acquireLease({ key: 'polls:s:x', holder: `h${i}`, process: i % 2 ? 'pa' : 'pb' }, 5, T0 + 30_000, T0),
        ),
      );
      expect(got.filter(Boolean)).toHaveLength(5);
    });

    it('uploads never attached are listed after the TTL and deleted; attached ones are kept', async () => {
      const [a, b] = await pair();
      const row = (id: string, createdAt: number) => ({ id, owner: 's1', name: `${id}.png`, mimeType: 'image/png', size: 10, createdAt });
      await a.insertUpload(row('f_old', T0));
      await a.insertUpload(row('f_used', T0));
      await a.insertUpload(row('f_new', T0 + 5000));
      expect(await a.limits.markUploadsAttached(['f_used', 'f_missing'], T0 + 1)).toBe(1);
      expect(await b.limits.staleUploads(T0 + 1000, 10)).toEqual([{ id: 'f_old', size: 10 }]);
      expect((await b.limits.staleUploads(T0 + 6000, 10)).map((u) => u.id)).toEqual(['f_old', 'f_new']);
      expect(await b.limits.deleteStaleUpload('f_used')).toBe(false);
      expect(await b.limits.deleteStaleUpload('f_old')).toBe(true);
      expect(await a.limits.deleteStaleUpload('f_old')).toBe(false);
      expect(await a.upload('f_old')).toBeUndefined();
      expect(await a.upload('f_used')).toMatchObject({ id: 'f_used' });
    });
  });
}
