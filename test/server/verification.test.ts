/**
 * The code step on the reference server: limits that hold across sockets and sessions, the
 * guesses cap and lockout, the resend cooldown (fake clock), expiry dropping out of the console,
 * hashed storage, and codes never in logs or the operator feed (outside demo mode).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import type { VerificationChallenge } from '../../src/core/model';
import type { ServerFrame } from '../../src/transports/swp/frames';
import { createSqliteStore } from '../../server/db/sqlite-store';
import { MIGRATIONS } from '../../server/db/schema';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer, until } from './customer';

let server: RunningServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
function clockAt(t: number) {
  const clock = { t, now: () => clock.t };
  return clock;
}

type Ack = Extract<ServerFrame, { t: 'ack' }> & { challenge?: VerificationChallenge; locked?: boolean };
type Nack = Extract<ServerFrame, { t: 'nack' }>;

/** A customer asking for a person; resolves with their first challenge. */
async function askForPerson(s: RunningServer, hello: Record<string, unknown> = {}) {
  const { c, welcome } = await Customer.connect(s, hello);
  await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
  const f = await c.waitFor((x) => x.t === 'event' && x.event.type === 'handoff' && x.event.state === 'verification_required');
  const challenge = (f as { event: { challenge: VerificationChallenge } }).event.challenge;
  return { c, welcome, challenge };
}

const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

