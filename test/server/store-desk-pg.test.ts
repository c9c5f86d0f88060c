/** The desk part of the store on a real PostgreSQL (test/helpers/postgres.ts); skipped with a line when it is not installed, failing under CI. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { deskStoreConformance } from './store-desk-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-desk-pg: skipped: ${missing}`);
  describe.skip('DeskStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  deskStoreConformance('PostgreSQL', () => createPgStore({ connectionString: server!.url, schema: `desk_${process.pid}_${++n}` }));
}
