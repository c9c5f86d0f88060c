/**
 * `support-chat-server erase` against a deployment on a real PostgreSQL (DATABASE_URL): the
 * customer's rows go and so do the files' bytes in the database's blob table; another customer's
 * stay. Without PostgreSQL it says so in one line, and fails under CI.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgBlobStore } from '../../server/blobs/pg-blobs';
import { createPgStore } from '../../server/db/pg-store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { Customer, testServer } from './customer';

const missing = postgresMissing();
let pgServer: TestPostgres | undefined;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'erase', ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`erase-cli-pg: skipped: ${missing}`);
  describe.skip('erase on PostgreSQL', () => {});
} else {
  beforeAll(async () => {
    pgServer = await startPostgres();
  }, 60_000);
  afterAll(() => pgServer?.stop());

  describe('support-chat-server erase on PostgreSQL', () => {
    it('--user erases a signed-in customer: rows and file bytes in the database', async () => {
      const schema = `e_${process.pid}`;
      const url = pgServer!.url;
      const server = await testServer({ verification: false, databaseUrl: url, databaseSchema: schema });
      const files: string[] = [];
      const conversations: string[] = [];
      try {
        for (const userId of ['alice', 'bob']) {
          const expires = Math.floor(Date.now() / 1000) + 3600;
          const { c, welcome } = await Customer.connect(server, {
            user: { id: userId, hash: server.signIdentity(userId, expires), hashExpires: expires },
          });
          const form = new FormData();
          form.append('file', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
          const up = await fetch(`${server.url}/swp/v1/uploads`, {
            method: 'POST',
            body: form,
            headers: { Authorization: `Bearer ${welcome.sessionToken}` },
          });
          files.push(((await up.json()) as { id: string }).id);
          conversations.push(welcome.conversationId);
          await c.close();
        }
      } finally {
        await server.close();
      }
      const done = await runCli({ DATABASE_URL: url, DATABASE_SCHEMA: schema }, '--user', 'alice');
      expect(done.err).toBe('');
      expect(done.code).toBe(0);
      expect(done.out).toMatch(/^erased user alice: 1 sessions, 1 conversations, .*1 uploads.*; 1 files removed/);

      const store = await createPgStore({ connectionString: url, schema });
      const blobs = await createPgBlobStore({ connectionString: url, schema });
      try {
        expect(await store.conversation(conversations[0]!)).toBeUndefined();
        expect(await store.conversation(conversations[1]!)).toBeDefined();
        expect(await blobs.get(files[0]!)).toBeUndefined();
        expect(await blobs.get(files[1]!)).toBeDefined();
        const [entry] = await store.governance.auditEntries({ action: 'erase', limit: 1 });
        expect(entry).toMatchObject({ actorId: 'cli', userKey: 'u:alice', detail: expect.stringMatching(/^user alice: 1 sessions/) });
      } finally {
        await blobs.close();
        await store.close();
      }
    }, 60_000);
  });
}
