/**
 * Real reference-server processes (`server/main.ts` under tsx) on one shared PostgreSQL, for the
 * tests of a deployment of several processes; accounts are made in the shared database with the
 * real CLI (`operators add`, the test password piped in).
 *
 * ```ts
 * const a = await startServerProcess('A', pg.url, 'my_schema');
 * await addOperatorAccount(pg.url, 'my_schema', 'anna', 'supervisor');
 * const op = await connectOperator(a.url, 'anna');
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { RunningServer } from '../../server/app';
import { TEST_PASSWORD } from './operator-accounts';

/** A server process listening on a loopback port. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  /** The process's warning and error log lines so far (for failure reports). */
  problems: string[];
}

const started: ChildProcess[] = [];

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  /** Codes before a handoff (off by default here). */
  verification?: boolean;
  /** More command-line flags. */
  args?: readonly string[];
}

/** The identity/code secret every test process shares. */
export const SHARED_SECRET = 'shared-secret';

/** Starts a process on the shared database (schema `schema`); resolves once it listens. */
export function startServerProcess(
  name: string,
  databaseUrl: string,
  schema: string,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/main.ts', '--port', '0', '--hours', 'always', '--secret', SHARED_SECRET],
      ...(options.verification ? [] : ['--no-verification']),
      ...(options.args ?? []),
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  const err: string[] = [];
  child.stderr!.on('data', (d) => err.push(String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${err.join('')}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${err.join('')}`)));
    const problems: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"level":"warn"') || line.includes('"level":"error"')) problems.push(line);
      if (!line.includes('"msg":"ready"')) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { url: string; ws: string };
      resolve({ child, url: ready.url, wsUrl: ready.ws, problems });
    });
  });
}

/** Kills (SIGKILL) every process started here. */
export function killServerProcesses(): void {
  for (const p of started.splice(0)) p.kill('SIGKILL');
}

/** Adds an operator account in the shared database with the real CLI. */
export function addOperatorAccount(
  databaseUrl: string,
  schema: string,
  name: string,
  role: 'operator' | 'supervisor' = 'operator',
  displayName?: string,
): Promise<void> {
  const args = ['operators', 'add', name, '--role', role, ...(displayName ? ['--display-name', displayName] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  child.stdin!.end(`${TEST_PASSWORD}\n`);
  return new Promise((resolve, reject) =>
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`operators add ${name}: ${code} ${err}`)))),
  );
}

/** The process as the test clients (Customer, connectOperator) take a server. */
export const asServer = (p: ServerProcess): RunningServer => ({ wsUrl: p.wsUrl, url: p.url }) as RunningServer;
