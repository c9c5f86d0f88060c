/** The queue part of the store on SQLite (a file, as deployed). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/db/sqlite-store';
import { queueStoreConformance } from './store-queue-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-queue-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

queueStoreConformance('SQLite file', () => new SqliteStore(path.join(dir, `queue-${++n}.sqlite`)));
