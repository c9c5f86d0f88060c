/** The accounts part of the PostgreSQL engine: the accounts conformance suite on a real PostgreSQL. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { accountsConformance } from './store-accounts-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-accounts-pg: skipped: ${missing}`);
  describe.skip('AccountStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  accountsConformance('PostgreSQL', () => createPgStore({ connectionString: server!.url, schema: `acc_${process.pid}_${++n}` }));
}
