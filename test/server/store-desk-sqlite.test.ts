/** The desk part of the store on SQLite (a file, as deployed). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { V10_DESK } from '../../server/db/migrations/v10-desk';
import { MIGRATIONS } from '../../server/db/schema';
import { SqliteStore } from '../../server/db/sqlite-store';
import { deskStoreConformance } from './store-desk-conformance';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-desk-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

deskStoreConformance('SQLite file', () => new SqliteStore(path.join(dir, `desk-${++n}.sqlite`)));

describe('schema v10 on SQLite', () => {
  it('indexes the messages stored before it, and follows later updates and deletes of messages', async () => {
    const file = path.join(dir, 'before-v10.sqlite');
    const db = new Database(file);
    const v10 = MIGRATIONS.indexOf(V10_DESK.sqlite);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0)');
    for (const sql of MIGRATIONS.slice(0, v10)) db.exec(sql);
    db.prepare('UPDATE schema_version SET version = ?').run(v10);
    db.prepare("INSERT INTO conversations (id, user_key, session_id, created_at, updated_at) VALUES ('c1', 's:1', 's1', 1, 1)").run();
    const payload = (text: string) => JSON.stringify({ from: { id: 'u1', role: 'user' }, parts: [{ kind: 'text', text }] });
    db.prepare("INSERT INTO messages (id, conversation_id, seq, payload, created_at) VALUES ('m1', 'c1', 1, ?, 1)").run(
      payload('an old overdraft question'),
    );
    db.close();
    const store = new SqliteStore(file);
    const all = { operatorId: null };
    expect((await store.desk.search(['overdraft'], all, 5)).map((h) => h.seq)).toEqual([1]);
    const raw = new Database(file);
    raw.prepare("UPDATE messages SET payload = ? WHERE id = 'm1'").run(payload('now about a mortgage'));
    expect(await store.desk.search(['overdraft'], all, 5)).toEqual([]);
    expect((await store.desk.search(['mortg'], all, 5)).map((h) => h.body)).toEqual(['now about a mortgage']);
    raw.prepare("DELETE FROM messages WHERE id = 'm1'").run();
    expect(await store.desk.search(['mortg'], all, 5)).toEqual([]);
    raw.close();
    await store.close();
  });
});
