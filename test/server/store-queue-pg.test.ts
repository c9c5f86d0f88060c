/** The queue part of the store on a real PostgreSQL (test/helpers/postgres.ts), with claims from two stores (two processes' pools) at once; skipped with a line when PostgreSQL is not installed, failing under CI. */
import { createPgStore } from '../../server/db/pg-store';
import { onPostgres } from '../helpers/on-postgres';
import { queueStoreConformance } from './store-queue-conformance';

onPostgres('store-queue-pg', (db) => {
  let schema = '';
  queueStoreConformance(
    'PostgreSQL',
    () => {
      schema = db.schema('queue');
      return createPgStore({ connectionString: db.url(), schema });
    },
    () => createPgStore({ connectionString: db.url(), schema }),
  );
});
