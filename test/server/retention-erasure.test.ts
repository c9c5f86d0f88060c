/**
 * Data with an end (issue 10 item 6): the retention sweeper with the server's clock moved forward,
 * a supervisor's erasure of one customer (their connection ends; the audit keeps counts, no
 * content), and the `support-chat-server erase` command run as a process on a data directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { AuditRecord, PurgeCounts } from '../../server/db/governance-store';
import { SqliteStore } from '../../server/db/sqlite-store';
import { connectOperator, type OperatorClient } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

const DAY = 86_400_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const dir = mkdtempSync(path.join(tmpdir(), 'sc-gov-'));
let server: RunningServer | undefined;
const open: Array<OperatorClient | Customer> = [];
afterEach(async () => {
  for (const c of open.splice(0)) await (c instanceof Customer ? c.close() : c.disconnect());
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A customer who wrote a line with a file attached; resolves with the file's URL. */
async function customerWithFile(s: RunningServer, text: string) {
  const { c, welcome } = await Customer.connect(s);
  open.push(c);
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
  const up = await fetch(`${s.url}/swp/v1/uploads`, {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${welcome.sessionToken}` },
  });
  const file = (await up.json()) as { id: string; url: string };
  const ack = await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'k1', text, attachments: [{ id: file.id }] });
  expect(ack.t).toBe('ack');
  return { c, welcome, id: welcome.conversationId, file };
}

async function supervisor(s: RunningServer): Promise<OperatorClient> {
  const sup = await connectOperator(s.url, 'Sofia', { role: 'supervisor' });
  open.push(sup);
  return sup;
}

const entries = async (sup: OperatorClient, filter: Record<string, unknown>) =>
  ((await sup.command({ t: 'audit.list', limit: 50, ...filter })) as unknown as { entries: AuditRecord[] }).entries;

describe('retention', () => {
  it('deletes closed conversations past their age with messages and files; open ones and young ones stay', async () => {
    let clock = Date.now();
    server = await testServer({ verification: false, now: () => clock, retention: { sweepEveryMs: 100 } });
    const sup = await supervisor(server);
    const old = await customerWithFile(server, 'an old question');
    expect((await old.c.request({ t: 'close', conversationId: old.id })).t).toBe('ack');
    const still = await customerWithFile(server, 'still talking');
    expect((await fetch(old.file.url)).status).toBe(200);

    clock += 366 * DAY;
    await expect.poll(async () => (await fetch(old.file.url)).status, { timeout: 15_000 }).toBe(404);
    await expect(sup.view(old.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await sup.view(still.id)).messages.length).toBeGreaterThan(0);
    expect((await fetch(still.file.url)).status).toBe(200);
    const [sweep] = await entries(sup, { action: 'retention' });
    expect(sweep).toMatchObject({ actorId: 'system', detail: expect.stringMatching(/^1 conversations, \d+ messages, 1 files/) });
  });

  it('0 keeps closed conversations forever', async () => {
    let clock = Date.now();
    server = await testServer({ verification: false, now: () => clock, retention: { conversationDays: 0, sweepEveryMs: 50 } });
    const sup = await supervisor(server);
    const old = await customerWithFile(server, 'keep me');
    await old.c.request({ t: 'close', conversationId: old.id });
    await sup.view(old.id); // an audit entry that the sweep will find too old (730 days)
    clock += 3650 * DAY;
    // A sweep ran (it trimmed the audit log and said so) and left the conversation.
    await expect
      .poll(async () => (await entries(sup, { action: 'retention' }))[0]?.detail, { timeout: 15_000 })
      .toMatch(/^0 conversations, 0 messages, 0 files, 0 challenges, [1-9]\d* audit entries$/);
    expect((await sup.view(old.id)).conversation.id).toBe(old.id);
    expect((await fetch(old.file.url)).status).toBe(200);
  });
});

describe('erasure', () => {
  it('a supervisor erases one customer: their data and files go, their connection ends, the audit keeps counts only', async () => {
    server = await testServer({ verification: false });
    const sup = await supervisor(server);
    const gone = await customerWithFile(server, 'my secret address is 1 Main St');
    const kept = await customerWithFile(server, 'someone else');
    const ack = (await sup.command({ t: 'gov.erase', conversationId: gone.id })) as unknown as {
      erased: { key: string; counts: PurgeCounts; filesRemoved: number };
    };
    expect(ack.erased).toMatchObject({
      key: `conversation ${gone.id}`,
      filesRemoved: 1,
      counts: { sessions: 1, conversations: 1, uploads: 1 },
    });
    expect(ack.erased.counts.messages).toBeGreaterThanOrEqual(1);
    expect(await gone.c.closed).toBe(4401);
    expect((await fetch(gone.file.url)).status).toBe(404);
    await expect(sup.view(gone.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await fetch(kept.file.url)).status).toBe(200);
    expect((await sup.view(kept.id)).conversation.id).toBe(kept.id);

    const [entry] = await entries(sup, { action: 'erase' });
    expect(entry).toMatchObject({
      actorName: 'Sofia',
      actorRole: 'supervisor',
      conversationId: gone.id,
      userKey: `s:${gone.welcome.sessionId}`,
    });
    expect(entry!.detail).toMatch(new RegExp(`^conversation ${gone.id}: 1 sessions, 1 conversations, \\d+ messages`));
    expect(JSON.stringify(await entries(sup, {}))).not.toContain('Main St');
    await expect(sup.command({ t: 'gov.erase', userId: 'a', sessionId: 'b' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('support-chat-server erase --session ID works on the data directory of a stopped server', async () => {
    const dataDir = path.join(dir, 'cli');
    server = await testServer({ verification: false, dataDir });
    const gone = await customerWithFile(server, 'erase me');
    const kept = await customerWithFile(server, 'keep me');
    for (const c of open.splice(0)) await (c instanceof Customer ? c.close() : c.disconnect());
    await server.close();
    server = undefined;
    expect(readdirSync(path.join(dataDir, 'uploads'))).toHaveLength(2);

    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'erase', ...args], {
          env: { ...process.env, DATA_DIR: dataDir },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += String(d)));
        child.stderr.on('data', (d) => (err += String(d)));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    expect((await run()).code).toBe(2);
    const done = await run('--session', gone.welcome.sessionId);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(
      new RegExp(`^erased session ${gone.welcome.sessionId}: 1 sessions, 1 conversations, .*1 uploads.*; 1 files removed`),
    );
    expect(existsSync(path.join(dataDir, 'uploads', gone.file.id))).toBe(false);
    expect(existsSync(path.join(dataDir, 'uploads', kept.file.id))).toBe(true);

    const store = new SqliteStore(path.join(dataDir, 'support-chat.sqlite'));
    try {
      expect(await store.session(gone.welcome.sessionId)).toBeUndefined();
      expect(await store.conversation(gone.id)).toBeUndefined();
      expect(await store.conversation(kept.id)).toBeDefined();
      const [entry] = await store.governance.auditEntries({ action: 'erase', limit: 5 });
      expect(entry).toMatchObject({ actorId: 'cli', detail: expect.stringContaining(`session ${gone.welcome.sessionId}`) });
    } finally {
      await store.close();
    }
  }, 60_000);
});
