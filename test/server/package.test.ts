/**
 * The `support-chat-server` package as npm would install it: built and packed (`npm pack`), the
 * tarball unpacked into a fresh folder whose only other packages are its declared dependencies, then
 * `support-chat-server` started with plain `node` (no tsx, no ../src): it serves the console, the
 * bot greets over WebSocket, `/healthz` answers; the API entry imports; the declarations resolve
 * under nodenext.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { Customer } from './customer';

const root = path.resolve(import.meta.dirname, '../..');
const fresh = mkdtempSync(path.join(tmpdir(), 'sc-pkg-'));
const installed = path.join(fresh, 'node_modules', 'support-chat-server');
const children: Array<ReturnType<typeof spawn>> = [];

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', fresh], {
    cwd: path.join(root, 'packages/server'),
  });
  const tarball = path.join(fresh, (JSON.parse(String(out)) as Array<{ filename: string }>)[0]!.filename);
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  // Only the declared runtime dependencies (and the types a TypeScript consumer would add).
  const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), '@types']) {
    symlinkSync(path.join(root, 'node_modules', dep), path.join(fresh, 'node_modules', dep));
  }
}, 120_000);
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(fresh, { recursive: true, force: true });
});

describe('support-chat-server from its tarball', () => {
  it('ships compiled JavaScript with its console and bot content, and nothing that reaches outside it', () => {
    const files = String(execFileSync('find', ['.', '-type', 'f'], { cwd: installed })).split('\n');
    expect(files).toContain('./dist/main.js');
    expect(files).toContain('./dist/console/index.html');
    expect(files).toContain('./dist/content/en.json');
    expect(files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
    const js = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(installed, f), 'utf8'));
    expect(js.some((t) => t.includes('../src/') || t.includes("from 'tsx'"))).toBe(false);
  });

  it('npx support-chat-server starts with plain node: console, bot greeting, health', async () => {
    const child = spawn(process.execPath, [path.join(installed, 'dist/main.js'), '--port', '0', '--data-dir', path.join(fresh, 'data')], {
      cwd: fresh,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const err: string[] = [];
    child.stderr.on('data', (d) => err.push(String(d)));
    const ready = await new Promise<{ url: string; ws: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err.join('')}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('"msg":"ready"')) resolve(JSON.parse(line) as { url: string; ws: string });
      });
    });
    expect((await fetch(`${ready.url}/healthz`)).status).toBe(200);
    const consolePage = await fetch(`${ready.url}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<script type="module" src="/console/console.js">');
    // The operators CLI ships too: an account made with it signs in to the running server.
    const add = spawnSync(
      process.execPath,
      [path.join(installed, 'dist/main.js'), 'operators', 'add', 'olga', '--role', 'operator', '--data-dir', path.join(fresh, 'data')],
      {
        cwd: fresh,
        input: 'packaged-password-1\n',
        encoding: 'utf8',
      },
    );
    expect(add.stdout).toMatch(/^added olga \(operator\) op_/);
    const login = await fetch(`${ready.url}/swp/v1/operator/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ready.url },
      body: JSON.stringify({ username: 'olga', password: 'packaged-password-1' }),
    });
    expect(login.status).toBe(200);
    const { c } = await Customer.connect({ wsUrl: ready.ws } as RunningServer);
    await c.waitFor((f) => f.t === 'event' && f.event.type === 'message', 10_000);
    await c.close();
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  }, 60_000);

  it('the API entry imports, and its declarations type-check under nodenext', async () => {
    const api = (await import(path.join(installed, 'dist/index.js'))) as Record<string, unknown>;
    for (const name of ['startServer', 'createSqliteStore', 'createPgStore', 'createPgBus', 'createLocalBlobStore', 'createPgBlobStore']) {
      expect(typeof api[name]).toBe('function');
    }
    const consumer = path.join(fresh, 'consumer.mts');
    const code = [
      "import { startServer, createPgStore, type ServerOptions, type ChatStore } from 'support-chat-server';",
      "const options: ServerOptions = { port: 0, dataDir: ':memory:' };",
      'const store: Promise<ChatStore> = createPgStore({ connectionString: "postgres://x" });',
      'export const run = async () => { const s = await startServer(options); await s.close(); return store; };',
      '',
    ].join('\n');
    await import('node:fs/promises').then((fs) => fs.writeFile(consumer, code));
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        consumer,
      ],
      { cwd: fresh, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);
});
