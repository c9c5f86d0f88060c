/**
 * Two server instances on one real PostgreSQL: a logout on one process revokes the token on both,
 * and the session's socket on the other process is closed (4401) within `sessionRecheckMs`.
 * Without PostgreSQL it says so in one line, and fails under CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { CloseCode } from '../../src/transports/swp/frames';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { Customer, testServer } from './customer';

const missing = postgresMissing();
let pg: TestPostgres | undefined;
const servers: RunningServer[] = [];

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`sessions-pg: skipped: ${missing}`);
  describe.skip('sessions across processes', () => {});
} else {
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const s of servers.splice(0)) await s.close();
    pg?.stop();
  });

  describe('sessions across processes sharing PostgreSQL', () => {
    it('logout on B: the token is refused on A and B, and the socket on A closes', async () => {
      const options = { databaseUrl: pg!.url, databaseSchema: 'sess_two', identitySecret: 'shared', sessionRecheckMs: 100 };
      const a = await testServer(options);
      servers.push(a);
      const b = await testServer(options);
      servers.push(b);
      const onA = await Customer.connect(a);
      const token = onA.welcome.sessionToken;
      const get = (s: RunningServer) => fetch(`${s.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await get(b)).status).toBe(200);
      const out = await fetch(`${b.url}/swp/v1/sessions/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(out.status).toBe(204);
      expect(await onA.c.closed).toBe(CloseCode.AUTH);
      expect((await get(a)).status).toBe(401);
      expect((await get(b)).status).toBe(401);
    });
  });
}
