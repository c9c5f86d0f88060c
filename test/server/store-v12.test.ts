/**
 * Schema v12 (a message's payload stored once) on both engines: a v11 database with data is
 * migrated (the message events' copies dropped where the message row exists, the frames read back
 * unchanged), and new messages are stored once, their event referring to the message row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/protocol/frames';
import type { ChatStore, StoredEvent } from '../../server/db/chat-store';
import { PG_MIGRATIONS } from '../../server/db/pg-schema';
import { createPgStore } from '../../server/db/pg-store';
import { MIGRATIONS } from '../../server/db/schema';
import { SqliteStore } from '../../server/db/sqlite-store';
import { onPostgres } from '../helpers/on-postgres';

const msg = (id: string, seq: number, clientId?: string): WireMessage => ({
  id,
  conversationId: 'c1',
  ...(clientId ? { clientId } : {}),
  from: { id: 'u1', role: 'user' },
  parts: [{ kind: 'text', text: `text of ${id}` }],
  createdAt: '2026-01-01T00:00:00.000Z',
  seq,
});

/** What v11 held: c1 with two messages around a handoff event; c2 with a message event whose message row is gone. */
const m1 = msg('m1', 1, 'k1');
const m3 = msg('m3', 3);
const orphan = { ...msg('m9', 1), conversationId: 'c2' };
const expected: StoredEvent[] = [
  { seq: 1, event: { type: 'message', message: m1 } },
  { seq: 2, event: { type: 'handoff', state: 'queued' } },
  { seq: 3, event: { type: 'message', message: m3 } },
];

/** The v11 rows, in an engine's own form: `withSeq` is whether its message payloads carry the seq (SQLite) or not (PostgreSQL). */
function v11Rows(withSeq: boolean) {
  const body = (m: WireMessage): string => {
    const { seq: _seq, ...rest } = m;
    return JSON.stringify(withSeq ? m : rest);
  };
  const event = (m: WireMessage): string => `{"type":"message","message":${body(m)}}`;
  return {
    conversations: [
      ['c1', 's:s1', 's1', 3, 1, 1],
      ['c2', 's:s1', 's1', 1, 1, 1],
    ],
    messages: [
      [m1.id, 'c1', 1, 'k1', body(m1), 1],
      [m3.id, 'c1', 3, null, body(m3), 1],
    ],
    events: [
      ['c1', 1, 'message', event(m1), 1],
      ['c1', 2, 'handoff', JSON.stringify({ type: 'handoff', state: 'queued' }), 1],
      ['c1', 3, 'message', event(m3), 1],
      ['c2', 1, 'message', event(orphan), 1],
    ],
  };
}

/** The checks after the migration, on any engine; `raw` reads the events table. */
async function checkMigrated(store: ChatStore, raw: () => Promise<Array<{ seq: number; type: string; stored: number }>>): Promise<void> {
  expect(await store.eventsAfter('c1', 0, 10)).toEqual(expected);
  expect(await store.eventsAfter('c1', 1, 10)).toEqual(expected.slice(1));
  expect(await store.eventsAfter('c2', 0, 10)).toEqual([{ seq: 1, event: { type: 'message', message: orphan } }]);
  expect(await store.messagesBefore('c1', 100, 10)).toEqual([m3, m1]);
  expect(await store.messageByClientId('c1', 'k1')).toEqual(m1);
  // Seqs go on; a new message's event has no copy either.
  const { seq: _seq, ...draft } = msg('m4', 0, 'k4');
  const { message } = await store.appendMessage(draft, 2);
  expect(message.seq).toBe(4);
  expect((await store.eventsAfter('c1', 3, 10)).map((e) => e.event)).toEqual([{ type: 'message', message }]);
  // `stored`: 1 when the event row still has a payload. Only the orphan's copy is kept.
  expect(await raw()).toEqual([
    { seq: 1, type: 'message', stored: 0 },
    { seq: 2, type: 'handoff', stored: 1 },
    { seq: 3, type: 'message', stored: 0 },
    { seq: 4, type: 'message', stored: 0 },
    { seq: 1, type: 'message', stored: 1 },
  ]);
}

const RAW_EVENTS = `SELECT seq, type, CASE WHEN payload IS NULL THEN 0 ELSE 1 END AS stored FROM events ORDER BY conversation_id, seq`;

describe('schema v12 on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swp-v12-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a v11 file with data is migrated: message events refer to their rows, frames unchanged', async () => {
    const file = path.join(dir, 'v11.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (11)');
    for (const sql of MIGRATIONS.slice(0, 11)) db.exec(sql);
    const rows = v11Rows(true);
    const conv = db.prepare(
      `INSERT INTO conversations (id, user_key, session_id, last_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows.conversations) conv.run(...r);
    const m = db.prepare('INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows.messages) m.run(...r);
    const e = db.prepare('INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const r of rows.events) e.run(...r);
    db.close();

    const store = new SqliteStore(file);
    const check = new Database(file, { readonly: true });
    try {
      await checkMigrated(store, async () => check.prepare(RAW_EVENTS).all() as Array<{ seq: number; type: string; stored: number }>);
      expect(check.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
      // The search index (v10's triggers on messages) still finds the migrated messages.
      expect(check.prepare(`SELECT message_id FROM desk_search WHERE desk_search MATCH 'm3'`).all()).toEqual([{ message_id: 'm3' }]);
    } finally {
      check.close();
      await store.close();
    }
  });
});

onPostgres('schema v12', (db) => {
  it('a v11 database with data is migrated: message events refer to their rows, frames unchanged', async () => {
    const schema = db.schema('v12');
    const client = new pg.Client({ connectionString: db.url(), options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (11)');
      for (const sql of PG_MIGRATIONS.slice(0, 11)) await client.query(sql);
      const rows = v11Rows(false);
      for (const r of rows.conversations)
        await client.query(
          'INSERT INTO conversations (id, user_key, session_id, last_seq, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)',
          r,
        );
      for (const r of rows.messages)
        await client.query(
          'INSERT INTO messages (id, conversation_id, seq, client_id, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          r,
        );
      for (const r of rows.events)
        await client.query('INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)', r);

      const store = await createPgStore({ connectionString: db.url(), schema });
      try {
        await checkMigrated(store, async () =>
          (await client.query(RAW_EVENTS)).rows.map((r: { seq: string; type: string; stored: number }) => ({ ...r, seq: Number(r.seq) })),
        );
        expect((await client.query('SELECT version FROM schema_version')).rows).toEqual([{ version: PG_MIGRATIONS.length }]);
        // A message event without its row and without a payload is refused by the schema.
        await expect(
          client.query(`INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES ('c1', 9, 'handoff', NULL, 1)`),
        ).rejects.toThrow(/events_payload_or_message/);
      } finally {
        await store.close();
      }
    } finally {
      await client.end();
    }
  });
});
