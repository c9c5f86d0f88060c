/**
 * The bench's operator observer signs in like any operator: an account made with the real CLI in
 * the scenario's database, then `POST /swp/v1/operator/login`; the socket carries the cookie.
 * @module
 */
import { spawn } from 'node:child_process';

const USER = 'bench-observer';
const PASSWORD = 'bench-observer-password';

/** Adds the observer's account (the CLI, on the database `env` points at). */
export function addObserver(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'operators', 'add', USER, '--role', 'supervisor'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdin.end(`${PASSWORD}\n`);
  return new Promise((resolve, reject) =>
    child.once('close', (code) => (code === 0 || err.includes('taken') ? resolve() : reject(new Error(`operators add: ${err}`)))),
  );
}

/** Signs in at `baseUrl`; resolves with the session cookie. `BENCH_OPERATOR=user:password` for a server of your own. */
export async function observerCookie(baseUrl: string): Promise<string> {
  const [username, password] = process.env.BENCH_OPERATOR ? process.env.BENCH_OPERATOR.split(':', 2) : [USER, PASSWORD];
  const res = await fetch(`${baseUrl}/swp/v1/operator/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(baseUrl).origin },
    body: JSON.stringify({ username, password }),
  });
  const cookie = /swp_operator=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!res.ok || !cookie) throw new Error(`the bench observer could not sign in (${res.status}); set BENCH_OPERATOR=user:password`);
  return cookie;
}
