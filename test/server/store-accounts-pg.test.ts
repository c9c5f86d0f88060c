/** The accounts part of the PostgreSQL engine: the accounts conformance suite on a real PostgreSQL. */
import { createPgStore } from '../../server/db/pg-store';
import { onPostgres } from '../helpers/on-postgres';
import { accountsConformance } from './store-accounts-conformance';

onPostgres('store-accounts-pg', (db) => {
  accountsConformance('PostgreSQL', () => createPgStore({ connectionString: db.url(), schema: db.schema('acc') }));
});
