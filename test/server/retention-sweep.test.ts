/**
 * The retention sweeper's pass on its own: batches, and two processes sweeping one database at
 * once (two stores on one SQLite file) delete every row exactly once and every file's bytes.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '../../server/blobs/local-blobs';
import type { ChatStore } from '../../server/db/chat-store';
import { SqliteStore } from '../../server/db/sqlite-store';
import { sweepOnce } from '../../server/governance/retention';
import { RETENTION_DEFAULTS } from '../../server/governance/settings';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
const dir = mkdtempSync(path.join(tmpdir(), 'sc-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function closedWithFile(store: ChatStore, blobs: ReturnType<typeof createLocalBlobStore>, i: number): Promise<void> {
  const id = `c${i}`;
  await store.createConversation({ id, userKey: `s:s${i}`, sessionId: `s${i}`, segment: 'private', locale: 'en', createdAt: T0 });
  await store.insertUpload({ id: `f_${i}`, owner: `s${i}`, name: 'a.png', mimeType: 'image/png', size: 1, createdAt: T0 });
  await blobs.put(`f_${i}`, Buffer.from([i]));
  const attachment = { id: `f_${i}`, name: 'a.png', mimeType: 'image/png', size: 1, url: 'http://x/f' };
  await store.appendMessage(
    {
      id: `m${i}`,
      conversationId: id,
      from: { id: 'u', role: 'user' },
      parts: [{ kind: 'attachment', attachment }],
      createdAt: new Date(T0).toISOString(),
    },
    T0,
  );
  await store.patchConversation(id, { state: 'closed' }, T0);
}

describe('retention sweep', () => {
  it('two sweepers on one database, in batches, delete each conversation once and every file', async () => {
    const file = path.join(dir, 'shared.sqlite');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const blobs = createLocalBlobStore(path.join(dir, 'uploads'));
    for (let i = 0; i < 25; i++) await closedWithFile(a, blobs, i);
    await a.createConversation({ id: 'open', userKey: 's:x', sessionId: 'x', segment: 'private', locale: 'en', createdAt: T0 });
    expect(readdirSync(path.join(dir, 'uploads'))).toHaveLength(25);

    const settings = { ...RETENTION_DEFAULTS, conversationDays: 1, batchSize: 4 };
    const now = () => T0 + 2 * DAY;
    const [ra, rb] = await Promise.all([sweepOnce({ store: a, blobs, now }, settings), sweepOnce({ store: b, blobs, now }, settings)]);
    expect(ra.conversations + rb.conversations).toBe(25);
    expect(ra.messages + rb.messages).toBe(25);
    expect(await a.governance.closedBefore(now(), 100)).toEqual([]);
    expect(await a.conversation('open')).toBeDefined();
    expect(readdirSync(path.join(dir, 'uploads'))).toEqual([]);
    const entries = await a.governance.auditEntries({ action: 'retention', limit: 10 });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((e) => e.actorId === 'system')).toBe(true);
    // A later pass finds nothing and writes nothing.
    expect(await sweepOnce({ store: b, blobs, now }, settings)).toEqual({
      conversations: 0,
      messages: 0,
      files: 0,
      challenges: 0,
      auditEntries: 0,
    });
    expect(await a.governance.auditEntries({ action: 'retention', limit: 10 })).toHaveLength(entries.length);
    await a.close();
    await b.close();
  });
});
