/**
 * `support-chat-server operators …` run as the real CLI (`server/main.ts` in its own process) on a
 * data directory a running server also uses: add (piped and generated passwords), list, disable
 * (the open console socket closes, sign-in is refused), enable, reset.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { loginCookie } from '../helpers/operator-accounts';
import { testServer } from './customer';

const dir = mkdtempSync(path.join(tmpdir(), 'sc-ops-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; resolves with its exit code and output. */
function cli(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'operators', ...args, '--data-dir', dir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code: code ?? -1, out, err })));
}

describe('operators CLI', () => {
  it('adds, lists, disables, enables and resets accounts in the deployment database', async () => {
    const added = await cli(['add', 'anna', '--role', 'supervisor', '--display-name', 'Anna K.'], 'anna-password-12345\n');
    expect(added).toMatchObject({ code: 0, out: expect.stringMatching(/^added anna \(supervisor\) op_\S+\n$/) });
    const generated = await cli(['add', 'boris', '--role', 'operator']);
    expect(generated.code).toBe(0);
    const boris = /password: (\S+)\n/.exec(generated.out)?.[1];
    expect(boris).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await cli(['add', 'ANNA', '--role', 'operator'], 'another-password-1')).err).toMatch(/taken/);
    expect((await cli(['add', 'carl', '--role', 'operator'], 'short')).err).toMatch(/at least 12 characters/);
    expect((await cli(['add', 'carl', '--role', 'admin'], 'long-enough-password')).err).toMatch(/--role must be/);
    expect((await cli(['list'])).out).toMatch(/^anna\tsupervisor\tenabled\tAnna K\.\top_\S+\nboris\toperator\tenabled\tboris\top_\S+\n$/);

    // A server on the same data directory: the accounts sign in; a disable from the CLI ends the open socket.
    const server = await testServer({ dataDir: dir, operatorSessionCheckMs: 200 });
    try {
      const me = await fetch(`${server.url}/swp/v1/operator/me`, { headers: { Cookie: await loginCookie(server.url, 'boris', boris) } });
      expect(await me.json()).toMatchObject({ operator: { username: 'boris', role: 'operator' } });
      const cookie = await loginCookie(server.url, 'anna', 'anna-password-12345');
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/swp/v1/operator/ws`, { headers: { Cookie: cookie } });
      const closed = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ t: 'hello', id: 'h' }));
      expect(await cli(['disable', 'anna'])).toMatchObject({ code: 0, out: 'disabled anna (its sessions ended)\n' });
      expect(await closed).toBe(4401);
      await expect(loginCookie(server.url, 'anna', 'anna-password-12345')).rejects.toThrow(/401/);
      expect((await cli(['list'])).out).toMatch(/anna\tsupervisor\tdisabled/);
      expect((await cli(['enable', 'anna'])).code).toBe(0);
      await loginCookie(server.url, 'anna', 'anna-password-12345');
      const old = await loginCookie(server.url, 'boris', boris);
      const reset = await cli(['reset', 'boris']);
      const fresh = /password: (\S+)\n/.exec(reset.out)?.[1];
      expect(fresh).toBeDefined();
      expect(await (await fetch(`${server.url}/swp/v1/operator/me`, { headers: { Cookie: old } })).json()).toEqual({ operator: null });
      await expect(loginCookie(server.url, 'boris', boris)).rejects.toThrow(/401/);
      await loginCookie(server.url, 'boris', fresh);
    } finally {
      await server.close();
    }
    expect((await cli(['disable', 'nobody'])).err).toMatch(/no account "nobody"/);
    expect((await cli(['frobnicate', 'x'])).code).toBe(2);
    expect(await cli(['--help'])).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: support-chat-server operators/) });
  }, 120_000);
});
