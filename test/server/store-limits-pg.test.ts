/**
 * The limit storage conformance suite on a real PostgreSQL (started here): two pools on one
 * schema, as two processes. Without PostgreSQL it says so in one line, and fails under CI.
 */
import { createPgStore } from '../../server/db/pg-store';
import { onPostgres } from '../helpers/on-postgres';
import { limitStoreConformance } from './store-limits-conformance';

onPostgres('store-limits-pg', (db) => {
  limitStoreConformance('PostgreSQL', async () => {
    const schema = db.schema('l');
    const a = await createPgStore({ connectionString: db.url(), schema });
    return [a, await createPgStore({ connectionString: db.url(), schema })];
  });
});
