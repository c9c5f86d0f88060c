/**
 * Group commit of the SQLite engine (server/db/sqlite-batch.ts): the writes of one event-loop turn
 * are one transaction, each settles after that commit, a failing write fails alone, a failing batch
 * fails every write of it and stores none; and an ack is a durable promise: a server process killed
 * (SIGKILL) right after acks leaves every acked message in its file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../src/protocol/frames';
import { GroupCommit } from '../../server/db/sqlite-batch';
import { SqliteStore } from '../../server/db/sqlite-store';

const dir = mkdtempSync(path.join(tmpdir(), 'swp-group-'));
let n = 0;
const file = (): string => path.join(dir, `g-${++n}.sqlite`);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const draft = (i: number, conversationId = 'c1'): Omit<WireMessage, 'seq'> => ({
  id: `m${i}`,
  conversationId,
  clientId: `k${i}`,
  from: { id: 'u1', role: 'user' },
  parts: [{ kind: 'text', text: `t${i}` }],
  createdAt: 'x',
});

describe('GroupCommit', () => {
  const table = (f: string): Database.Database => {
    const db = new Database(f, { timeout: 50 });
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    return db;
  };

  it('the writes of one turn are one transaction; a write that throws fails alone', async () => {
    const db = table(file());
    const batch = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    const writes = Array.from({ length: 50 }, (_, i) => batch.write(() => insert.run(`k${i % 40}`).changes));
    const outcomes = await Promise.allSettled(writes);
    expect(batch.commits).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(40);
    expect(outcomes.slice(40).every((o) => o.status === 'rejected' && /UNIQUE/.test(String(o.reason)))).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 40 });
    await batch.write(() => insert.run('next'));
    expect(batch.commits).toBe(2);
    db.close();
  });

  it('a batch that cannot commit fails every write of it and stores none; the retry stores all', async () => {
    const f = file();
    const db = table(f);
    const other = new Database(f, { timeout: 50 });
    const batch = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    other.exec('BEGIN IMMEDIATE'); // another process holds the write lock past the busy timeout
    const failed = await Promise.allSettled([1, 2, 3].map((i) => batch.write(() => insert.run(`k${i}`))));
    expect(failed.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    other.exec('ROLLBACK');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    await Promise.all([1, 2, 3].map((i) => batch.write(() => insert.run(`k${i}`))));
    expect(other.prepare('SELECT k FROM t ORDER BY k').all()).toEqual([{ k: 'k1' }, { k: 'k2' }, { k: 'k3' }]);
    other.close();
    db.close();
  });
});

describe('SqliteStore writes', () => {
  it('settle only once committed: another connection sees each acked message, none before', async () => {
    const f = file();
    const store = new SqliteStore(f);
    await store.createConversation({ id: 'c1', userKey: 's:s1', sessionId: 's1', segment: 'private', locale: 'en', createdAt: 1 });
    const reader = new Database(f, { readonly: true });
    const count = (): number => (reader.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    const pending = Array.from({ length: 30 }, (_, i) => store.appendMessage(draft(i), 2));
    expect(count()).toBe(0); // queued for the end of the turn
    const done = await Promise.all(pending);
    expect(count()).toBe(30);
    expect(done.map((d) => d.message.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // In the same batch as good writes, an append to an unknown conversation fails alone.
    const mixed = await Promise.allSettled([store.appendMessage(draft(30), 3), store.appendMessage(draft(31, 'nope'), 3)]);
    expect(mixed.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(count()).toBe(31);
    reader.close();
    await store.close();
  });
});

/** Starts a server process on `dataDir`; resolves with its WebSocket URL once it listens. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; ws: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--hours', 'always', '--no-verification'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', BOT_DELAY_MS: '0', RATE_MESSAGES_PER_IP: '100000/60' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"ready"')) resolve({ child, ws: (JSON.parse(line) as { ws: string }).ws });
    });
  });
}

describe('an ack is a durable promise', () => {
  it('a server killed right after acks leaves every acked message in its file', async () => {
    const dataDir = mkdtempSync(path.join(dir, 'data-'));
    const { child, ws: wsUrl } = await startServer(dataDir);
    const exited = new Promise((r) => child.once('exit', r));
    const socket = new WebSocket(wsUrl, 'swp.v1');
    const acked: string[] = [];
    let conversationId = '';
    await new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('open', () => socket.send(JSON.stringify({ t: 'hello', id: 'h', client: { sdk: 'test', locale: 'en' } })));
      socket.on('message', (data) => {
        const f = JSON.parse(String(data)) as { t: string; conversationId?: string; clientId?: string };
        if (f.t === 'welcome') {
          conversationId = f.conversationId!;
          for (let i = 0; i < 40; i++) {
            socket.send(JSON.stringify({ t: 'send', id: `s${i}`, conversationId, clientId: `k${i}`, text: `durable ${i}` }));
          }
        } else if (f.t === 'ack' && f.clientId && child.exitCode === null && !child.killed) {
          acked.push(f.clientId);
          // Kill as soon as some acks are in: sends after them are still in flight.
          if (acked.length === 5) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
    });
    await exited;
    socket.terminate();
    const store = new SqliteStore(path.join(dataDir, 'support-chat.sqlite'));
    try {
      for (const clientId of acked) expect((await store.messageByClientId(conversationId, clientId))?.clientId).toBe(clientId);
      const events = await store.eventsAfter(conversationId, 0, 500);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1)); // no gap: nothing half stored
      const messages = events.flatMap((e) => (e.event.type === 'message' && e.event.message.clientId ? [e.event.message.clientId] : []));
      expect(messages).toEqual(expect.arrayContaining(acked));
    } finally {
      await store.close();
    }
  }, 60_000);
});
