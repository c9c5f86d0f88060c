// Builds the `support-chat-server` package (packages/server): the server compiled to JavaScript
// (esbuild; runtime dependencies ws, better-sqlite3 and pg stay external), with the operator
// console and the bot content beside it, and declarations for the programmatic API whose relative
// imports carry `.js`, so they resolve under node16/nodenext as well as bundlers.
//   dist/main.js    the CLI (`npx support-chat-server`), dist/index.js  the API (startServer, engines)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { addJsSpecifiers, walk } from './lib/js-specifiers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const pkg = path.join(root, 'packages/server');
const dist = path.join(pkg, 'dist');
const external = Object.keys(JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).dependencies);

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'server/main.ts'), index: path.join(root, 'server/index.ts') },
  outdir: dist,
  bundle: true,
  // One file each (no shared chunks): the server finds its console and bot content next to its module.
  splitting: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  legalComments: 'none',
  logLevel: 'warning',
});
const main = path.join(dist, 'main.js');
writeFileSync(main, `#!/usr/bin/env node\n${readFileSync(main, 'utf8')}`);
chmodSync(main, 0o755);

// What the server reads next to its module at run time.
cpSync(path.join(root, 'server/console'), path.join(dist, 'console'), { recursive: true });
mkdirSync(path.join(dist, 'content'), { recursive: true });
for (const f of ['en.json', 'ru.json']) cpSync(path.join(root, 'server/bot/content', f), path.join(dist, 'content', f));

// Declarations of the API, then `.js` on every relative specifier (node16/nodenext need them).
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.server-types.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
addJsSpecifiers(path.join(dist, 'types'));
const size = walk(dist).reduce((n, f) => n + statSync(f).size, 0);
console.log(`support-chat-server built in ${path.relative(root, dist)} (${(size / 1024).toFixed(0)} KB)`);
