import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/db/schema';
import { Customer, testServer, until } from './customer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps sessions, history, handoff state and files across a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'swp-persist-'));
    dirs.push(dataDir);
    const s1 = await testServer({ dataDir, verification: false });
    const { c, welcome } = await Customer.connect(s1);
    const conversationId = welcome.conversationId;
    const original = (await c.request({ t: 'send', conversationId, clientId: 'before-restart', text: 'remember me' })) as {
      id: string;
      seq: number;
    };
    await c.request({ t: 'handoff.request', conversationId });
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'queue');
    await until(() => c.events().length >= 5);
    const lastSeq = Math.max(...c.events().map((e) => e.seq));
    await c.close();
    await s1.close();

    const s2 = await testServer({ dataDir, verification: false });
    const again = await Customer.connect(s2, { token: welcome.sessionToken, resume: { conversationId, cursor: String(lastSeq) } });
    expect(again.welcome.sessionId).toBe(welcome.sessionId);
    expect(again.welcome.conversationId).toBe(conversationId);
    expect(again.welcome.resumed).toBe(true);
    // A bot reply may still have landed between reading lastSeq and the shutdown: never fewer events.
    expect(Number(again.welcome.cursor)).toBeGreaterThanOrEqual(lastSeq);
    expect(again.welcome.conversation).toMatchObject({ state: 'queued', handoff: 'queued', queue: { position: 1 } });
    const page = (await again.c.request({ t: 'history', conversationId })) as { messages: Array<{ clientId?: string }> };
    expect(page.messages.some((m) => m.clientId === 'before-restart')).toBe(true);
    // The dedupe window survives too.
    const dup = await again.c.request({ t: 'send', conversationId, clientId: 'before-restart', text: 'remember me' });
    expect(dup).toMatchObject({ t: 'ack', id: original.id, seq: original.seq });
    await again.c.close();
    await s2.close();
  });

  it('migrates a fresh database to the latest schema version and records it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'swp-schema-'));
    dirs.push(dataDir);
    const s = await testServer({ dataDir });
    await s.close();
    const db = new Database(path.join(dataDir, 'support-chat.sqlite'), { readonly: true });
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
