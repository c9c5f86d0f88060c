/**
 * Operator accounts and sign-in over real HTTP and WebSocket: no operator access without an
 * account, sessions that end (logout, idle, absolute, a disabled account), the login limit
 * (stored: it holds across a restart), the Origin allow-list and the SSO header.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { loginCookie, TEST_PASSWORD } from '../helpers/operator-accounts';
import { connectOperator, OperatorRequestError } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const start = async (options: ServerOptions = {}): Promise<RunningServer> => {
  server = await testServer(options);
  await server.createOperatorAccount({ username: 'anna', role: 'operator', password: TEST_PASSWORD });
  return server;
};

const login = (s: RunningServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/swp/v1/operator/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: s.url, ...headers },
    body: JSON.stringify(body),
  });

/** Opens a raw operator socket; resolves with what happened and every frame received. */
function rawSocket(s: RunningServer, headers: Record<string, string>): Promise<{ outcome: string; frames: unknown[] }> {
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}/swp/v1/operator/ws`, { headers });
  const frames: unknown[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve({ outcome: String(res.statusCode), frames }));
    ws.once('open', () => {
      ws.send(JSON.stringify({ t: 'hello', id: 'h', name: 'Mallory', role: 'supervisor' }));
      setTimeout(() => (ws.close(), resolve({ outcome: 'open', frames })), 500);
    });
    ws.once('error', () => resolve({ outcome: 'error', frames }));
  });
}

describe('operator accounts', () => {
  it('an anonymous operator connection gets nothing: refused at the upgrade, no queue, no events', async () => {
    const s = await start();
    const { c, welcome } = await Customer.connect(s);
    await c.request({ t: 'send', conversationId: welcome.conversationId, clientId: 'x', text: 'my card number is secret' });
    const tries: Array<Record<string, string>> = [
      {},
      { Origin: s.url },
      { Cookie: 'swp_operator=forged' },
      { Authorization: 'Bearer forged' },
    ];
    for (const headers of tries) {
      const r = await rawSocket(s, headers);
      expect(r.outcome).toBe('401');
      expect(r.frames).toEqual([]);
    }
    await c.close();
  });

  it('login sets an HttpOnly SameSite=Strict cookie; me answers; logout revokes it and closes its sockets', async () => {
    const s = await start();
    const res = await login(s, { username: 'Anna', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ operator: { username: 'anna', name: 'anna', role: 'operator' } });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^swp_operator=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=86\d{3}$/);
    const cookie = setCookie.split(';')[0]!;
    const me = await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: cookie } });
    expect(await me.json()).toMatchObject({ operator: { username: 'anna' } });
    const op = await connectOperator(s.url, 'anna', { cookie });
    expect(op.events.some((f) => f.t === 'welcome')).toBe(true);
    const out = await fetch(`${s.url}/swp/v1/operator/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: s.url } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: cookie } })).json()).toEqual({ operator: null });
    expect((await rawSocket(s, { Cookie: cookie })).outcome).toBe('401');
    await op.disconnect();
  });

  it('a logout closes the open socket of that session at once (4401)', async () => {
    const s = await start();
    const cookie = await loginCookie(s.url, 'anna');
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/swp/v1/operator/ws`, { headers: { Cookie: cookie } });
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    await new Promise((resolve) => ws.once('open', resolve));
    await fetch(`${s.url}/swp/v1/operator/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: s.url } });
    expect(await code).toBe(4401);
  });

  it('wrong password and unknown username get the same answer; a tool may use the token as a bearer', async () => {
    const s = await start();
    const wrong = await login(s, { username: 'anna', password: 'wrong-password-123' });
    const unknown = await login(s, { username: 'nobody', password: 'wrong-password-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
    expect((await login(s, { username: 'anna' })).status).toBe(400);
    const token = (await loginCookie(s.url, 'anna')).split('=')[1]!;
    const me = await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await me.json()).operator).toMatchObject({ username: 'anna' });
    const op = await connectOperator(s.url, 'anna', { cookie: 'none=1' }).catch((e: unknown) => e);
    expect(op).toBeInstanceOf(OperatorRequestError);
  });

  it('limits failed logins per username and per address (429 + Retry-After), counted in the store across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sc-acc-'));
    dirs.push(dataDir);
    const s = await start({ dataDir });
    for (let i = 0; i < 5; i++) expect((await login(s, { username: 'anna', password: `wrong-password-${i}` })).status).toBe(401);
    const limited = await login(s, { username: 'anna', password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    await s.close();
    server = undefined;
    const again = await testServer({ dataDir });
    server = again;
    expect((await login(again, { username: 'anna', password: TEST_PASSWORD })).status).toBe(429);
    // The address is limited too: other usernames from it are refused now.
    expect((await login(again, { username: 'boris', password: TEST_PASSWORD })).status).toBe(429);
  });

  it('a session ends when idle too long, at its absolute end, and (its open socket closed) when the password changes', async () => {
    let now = Date.now();
    const s = await start({ now: () => now, operatorSessionIdleMs: 60_000, operatorSessionMaxMs: 300_000, operatorSessionCheckMs: 100 });
    const cookie = await loginCookie(s.url, 'anna');
    now += 59_000;
    expect((await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: cookie } })).json()).operator).not.toBeNull();
    now += 59_000; // used within the idle time: still good
    expect((await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: cookie } })).json()).operator).not.toBeNull();
    now += 61_000;
    expect(await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: cookie } })).json()).toEqual({ operator: null });
    const fresh = await loginCookie(s.url, 'anna');
    for (let i = 0; i < 5; i++) {
      now += 50_000;
      await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: fresh } });
    }
    now += 50_001;
    expect(await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { Cookie: fresh } })).json()).toEqual({ operator: null });

    const third = await loginCookie(s.url, 'anna');
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/swp/v1/operator/ws`, { headers: { Cookie: third } });
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    await new Promise((resolve) => ws.once('open', resolve));
    await s.createOperatorAccount({ username: 'anna', role: 'operator', password: 'another-password-42' });
    expect(await code).toBe(4401); // a new password ended the session (checked while open)
  });

  it('checks Origin against the allow-list: another origin, or a rebound DNS name, is refused even with a session', async () => {
    const s = await start();
    const cookie = await loginCookie(s.url, 'anna');
    const port = new URL(s.url).port;
    expect((await login(s, { username: 'anna', password: TEST_PASSWORD }, { Origin: 'https://evil.example' })).status).toBe(403);
    // DNS rebinding: evil.example resolves to 127.0.0.1, so Host and Origin agree; the server's own origin is not that.
    const rebound = { Origin: `http://evil.example:${port}`, Host: `evil.example:${port}`, Cookie: cookie };
    expect((await rawSocket(s, rebound)).outcome).toBe('403');
    expect((await rawSocket(s, { Origin: `http://localhost:${port}`, Cookie: cookie })).outcome).toBe('open');
    const listed = await testServer({ operatorOrigins: ['https://desk.example'] });
    try {
      await listed.createOperatorAccount({ username: 'anna', role: 'operator', password: TEST_PASSWORD });
      expect((await login(listed, { username: 'anna', password: TEST_PASSWORD })).status).toBe(403);
      expect((await login(listed, { username: 'anna', password: TEST_PASSWORD }, { Origin: 'https://desk.example' })).status).toBe(200);
    } finally {
      await listed.close();
    }
  });

  it('SSO: the proxy header maps to an enabled account, only from a trusted proxy address', async () => {
    const s = await start({ operatorSsoHeader: 'X-Remote-User', trustedProxies: ['127.0.0.1'] });
    const me = await fetch(`${s.url}/swp/v1/operator/me`, { headers: { 'X-Remote-User': 'Anna' } });
    expect(await me.json()).toMatchObject({ operator: { username: 'anna' } });
    expect((await rawSocket(s, { 'X-Remote-User': 'anna' })).outcome).toBe('open');
    expect(await (await fetch(`${s.url}/swp/v1/operator/me`, { headers: { 'X-Remote-User': 'nobody' } })).json()).toEqual({
      operator: null,
    });
    await s.close();
    server = await testServer({ operatorSsoHeader: 'X-Remote-User', trustedProxies: ['10.0.0.7'] });
    await server.createOperatorAccount({ username: 'anna', role: 'operator', password: TEST_PASSWORD });
    expect(await (await fetch(`${server.url}/swp/v1/operator/me`, { headers: { 'X-Remote-User': 'anna' } })).json()).toEqual({
      operator: null,
    });
    expect((await rawSocket(server, { 'X-Remote-User': 'anna' })).outcome).toBe('401');
  });

  it('demo mode creates the demo accounts it is given and names them on the sign-in config; otherwise nothing', async () => {
    const demoAccounts = [{ username: 'demo-operator', password: 'demo-operator-pass', role: 'operator' as const }];
    server = await testServer({ demo: true, demoAccounts });
    const config = await (await fetch(`${server.url}/swp/v1/operator/config`)).json();
    expect(config).toEqual({ sso: false, demoAccounts: [{ username: 'demo-operator', password: 'demo-operator-pass', role: 'operator' }] });
    expect((await login(server, { username: 'demo-operator', password: 'demo-operator-pass' })).status).toBe(200);
    await server.close();
    server = await testServer({ demoAccounts });
    expect(await (await fetch(`${server.url}/swp/v1/operator/config`)).json()).toEqual({ sso: false });
    expect((await login(server, { username: 'demo-operator', password: 'demo-operator-pass' })).status).toBe(401);
  });

  it('audits login, login_failed and logout; no password and no unknown username reach the log', async () => {
    const lines: string[] = [];
    const s = await start({ logLevel: 'info', logWriter: (line) => lines.push(line) });
    await login(s, { username: 'anna', password: 'wrong-password-xyz' });
    await login(s, { username: 'my-secret-typed-here', password: 'wrong-password-xyz' });
    const cookie = await loginCookie(s.url, 'anna');
    await fetch(`${s.url}/swp/v1/operator/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: s.url } });
    // The audit log, as a supervisor reads it (oldest first; her own sign-in left out).
    const sup = await connectOperator(s.url, 'Sofia', { role: 'supervisor' });
    const listed = (await sup.command({ t: 'audit.list', limit: 50 })) as unknown as {
      entries: Array<{ action: string; detail: string | null; actorName: string | null }>;
    };
    await sup.disconnect();
    const audits = listed.entries.filter((e) => e.actorName !== 'Sofia').reverse();
    expect(audits.map((a) => a.action)).toEqual(['login_failed', 'login_failed', 'login', 'logout']);
    expect(audits[0]!.detail).toMatch(/^username anna from /);
    expect(audits[1]!.detail).toMatch(/^an unknown username from /);
    const all = lines.join('\n');
    for (const secret of ['wrong-password-xyz', TEST_PASSWORD, 'my-secret-typed-here', cookie.split('=')[1]!])
      expect(all).not.toContain(secret);
  });

  it('supervisors list accounts and disable one from the console: its socket closes at once; operators may not', async () => {
    const s = await start();
    const sup = await connectOperator(s.url, 'Sofia', { role: 'supervisor' });
    const anna = await connectOperator(s.url, 'anna', { cookie: await loginCookie(s.url, 'anna') });
    await expect(anna.command({ t: 'accounts.list' })).rejects.toMatchObject({ code: 'forbidden' });
    const listed = (await sup.command({ t: 'accounts.list' })) as unknown as { accounts: Array<Record<string, unknown>> };
    expect(listed.accounts.map((a) => [a.username, a.role, a.disabled])).toEqual([
      ['anna', 'operator', false],
      ['sofia', 'supervisor', false],
    ]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    await expect(sup.command({ t: 'accounts.disable', username: 'sofia' })).rejects.toMatchObject({ code: 'invalid' });
    await anna.disconnect();
    const raw = new WebSocket(`${s.url.replace('http', 'ws')}/swp/v1/operator/ws`, {
      headers: { Cookie: await loginCookie(s.url, 'anna') },
    });
    const code = new Promise<number>((resolve) => raw.once('close', (c) => resolve(c)));
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(JSON.stringify({ t: 'hello', id: 'h' }));
    const done = (await sup.command({ t: 'accounts.disable', username: 'ANNA' })) as unknown as { account: Record<string, unknown> };
    expect(done.account).toMatchObject({ username: 'anna', disabled: true });
    expect(await code).toBe(4401); // at once: the default re-check is 30 s
    await expect(loginCookie(s.url, 'anna')).rejects.toThrow(/401/);
    await sup.command({ t: 'accounts.enable', username: 'anna' });
    await loginCookie(s.url, 'anna');
    await sup.disconnect();
  });

  it('behind a trusted proxy the login limit counts the forwarded client address; X-Forwarded-For from others is ignored', async () => {
    const s = await start({ trustedProxies: ['127.0.0.1'] });
    const from = (ip: string, username: string, password: string) =>
      login(s, { username, password }, { 'X-Forwarded-For': `6.6.6.6, ${ip}` });
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.9', `nobody${i}`, 'wrong-password-123')).status).toBe(401);
    expect((await from('203.0.113.9', 'anna', TEST_PASSWORD)).status).toBe(429);
    expect((await from('198.51.100.4', 'anna', TEST_PASSWORD)).status).toBe(200);
    await s.close();
    server = await testServer();
    await server.createOperatorAccount({ username: 'anna', role: 'operator', password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++)
      await login(server, { username: `x${i}`, password: 'wrong-password-123' }, { 'X-Forwarded-For': `10.0.0.${i}` });
    expect((await login(server, { username: 'anna', password: TEST_PASSWORD }, { 'X-Forwarded-For': '10.0.0.99' })).status).toBe(429);
  });
});
