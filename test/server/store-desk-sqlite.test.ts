/** The desk part of the store on SQLite (a file, as deployed). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/db/sqlite-store';
import { deskStoreConformance } from './store-desk-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-desk-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

deskStoreConformance('SQLite file', () => new SqliteStore(path.join(dir, `desk-${++n}.sqlite`)));
