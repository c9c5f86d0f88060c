/** The accounts part of the SQLite engine: the accounts conformance suite on a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../server/db/sqlite-store';
import { accountsConformance } from './store-accounts-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-accounts-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

accountsConformance('SQLite file', () => new SqliteStore(path.join(dir, `store-${++n}.sqlite`)));
