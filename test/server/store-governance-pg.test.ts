/** The governance part of the store on a real PostgreSQL (see store-pg.test.ts). */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { governanceConformance } from './store-governance-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-governance-pg: skipped: ${missing}`);
  describe.skip('GovernanceStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  governanceConformance('PostgreSQL', () => createPgStore({ connectionString: server!.url, schema: `g_${process.pid}_${++n}` }));
}
