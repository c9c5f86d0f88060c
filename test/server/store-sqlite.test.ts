import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/db/schema';
import { SqliteStore } from '../../server/db/sqlite-store';
import { storeConformance } from './store-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-store-'));
let n = 0;
const file = (): string => path.join(dir, `store-${++n}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeConformance('SQLite file', () => new SqliteStore(file()));

describe('SQLite migrations', () => {
  it('an empty file is migrated to the current schema version', async () => {
    const f = file();
    const store = new SqliteStore(f);
    await store.close();
    const db = new Database(f, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    expect(tables).toEqual([
      'audit_log',
      'challenges',
      'console_sessions',
      'contacts',
      'conversations',
      'desk_canned',
      'desk_notes',
      'desk_search',
      'desk_search_config',
      'desk_search_content',
      'desk_search_data',
      'desk_search_docsize',
      'desk_search_idx',
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
      'sqlite_sequence',
      'uploads',
    ]);
    db.close();
  });

  it('reopening an existing file keeps its data and its seqs go on', async () => {
    const f = file();
    const first = new SqliteStore(f);
    await first.createConversation({ id: 'c1', userKey: 's:s1', sessionId: 's1', segment: 'private', locale: 'en', createdAt: 1 });
    const { message } = await first.appendMessage(
      {
        id: 'm1',
        conversationId: 'c1',
        clientId: 'k1',
        from: { id: 'u', role: 'user' },
        parts: [{ kind: 'text', text: 'hi' }],
        createdAt: 'x',
      },
      1,
    );
    await first.close();
    const second = new SqliteStore(f);
    expect((await second.conversation('c1'))!.lastSeq).toBe(1);
    expect(await second.messageByClientId('c1', 'k1')).toEqual(message);
    expect(await second.appendEvent('c1', { type: 'handoff', state: 'queued' }, 2)).toBe(2);
    await second.close();
  });

  it('refuses a database newer than the server', async () => {
    const f = file();
    await new SqliteStore(f).close();
    const db = new Database(f);
    db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length + 1);
    db.close();
    expect(() => new SqliteStore(f)).toThrow(/newer than this server/);
  });
});
