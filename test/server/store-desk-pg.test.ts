/** The desk part of the store on a real PostgreSQL (test/helpers/postgres.ts); skipped with a line when it is not installed, failing under CI. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { V10_DESK } from '../../server/db/migrations/v10-desk';
import { PG_MIGRATIONS } from '../../server/db/pg-schema';
import { createPgStore } from '../../server/db/pg-store';
import { onPostgres } from '../helpers/on-postgres';
import { deskStoreConformance } from './store-desk-conformance';

onPostgres('store-desk-pg', (db) => {
  deskStoreConformance('PostgreSQL', () => createPgStore({ connectionString: db.url(), schema: db.schema('desk') }));

  describe('schema v10 on PostgreSQL', () => {
    it('indexes the messages stored before it, and follows later updates and deletes of messages', async () => {
      const schema = `desk_old_${process.pid}`;
      const client = new pg.Client({ connectionString: db.url() });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path = ${schema}`);
      const v10 = PG_MIGRATIONS.indexOf(V10_DESK.pg);
      await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0)');
      for (const sql of PG_MIGRATIONS.slice(0, v10)) await client.query(sql);
      await client.query('UPDATE schema_version SET version = $1', [v10]);
      await client.query("INSERT INTO conversations (id, user_key, session_id, created_at, updated_at) VALUES ('c1', 's:1', 's1', 1, 1)");
      const payload = (text: string) => JSON.stringify({ from: { id: 'u1', role: 'user' }, parts: [{ kind: 'text', text }] });
      await client.query("INSERT INTO messages (id, conversation_id, seq, payload, created_at) VALUES ('m1', 'c1', 1, $1, 1)", [
        payload('an old overdraft question'),
      ]);
      const store = await createPgStore({ connectionString: db.url(), schema });
      const all = { operatorId: null };
      expect((await store.desk.search(['overdraft'], all, 5)).map((h) => h.seq)).toEqual([1]);
      await client.query("UPDATE messages SET payload = $1 WHERE id = 'm1'", [payload('now about a mortgage')]);
      expect(await store.desk.search(['overdraft'], all, 5)).toEqual([]);
      expect((await store.desk.search(['mortg'], all, 5)).map((h) => h.body)).toEqual(['now about a mortgage']);
      await client.query("DELETE FROM messages WHERE id = 'm1'");
      expect(await store.desk.search(['mortg'], all, 5)).toEqual([]);
      await client.end();
      await store.close();
    });
  });
});
