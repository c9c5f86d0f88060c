/** The blob engines: the local directory (default) and PostgreSQL (with DATABASE_URL), on the conformance suite. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '../../server/blobs/local-blobs';
import { createPgBlobStore } from '../../server/blobs/pg-blobs';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { blobConformance } from './blob-conformance';

const root = mkdtempSync(path.join(tmpdir(), 'sc-blobs-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

blobConformance('local directory', () => createLocalBlobStore(path.join(root, `d${++n}`)));

describe('local directory engine', () => {
  it('keeps files private (0600 in a 0700 directory) and leaves no temporary file behind', async () => {
    const dir = path.join(root, 'private');
    const s = createLocalBlobStore(dir);
    await s.put('f_a', Buffer.from('secret'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'f_a')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['f_a']);
  });
});

const missing = postgresMissing();
if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (!missing) {
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());
  blobConformance('PostgreSQL', () => createPgBlobStore({ connectionString: pg!.url, schema: `b_${process.pid}_${++n}` }));
}
