/** The governance part of the store on a real PostgreSQL (see store-pg.test.ts). */
import { createPgStore } from '../../server/db/pg-store';
import { onPostgres } from '../helpers/on-postgres';
import { governanceConformance } from './store-governance-conformance';

onPostgres('store-governance-pg', (db) => {
  governanceConformance('PostgreSQL', () => createPgStore({ connectionString: db.url(), schema: db.schema('g') }));
});
