// Builds the library: ESM (dist/support-chat.js, deps external), the classic script
// (dist/support-chat.iife.js, everything bundled, window.SupportChat), source maps, and .d.ts files.
import { build } from 'vite';
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [/^preact($|\/)/, /^@preact\/signals/, /^ky($|\/)/, /^reconnecting-websocket/];

const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __SC_VERSION__: JSON.stringify(pkg.version) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/** One library build into dist/, minified, with a source map. */
const library = (lib, rollupOptions = {}) =>
  build({
    ...common,
    build: { outDir: 'dist', emptyOutDir: false, sourcemap: true, target: 'es2020', minify: true, lib, rollupOptions },
  });

await library({ entry: 'src/index.ts', formats: ['es'], fileName: () => 'support-chat.js' }, { external });
await library({ entry: 'src/embed/global.ts', formats: ['iife'], name: 'SupportChat', fileName: () => 'support-chat.iife.js' });

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
console.log('build: dist/support-chat.js, dist/support-chat.iife.js, dist/types/');
