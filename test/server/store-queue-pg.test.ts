/** The queue part of the store on a real PostgreSQL (test/helpers/postgres.ts), with claims from two stores (two processes' pools) at once; skipped with a line when PostgreSQL is not installed, failing under CI. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { queueStoreConformance } from './store-queue-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-queue-pg: skipped: ${missing}`);
  describe.skip('QueueStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  const schema = () => `queue_${process.pid}_${n}`;
  queueStoreConformance(
    'PostgreSQL',
    () => {
      n++;
      return createPgStore({ connectionString: server!.url, schema: schema() });
    },
    () => createPgStore({ connectionString: server!.url, schema: schema() }),
  );
}