describe('the code step', () => {
  it('announces its limits; the challenge carries attempts, expiry and resend time', async () => {
    const clock = clockAt(T0);
    server = await testServer({ now: clock.now, verificationPolicy: { resendAfterSeconds: 45 }, verificationFallback: 'queue' });
    const { welcome, challenge } = await askForPerson(server);
    expect(welcome.capabilities.verification).toBe(true);
    expect(welcome.capabilities.verificationPolicy).toEqual({
      codeLength: 6,
      ttlSeconds: 300,
      resendAfterSeconds: 45,
      maxAttempts: 5,
      maxCodesPerHour: 5,
      resend: true,
      fallback: 'queue',
    });
    expect(challenge).toMatchObject({
      attemptsLeft: 5,
      maxAttempts: 5,
      codeLength: 6,
      expiresAt: new Date(T0 + 300_000).toISOString(),
      resendAt: new Date(T0 + 45_000).toISOString(),
    });
  });

  it('counts guesses exactly, locks after the last one (locked, not just expired), and a locked code stays dead', async () => {
    server = await testServer({ verificationPolicy: { maxAttempts: 3 } });
    const { c, welcome, challenge } = await askForPerson(server);
    const code = (await server.lastVerificationCode(welcome.conversationId))!;
    const answers: Ack[] = [];
    for (let i = 0; i < 3; i++)
      answers.push((await c.request({ t: 'verify.submit', challengeId: challenge.id, code: wrongOf(code) })) as Ack);
    expect(answers.map((a) => [a.result, a.attemptsLeft, a.locked ?? false])).toEqual([
      ['invalid', 2, false],
      ['invalid', 1, false],
      ['expired', 0, true],
    ]);
    expect(answers[2]!.challenge).toMatchObject({ id: challenge.id, attemptsLeft: 0 });
    expect(await c.request({ t: 'verify.submit', challengeId: challenge.id, code })).toMatchObject({ result: 'expired', locked: true });
    // After a reload the widget still sees the lockout.
    const again = await Customer.connect(server, { token: welcome.sessionToken });
    expect(again.welcome.conversation.challenge).toMatchObject({ id: challenge.id, attemptsLeft: 0 });
  });

  it('asking again while a code is pending gives the same challenge (no fresh attempts); resend waits for the cooldown', async () => {
    const clock = clockAt(T0);
    server = await testServer({ now: clock.now });
    const { c, welcome, challenge } = await askForPerson(server);
    const code = (await server.lastVerificationCode(welcome.conversationId))!;
    await c.request({ t: 'verify.submit', challengeId: challenge.id, code: wrongOf(code) });
    for (let i = 0; i < 3; i++)
      expect(await c.request({ t: 'handoff.request', conversationId: welcome.conversationId })).toMatchObject({ t: 'ack' });
    const issued = c.events().filter((e) => e.event.type === 'handoff' && e.event.state === 'verification_required');
    expect(issued).toHaveLength(1);
    expect(await server.lastVerificationCode(welcome.conversationId)).toBe(code);

    clock.t = T0 + 10_000;
    const early = (await c.request({ t: 'verify.resend', challengeId: challenge.id })) as Nack;
    expect(early).toMatchObject({ t: 'nack', error: { code: 'rate_limited', retryAfterMs: 20_000 } });
    clock.t = T0 + 30_000;
    const resent = (await c.request({ t: 'verify.resend', challengeId: challenge.id })) as Ack;
    expect(resent.challenge).toMatchObject({ attemptsLeft: 5, resendAt: new Date(T0 + 60_000).toISOString() });
    expect(resent.challenge!.id).not.toBe(challenge.id);
    const code2 = (await server.lastVerificationCode(welcome.conversationId))!;
    // The old code is replaced; the new one works.
    expect(await c.request({ t: 'verify.submit', challengeId: challenge.id, code })).toMatchObject({ result: 'expired' });
    expect(await c.request({ t: 'verify.submit', challengeId: resent.challenge!.id, code: code2 })).toMatchObject({ result: 'ok' });
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === 'queued');
  });

  it('a client with many sockets and sessions gets no more codes than the limits allow', async () => {
    const clock = clockAt(T0);
    server = await testServer({ now: clock.now, verificationPolicy: { resendAfterSeconds: 0, maxCodesPerAddressPerHour: 12 } });
    // One session, five sockets, each asking for codes as fast as it can: at most 5 an hour.
    const first = await askForPerson(server);
    const sockets = [first.c];
    for (let i = 0; i < 4; i++) sockets.push((await Customer.connect(server, { token: first.welcome.sessionToken })).c);
    const answers = await Promise.all(
      sockets.flatMap((s) => Array.from({ length: 4 }, () => s.request({ t: 'verify.resend', challengeId: first.challenge.id }))),
    );
    expect(answers.filter((a) => a.t === 'ack')).toHaveLength(4); // + the first one = 5
    const refused = answers.filter((a): a is Nack => a.t === 'nack');
    expect(refused.every((a) => a.error.code === 'rate_limited' && a.error.retryAfterMs === 3_600_000)).toBe(true);
    // Handoff requests from a reconnected socket do not reset anything.
    const back = await Customer.connect(server, { token: first.welcome.sessionToken });
    await back.c.request({ t: 'handoff.request', conversationId: first.welcome.conversationId });
    expect(await back.c.request({ t: 'verify.resend', challengeId: first.challenge.id })).toMatchObject({
      error: { code: 'rate_limited' },
    });

    // New sessions from the same address: capped at 12 codes an hour over all of them.
    let issued = 5;
    for (let i = 0; i < 4; i++) {
      const { c, welcome } = await Customer.connect(server);
      await c.request({ t: 'handoff.request', conversationId: welcome.conversationId });
      for (let j = 0; j < 5; j++) {
        const r = await c.request({ t: 'verify.resend', challengeId: (await firstChallenge(c))?.id ?? 'none' });
        if (r.t === 'ack') issued++;
      }
      if (c.events().some((e) => e.event.type === 'handoff')) issued++;
    }
    expect(issued).toBe(12);
    // An hour later the first session may ask again.
    clock.t = T0 + 3_600_000;
    expect(await back.c.request({ t: 'verify.resend', challengeId: first.challenge.id })).toMatchObject({ t: 'ack' });
  });

  it('codes to one phone are capped too, whatever the sessions (no SMS bombing through typed numbers)', async () => {
    server = await testServer({ verificationPolicy: { resendAfterSeconds: 0, maxCodesPerHour: 2 } });
    const a = await askForPerson(server, { user: { phone: '+44 7700 900123' } });
    expect(await a.c.request({ t: 'verify.resend', challengeId: a.challenge.id })).toMatchObject({ t: 'ack' });
    const b = await Customer.connect(server, { user: { phone: '44 7700-900-123' } });
    expect(await b.c.request({ t: 'handoff.request', conversationId: b.welcome.conversationId })).toMatchObject({
      t: 'nack',
      error: { code: 'rate_limited' },
    });
    const other = await askForPerson(server, { user: { phone: '+44 7700 900999' } });
    expect(other.challenge.attemptsLeft).toBe(5);
  });

  it('expired codes leave the console ("verifying") at once, by the server clock', async () => {
    const clock = clockAt(T0);
    server = await testServer({ now: clock.now, verificationPolicy: { sweepMs: 20 } });
    const op = await connectOperator(server.url, 'Olga');
    const { welcome, c } = await askForPerson(server);
    await op.waitForQueue((q) => q.verifying.some((i) => i.conversationId === welcome.conversationId));
    clock.t = T0 + 301_000;
    await op.waitForQueue((q) => q.verifying.length === 0);
    expect(await c.request({ t: 'verify.submit', challengeId: 'nope', code: '1' })).toMatchObject({ error: { code: 'not_found' } });
    await op.disconnect();
  });

  it('stores only a keyed hash; codes are never logged nor sent to operators (demo mode shows them, flagged)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-codes-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const opts: ServerOptions = { dataDir, logLevel: 'debug', logWriter: (l) => lines.push(l) };
    server = await testServer(opts);
    const op = await connectOperator(server.url, 'Olga');
    const { c, welcome, challenge } = await askForPerson(server);
    const code = (await server.lastVerificationCode(welcome.conversationId))!;
    await c.request({ t: 'verify.submit', challengeId: challenge.id, code: wrongOf(code) });
    await op.waitForQueue((q) => q.verifying.length === 1);
    const detail = await op.view(welcome.conversationId);
    expect(await c.request({ t: 'verify.submit', challengeId: challenge.id, code })).toMatchObject({ result: 'ok' });
    await op.waitForQueue((q) => q.waiting.length === 1);
    expect(JSON.stringify(op.events)).not.toContain(code);
    expect(JSON.stringify(detail)).not.toContain(code);
    expect(op.queue.demoCodes).toBeUndefined();
    expect(JSON.stringify(c.frames)).not.toContain(code);
    expect(lines.some((l) => l.includes('verification code sent'))).toBe(true);
    expect(lines.join('\n')).not.toContain(code);
    await op.disconnect();
    await server.close();
    server = undefined;
    const db = new Database(join(dataDir, 'support-chat.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT * FROM challenges').all() as Array<Record<string, unknown>>;
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);

    server = await testServer({ demo: true });
    const demoOp = await connectOperator(server.url, 'Olga');
    const demoCustomer = await askForPerson(server);
    const shown = await demoOp.waitForQueue((q) => q.verifying.some((i) => i.pendingCode !== undefined));
    expect(shown.demoCodes).toBe(true);
    expect(shown.verifying[0]!.pendingCode).toBe(await server.lastVerificationCode(demoCustomer.welcome.conversationId));
    await demoOp.disconnect();
  });

  it('migrates a database of before: plaintext codes are dropped and their pending challenges end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-codes-v1-'));
    dirs.push(dir);
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);');
    old
      .prepare(
        'INSERT INTO challenges (id, conversation_id, code, attempts_left, expires_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run('vc_old', 'c1', '987654', 3, T0 + 300_000, 'pending', T0);
    old.close();
    const store = createSqliteStore(file);
    expect(await store.challenge('vc_old')).toMatchObject({ status: 'expired', codeHash: '' });
    await store.close();
    const db = new Database(file, { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(challenges)').all() as Array<{ name: string }>).map((c) => c.name);
    db.close();
    expect(columns).not.toContain('code');
    expect(columns).toEqual(expect.arrayContaining(['code_hash', 'session_id', 'user_key', 'remote', 'resend_at']));
  });

  it('the queue fallback lets a customer wait for a person unverified; HTTP has resend and skip too', async () => {
    server = await testServer({ verificationFallback: 'queue', verificationPolicy: { resendAfterSeconds: 0 } });
    const { welcome, challenge } = await askForPerson(server);
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}/swp/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${welcome.sessionToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const resent = await post('/verify/resend', { challengeId: challenge.id });
    expect(resent.status).toBe(200);
    const { challenge: next } = (await resent.json()) as { challenge: VerificationChallenge };
    expect(next.id).not.toBe(challenge.id);
    const op = await connectOperator(server.url, 'Olga');
    expect((await post('/verify/skip', { challengeId: next.id })).status).toBe(204);
    const q = await op.waitForQueue((x) => x.waiting.length === 1);
    expect(q.waiting[0]!.customer.verified).toBe(false);
    await op.disconnect();

    const strict = await testServer({ verificationPolicy: { resendAfterSeconds: 600 } });
    try {
      const other = await askForPerson(strict);
      expect(await other.c.request({ t: 'verify.skip', challengeId: other.challenge.id })).toMatchObject({ error: { code: 'forbidden' } });
      const r = await fetch(`${strict.url}/swp/v1/verify/resend`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.welcome.sessionToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ challengeId: other.challenge.id }),
      });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(590);
    } finally {
      await strict.close();
    }
  });
});

async function firstChallenge(c: Customer): Promise<VerificationChallenge | undefined> {
  await until(() => c.frames.some((f) => f.t === 'ack' || f.t === 'nack'), 3000).catch(() => undefined);
  const ev = c.events().find((e) => e.event.type === 'handoff' && e.event.state === 'verification_required');
  return ev ? (ev.event as { challenge: VerificationChallenge }).challenge : undefined;
}
