/**
 * The PostgreSQL engine on a real PostgreSQL (Debian's package, started here in a temp dir on
 * loopback): the store conformance suite, migrations, and atomicity across two pools (as two
 * server processes would hold). Without PostgreSQL it says so in one line, and fails under CI.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStore } from '../../server/db/chat-store';
import { PG_MIGRATIONS } from '../../server/db/pg-schema';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { storeConformance } from './store-conformance';

const missing = postgresMissing();
let server: TestPostgres | undefined;
let n = 0;
const schema = (): string => `t_${process.pid}_${++n}`;

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`store-pg: skipped: ${missing}`);
  describe.skip('ChatStore on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  storeConformance('PostgreSQL', () => createPgStore({ connectionString: server!.url, schema: schema() }));

  describe('PostgreSQL migrations and processes', () => {
    it('an empty database is migrated to the current version, once, by processes starting together', async () => {
      const s = schema();
      const stores = await Promise.all([1, 2, 3].map(() => createPgStore({ connectionString: server!.url, schema: s })));
      const client = new pg.Client({ connectionString: server!.url });
      await client.connect();
      const { rows } = await client.query(`SELECT version FROM ${s}.schema_version`);
      expect(rows).toEqual([{ version: PG_MIGRATIONS.length }]);
      const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [
        s,
      ]);
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
        'audit_log',
        'challenges',
        'console_sessions',
        'contacts',
        'conversations',
        'desk_canned',
        'desk_notes',
        'desk_search',
        'events',
        'limit_leases',
        'login_failures',
        'messages',
        'operator_accounts',
        'queue_announced',
        'rate_windows',
        'ratings',
        'schema_version',
        'sessions',
        'uploads',
      ]);
      await client.end();
      for (const st of stores) await st.close();
    });

    it('refuses a database newer than the server', async () => {
      const s = schema();
      await (await createPgStore({ connectionString: server!.url, schema: s })).close();
      const client = new pg.Client({ connectionString: server!.url });
      await client.connect();
      await client.query(`UPDATE ${s}.schema_version SET version = $1`, [PG_MIGRATIONS.length + 1]);
      await client.end();
      await expect(createPgStore({ connectionString: server!.url, schema: s })).rejects.toThrow(/newer than this server/);
    });

    it('two stores on one database (two processes) allocate seqs without gaps or doubles and dedupe client ids', async () => {
      const s = schema();
      const a: ChatStore = await createPgStore({ connectionString: server!.url, schema: s });
      const b: ChatStore = await createPgStore({ connectionString: server!.url, schema: s });
      await a.createConversation({ id: 'c1', userKey: 's:s1', sessionId: 's1', segment: 'private', locale: 'en', createdAt: 1 });
      const draft = (i: number, clientId: string) => ({
        id: `m${i}`,
        conversationId: 'c1',
        clientId,
        from: { id: 'u', role: 'user' as const },
        parts: [{ kind: 'text' as const, text: `t${i}` }],
        createdAt: 'x',
      });
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendMessage(draft(i, `k${i % 20}`), 2)));
      const created = results
        .filter((r) => r.created)
        .map((r) => r.message.seq)
        .sort((x, y) => x - y);
      expect(created).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const events = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).appendEvent('c1', { type: 'handoff', state: 'queued' }, 3)),
      );
      expect(events.sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 21));
      expect((await b.eventsAfter('c1', 0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      await a.close();
      await b.close();
    });
  });
}
