/**
 * Starts `server/main.ts` as a separate process for the multi-process benchmark; resolves once it
 * prints its `ready` line.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server process. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  stop(): void;
}

/** Spawns one server process with `env` added to this one's. */
export function startServerProcess(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR ?? '/tmp/prof'}`] : []),
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      '0',
    ],
    {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const err: string[] = [];
  child.stderr!.on('data', (d) => err.push(String(d)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${err.join('').slice(-2000)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"msg":"ready"')) return;
      const url = (JSON.parse(line) as { url: string }).url;
      resolve({ child, url, port: Number(new URL(url).port), stop: () => child.kill('SIGTERM') });
    });
  });
}
