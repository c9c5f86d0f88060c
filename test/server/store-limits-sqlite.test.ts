/** The limit storage conformance suite on SQLite: two handles on one file, as two processes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/db/sqlite-store';
import { limitStoreConformance } from './store-limits-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-limits-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

limitStoreConformance('SQLite file', async () => {
  const file = path.join(dir, `limits-${++n}.sqlite`);
  const a = new SqliteStore(file);
  return [a, new SqliteStore(file)];
});
