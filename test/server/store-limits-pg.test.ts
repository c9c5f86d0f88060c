/**
 * The limit storage conformance suite on a real PostgreSQL (started here): two pools on one
 * schema, as two processes. Without PostgreSQL it says so in one line, and fails under CI.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { limitStoreConformance } from './store-limits-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-limits-pg: skipped: ${missing}`);
  describe.skip('LimitStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  limitStoreConformance('PostgreSQL', async () => {
    const schema = `l_${process.pid}_${++n}`;
    const a = await createPgStore({ connectionString: server!.url, schema });
    return [a, await createPgStore({ connectionString: server!.url, schema })];
  });
}
