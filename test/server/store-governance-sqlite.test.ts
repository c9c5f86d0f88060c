/** The governance part of the store on SQLite (a file per test). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/db/sqlite-store';
import { governanceConformance } from './store-governance-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-gov-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

governanceConformance('SQLite file', () => new SqliteStore(path.join(dir, `gov-${++n}.sqlite`)));
