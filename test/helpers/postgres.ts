/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` package, `initdb` in a temp
 * directory, bound to 127.0.0.1 on a free port with its socket in that directory, stopped (and the
 * directory removed) by `stop()` or when the process exits. As root it runs as the `postgres` user,
 * since initdb and postgres refuse root. `fsync=off`: fast, and never used for durability claims.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running test PostgreSQL. */
export interface TestPostgres {
  /** `postgres://app@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  stop(): void;
}

const ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin directory, if any. */
export function postgresBin(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(path.join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  return v ? path.join(ROOT, v, 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, in one line; undefined when they can. */
export function postgresMissing(): string | undefined {
  if (postgresBin()) return undefined;
  return 'PostgreSQL is not installed: `apt-get install -y postgresql` (as root) to run the PostgreSQL tests';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Starts a fresh PostgreSQL; throws with the reason when it cannot. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error(postgresMissing());
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-pg-'));
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--no-sync']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', opts, 'start']);
      break;
    } catch (e) {
      if (attempt >= 2) throw e; // the port was taken between the probe and the start: try another
    }
  }
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
    else spawnSync(path.join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  return { url: `postgres://app@127.0.0.1:${port}/postgres`, port, stop };
}
