/**
 * Test operator accounts: servers started in this test process are remembered by origin, so the
 * sign-in helpers (`connectOperator`, `startShift`) can create a real account on them (through the
 * in-process hook `RunningServer.createOperatorAccount`) and sign in over HTTP with
 * {@link TEST_PASSWORD}. On a server in another process, create the account first (e.g. with the
 * CLI, `operators add NAME` with this password piped in).
 * @module
 */
import type { RunningServer } from '../../server/app';

/** The password of every test account. */
export const TEST_PASSWORD = 'test-password-correct-horse';

const servers = new Map<string, RunningServer>();
const made = new Map<string, Promise<void>>();

/** Remembers a server started in this process (testServer() does this; call it after your own startServer()). */
export function rememberServer<T extends RunningServer>(server: T): T {
  const origin = new URL(server.url).origin;
  servers.set(origin, server);
  // A new server on a port an earlier one had: its accounts are its own.
  for (const k of made.keys()) if (k.startsWith(`${origin} `)) made.delete(k);
  return server;
}

/** The username of a display name: `Olga Petrova` → `olga.petrova`. */
export function testUsername(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._@-]+/gu, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 64);
  return slug || 'operator';
}

/** Makes sure the account of `name` exists with `role` on the server at `url`, when it is one of ours. */
export async function ensureTestAccount(url: string, name: string, role: 'operator' | 'supervisor' = 'operator'): Promise<string> {
  const username = testUsername(name);
  const origin = new URL(url).origin;
  const server = servers.get(origin);
  if (!server) return username; // another process: the test made the account
  const key = `${origin} ${username} ${role}`;
  let done = made.get(key);
  if (!done) {
    done = server.createOperatorAccount({ username, role, password: TEST_PASSWORD, displayName: name }).then(() => undefined);
    made.set(key, done);
    // The same name with another role later must update it again.
    for (const k of made.keys()) if (k !== key && k.startsWith(`${origin} ${username} `)) made.delete(k);
  }
  await done;
  return username;
}

/** Signs in over HTTP; resolves with the session cookie (`swp_operator=…`). */
export async function loginCookie(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const origin = new URL(url).origin;
  const res = await fetch(`${origin}/swp/v1/operator/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) {
    const hint = servers.has(origin) ? '' : ' (a server of this process? start it with testServer() or pass it to rememberServer())';
    throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}${hint}`);
  }
  const set = res.headers.get('set-cookie') ?? '';
  const m = /swp_operator=([^;]+)/.exec(set);
  if (!m) throw new Error('sign-in set no session cookie');
  return `swp_operator=${m[1]}`;
}
