/** The governance settings: retention ages and SQLite durability from flags and the environment, and their defaults. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../server/cli/settings';
import { resolveConfig } from '../../server/config';
import { SqliteStore } from '../../server/db/sqlite-store';

const dir = mkdtempSync(path.join(tmpdir(), 'sc-gov-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('governance settings', () => {
  it('has the documented retention defaults; 0 is kept (forever), negatives are not', () => {
    expect(resolveConfig({}).governance.retention).toEqual({
      conversationDays: 365,
      challengeDays: 30,
      auditDays: 730,
      sweepEveryMs: 3_600_000,
      batchSize: 200,
    });
    expect(resolveConfig({ retention: { conversationDays: 0, auditDays: -5 } }).governance.retention).toMatchObject({
      conversationDays: 0,
      auditDays: 730,
    });
  });

  it('reads the retention ages and SQLite durability from flags and the environment', () => {
    const { options } = readSettings(['--retain-conversations-days', '90', '--sqlite-synchronous', 'full'], {
      RETAIN_AUDIT_DAYS: '3650',
      RETAIN_CHALLENGES_DAYS: '0',
      RETENTION_SWEEP_MS: '60000',
    });
    expect(options).toMatchObject({
      retention: { conversationDays: 90, auditDays: 3650, challengeDays: 0, sweepEveryMs: 60000 },
      sqliteSynchronous: 'full',
    });
    expect(() => readSettings(['--sqlite-synchronous', 'off'], {})).toThrow(/sqlite-synchronous must be one of normal, full/);
    expect(() => readSettings([], { RETAIN_AUDIT_DAYS: '-1' })).toThrow(/retain-audit-days must be a non-negative number/);
  });

  it('the SQLite engine syncs every commit with synchronous full (NORMAL by default)', async () => {
    const pragma = (s: SqliteStore) =>
      (s as unknown as { db: { pragma(q: string, o: { simple: true }): number } }).db.pragma('synchronous', { simple: true });
    const normal = new SqliteStore(path.join(dir, 'a.sqlite'));
    const full = new SqliteStore(path.join(dir, 'b.sqlite'), { synchronous: 'full' });
    expect(pragma(normal)).toBe(1);
    expect(pragma(full)).toBe(2);
    await normal.close();
    await full.close();
  });
});
