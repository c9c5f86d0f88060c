/**
 * The frame of every test file that runs against a real PostgreSQL (see postgres.ts).
 * @module
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from './postgres';

/**
 * Registers `suite` against a real PostgreSQL started for this file (stopped after it). Without
 * PostgreSQL: one line saying so and the suite skipped; under CI a failing test instead (it must not
 * silently skip there). `url()` is the server's URL once started; `schema()` a fresh schema name.
 */
export function onPostgres(name: string, suite: (db: { url(): string; schema(prefix: string): string }) => void): void {
  const missing = postgresMissing();
  if (missing && process.env.CI) {
    it('PostgreSQL is installed (required in CI)', () => {
      throw new Error(missing);
    });
    return;
  }
  if (missing) {
    console.warn(`${name}: skipped: ${missing}`);
    describe.skip(`${name} on PostgreSQL`, () => {});
    return;
  }
  let server: TestPostgres | undefined;
  let n = 0;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  suite({ url: () => server!.url, schema: (prefix) => `${prefix}_${process.pid}_${++n}` });
}
